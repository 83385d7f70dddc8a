package handlers

import (
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"
)

func login(w http.ResponseWriter, r *http.Request) {
	next := r.URL.Query().Get("next")
	// ruleid: DSQ-GO-0005
	http.Redirect(w, r, next, http.StatusFound)
	if !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") {
		next = "/"
	}
	// ok: DSQ-GO-0005
	http.Redirect(w, r, "/home", http.StatusFound)
}

func back(c *gin.Context) {
	// ruleid: DSQ-GO-0005
	c.Redirect(http.StatusFound, c.Query("return_to"))
	target := c.Query("to")
	if strings.HasPrefix(target, "/") && !strings.HasPrefix(target, "//") {
		// ok: DSQ-GO-0005
		c.Redirect(http.StatusFound, target)
	}
	// ok: DSQ-GO-0005
	c.Redirect(http.StatusMovedPermanently, "https://example.com/new")
}
