package handlers

import (
	"io"
	"net/http"
	"net/url"

	"github.com/gin-gonic/gin"
)

var allowedHosts = map[string]bool{"api.example.com": true}

func proxy(c *gin.Context) {
	target := c.Query("url")
	// ruleid: DSQ-GO-0004
	resp, _ := http.Get(target)
	defer resp.Body.Close()
	io.Copy(c.Writer, resp.Body)
	// ok: DSQ-GO-0004
	http.Get("https://api.example.com/status")
}

func fetch(w http.ResponseWriter, r *http.Request) {
	u, err := url.Parse(r.FormValue("u"))
	if err != nil {
		return
	}
	// ruleid: DSQ-GO-0004
	req, _ := http.NewRequest("GET", u.String(), nil)
	http.DefaultClient.Do(req)
	if _, ok := allowedHosts[u.Hostname()]; !ok {
		http.Error(w, "host not allowed", http.StatusForbidden)
		return
	}
	// ok: DSQ-GO-0004
	http.NewRequest("GET", u.String(), nil)
}

func avatarURL(w http.ResponseWriter, r *http.Request) {
	client := &http.Client{}
	// ruleid: DSQ-GO-0004
	client.Get("http://" + r.Header.Get("X-Backend") + "/avatar")
	id := url.PathEscape(r.FormValue("id"))
	// ok: DSQ-GO-0004
	client.Get("https://cdn.example.com/avatars/" + id)
}
