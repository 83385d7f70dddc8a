package main

import (
	"log"
	"net/http"
	"time"
)

func main() {
	mux := http.NewServeMux()
	// ruleid: DSQ-GO-0016
	log.Fatal(http.ListenAndServe(":8080", mux))
	// ruleid: DSQ-GO-0016
	bad := &http.Server{Addr: ":8081", Handler: mux}
	bad.ListenAndServe()
	// ok: DSQ-GO-0016
	srv := &http.Server{Addr: ":8082", Handler: mux, ReadHeaderTimeout: 5 * time.Second}
	log.Fatal(srv.ListenAndServe())
}
