package handlers

import (
	"net/http"
	"os"
	"text/template"
)

func preview(w http.ResponseWriter, r *http.Request) {
	body := r.FormValue("template")
	// ruleid: DSQ-GO-0007
	t, _ := template.New("preview").Parse(body)
	t.Execute(w, map[string]string{"name": "x"})
	// ok: DSQ-GO-0007
	t2 := template.Must(template.New("page").Parse("<p>Hello {{.}}</p>"))
	// ok: DSQ-GO-0007
	t2.Execute(w, body)
}

func greeting(w http.ResponseWriter, r *http.Request) {
	tmpl := template.New("g")
	// ruleid: DSQ-GO-0007
	tmpl.Parse("Hello " + r.URL.Query().Get("name"))
	tmpl.Execute(os.Stdout, nil)
}
