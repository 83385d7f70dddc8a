package handlers

import (
	"database/sql"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"
)

var db *sql.DB

func userHandler(w http.ResponseWriter, r *http.Request) {
	id := r.URL.Query().Get("id")
	// ruleid: DSQ-GO-0001
	rows, _ := db.Query("SELECT * FROM users WHERE id = " + id)
	defer rows.Close()
	// ok: DSQ-GO-0001
	db.Query("SELECT * FROM users WHERE id = $1", id)
	q := fmt.Sprintf("DELETE FROM users WHERE name = '%s'", r.FormValue("name"))
	// ruleid: DSQ-GO-0001
	db.Exec(q)
	n, err := strconv.Atoi(r.FormValue("limit"))
	if err != nil {
		return
	}
	// ok: DSQ-GO-0001
	db.Query(fmt.Sprintf("SELECT * FROM users LIMIT %d", n))
	// ruleid: DSQ-GO-0001
	db.QueryRowContext(r.Context(), "SELECT 1 FROM t WHERE x = '"+r.Header.Get("X-Tenant")+"'")
	// ok: DSQ-GO-0001
	db.QueryRowContext(r.Context(), "SELECT 1 FROM t WHERE x = ?", r.Header.Get("X-Tenant"))
}

func search(c *gin.Context) {
	var sb strings.Builder
	sb.WriteString("SELECT * FROM items WHERE ")
	sb.WriteString("name LIKE '%" + c.Query("q") + "%'")
	// ruleid: DSQ-GO-0001
	db.Query(sb.String())
	cols := []string{"id", "name"}
	// ok: DSQ-GO-0001
	db.Query("SELECT " + strings.Join(cols, ",") + " FROM items")
	// ok: DSQ-GO-0001
	name := c.Query("name")
	c.JSON(200, gin.H{"name": name})
}

func filterBody(c *gin.Context) {
	var req struct{ Sort string }
	if err := c.ShouldBindJSON(&req); err != nil {
		return
	}
	// ruleid: DSQ-GO-0001
	gormDB.Order(req.Sort + " desc").Find(&items)
	// ok: DSQ-GO-0001
	gormDB.Where("name = ?", req.Sort).Find(&items)
}

// Cross-function: the parameter reaches the sink, the caller passes request data.
func findByEmail(email string) {
	// ruleid: DSQ-GO-0001
	db.QueryRow("SELECT id FROM users WHERE email = '" + email + "'")
}

func emailHandler(w http.ResponseWriter, r *http.Request) {
	findByEmail(r.PostFormValue("email"))
}
