package client

import (
	"crypto/tls"
	"net/http"
)

func insecure() *http.Client {
	tr := &http.Transport{
		// ruleid: DSQ-GO-0011
		TLSClientConfig: &tls.Config{InsecureSkipVerify: true},
	}
	return &http.Client{Transport: tr}
}

func alsoInsecure(cfg *tls.Config) {
	// ruleid: DSQ-GO-0011
	cfg.InsecureSkipVerify = true
}

func secure() *tls.Config {
	// ok: DSQ-GO-0011
	return &tls.Config{InsecureSkipVerify: false, MinVersion: tls.VersionTLS12}
}
