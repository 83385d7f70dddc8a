package handlers

import (
	"fmt"
	"html"
	"html/template"
	"net/http"

	"github.com/labstack/echo/v4"
)

func hello(w http.ResponseWriter, r *http.Request) {
	name := r.URL.Query().Get("name")
	// ruleid: DSQ-GO-0006
	fmt.Fprintf(w, "<h1>Hello %s</h1>", name)
	// ok: DSQ-GO-0006
	fmt.Fprintf(w, "<h1>Hello %s</h1>", html.EscapeString(name))
	// ruleid: DSQ-GO-0006
	w.Write([]byte("<p>" + r.FormValue("msg") + "</p>"))
	// ok: DSQ-GO-0006
	w.Write([]byte("<p>static</p>"))
	tmpl := template.Must(template.New("p").Parse(`<p>{{.}}</p>`))
	// ok: DSQ-GO-0006
	tmpl.Execute(w, name)
	// ruleid: DSQ-GO-0006
	tmpl.Execute(w, template.HTML(name))
	// ok: DSQ-GO-0006
	fmt.Fprintf(w, "count: %d", len(name))
}

func greet(c echo.Context) error {
	// ruleid: DSQ-GO-0006
	return c.HTML(http.StatusOK, "<b>"+c.Param("who")+"</b>")
}

func static(c echo.Context) error {
	// ok: DSQ-GO-0006
	return c.HTML(http.StatusOK, "<b>hi</b>")
}
