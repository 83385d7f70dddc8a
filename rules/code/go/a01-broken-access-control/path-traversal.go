package handlers

import (
	"net/http"
	"os"
	"path/filepath"
	"strings"

	"github.com/gofiber/fiber/v2"
	"github.com/gorilla/mux"
)

const base = "/srv/files"

func download(w http.ResponseWriter, r *http.Request) {
	name := mux.Vars(r)["name"]
	// ruleid: DSQ-GO-0003
	data, _ := os.ReadFile(filepath.Join(base, name))
	w.Write(data)
	// ok: DSQ-GO-0003
	os.ReadFile(filepath.Join(base, filepath.Base(name)))
	// ruleid: DSQ-GO-0003
	http.ServeFile(w, r, filepath.Join(base, filepath.Clean(name)))
	// ok: DSQ-GO-0003
	http.ServeFile(w, r, filepath.Join(base, filepath.Clean("/"+name)))
}

func open(w http.ResponseWriter, r *http.Request) {
	p := filepath.Join(base, r.PathValue("path"))
	if !strings.HasPrefix(p, base+string(os.PathSeparator)) {
		http.Error(w, "bad path", http.StatusBadRequest)
		return
	}
	// ok: DSQ-GO-0003
	f, _ := os.Open(p)
	defer f.Close()
}

func avatar(c *fiber.Ctx) error {
	// ruleid: DSQ-GO-0003
	return c.SendFile("./uploads/" + c.Params("file"))
}

func static(c *fiber.Ctx) error {
	// ok: DSQ-GO-0003
	return c.SendFile("./public/index.html")
}
