package handlers

import (
	"net/http"
	"os/exec"

	"github.com/labstack/echo/v4"
)

func ping(w http.ResponseWriter, r *http.Request) {
	host := r.URL.Query().Get("host")
	// ruleid: DSQ-GO-0002
	out, _ := exec.Command("sh", "-c", "ping -c 1 "+host).Output()
	w.Write(out)
	// ok: DSQ-GO-0002
	exec.Command("ping", "-c", "1", "--", host).Run()
	// ok: DSQ-GO-0002
	exec.Command("sh", "-c", "uptime").Run()
}

func run(c echo.Context) error {
	tool := c.QueryParam("tool")
	// ruleid: DSQ-GO-0002
	cmd := exec.Command(tool, "--version")
	allowed := map[string]bool{"git": true, "go": true}
	if !allowed[tool] {
		return c.NoContent(400)
	}
	_ = cmd
	// ok: DSQ-GO-0002
	return exec.Command(tool, "--version").Run()
}

func convert(c echo.Context) error {
	name := c.FormValue("file")
	// ruleid: DSQ-GO-0002
	return exec.CommandContext(c.Request().Context(), "bash", "-c", "convert "+name+" out.png").Run()
}
