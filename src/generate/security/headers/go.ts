/**
 * Security headers for Go: a net/http middleware (works with chi and any http.Handler router) and,
 * for gin, an adapter. Standard library only, plus gin when the service uses it.
 */
import type { Dependency } from '../shared/doc.js';
import type { Stack } from '../shared/stack.js';
import { cspHeaderName, cspString, frameOptions, hstsValue, NONCE, PERMISSIONS_POLICY, REFERRER_POLICY, type HeadersInputs } from './policy.js';

export interface GoHeaders {
  files: { name: string; code: string }[];
  dependencies: Dependency[];
  wiring: string[];
}

const q = (s: string): string => JSON.stringify(s);

export function goHeaders(stack: Stack, options: HeadersInputs): GoHeaders {
  const code = `// Package headers sets the security headers: a strict nonce-based CSP, HSTS and friends.
package headers

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"log"
	"net/http"
	"strings"
)

// CSPMode "report-only" sends ${cspHeaderName({ ...options, cspMode: 'report-only' })}: read the reports, then regenerate with headers.cspMode=enforce.
const (
	CSPMode           = ${q(options.cspMode)}
	CSPHeader         = ${q(cspHeaderName(options))}
	CSPReportPath     = ${q(options.reportPath)}
	HSTS              = ${q(hstsValue(options))}
	PermissionsPolicy = ${q(PERMISSIONS_POLICY)}
	policy            = ${q(cspString(options, true))}
)

type nonceKey struct{}

// Nonce returns the request's CSP nonce: render it on every inline <script nonce="...">.
func Nonce(r *http.Request) string {
	nonce, _ := r.Context().Value(nonceKey{}).(string)
	return nonce
}

// BuildCSP returns the policy with the nonce in place.
func BuildCSP(nonce string) string {
	return strings.ReplaceAll(policy, ${q(NONCE)}, nonce)
}

func newNonce() string {
	buf := make([]byte, 16)
	if _, err := rand.Read(buf); err != nil {
		panic(err)
	}
	return base64.StdEncoding.EncodeToString(buf)
}

// Set writes the headers for one response and returns the nonce it used.
func Set(w http.ResponseWriter) string {
	nonce := newNonce()
	h := w.Header()
	h.Set(CSPHeader, BuildCSP(nonce))
	h.Set("Strict-Transport-Security", HSTS)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("X-Frame-Options", ${q(frameOptions(options))})
	h.Set("Referrer-Policy", ${q(REFERRER_POLICY)})
	h.Set("Permissions-Policy", PermissionsPolicy)
	h.Set("Cross-Origin-Opener-Policy", "same-origin")
	h.Set("Cross-Origin-Resource-Policy", "same-origin")
	return nonce
}

// Middleware wraps a handler: mux := http.NewServeMux(); http.ListenAndServe(addr, headers.Middleware(mux)).
func Middleware(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		nonce := Set(w)
		next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), nonceKey{}, nonce)))
	})
}

// ReportHandler logs CSP violation reports: mux.Handle(CSPReportPath, headers.ReportHandler()).
func ReportHandler() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		buf := make([]byte, 4096)
		n, _ := r.Body.Read(buf)
		log.Printf("csp violation: %s", buf[:n])
		w.WriteHeader(http.StatusNoContent)
	})
}
`;
  const test = `package headers

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

func TestMiddlewareSetsHeaders(t *testing.T) {
	var seen string
	handler := Middleware(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		seen = Nonce(r)
	}))
	rec := httptest.NewRecorder()
	handler.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/", nil))
	csp := rec.Header().Get(CSPHeader)
	if seen == "" || !strings.Contains(csp, "'nonce-"+seen+"' 'strict-dynamic'") {
		t.Fatalf("csp %q does not carry the nonce %q", csp, seen)
	}
	if got := rec.Header().Get("Strict-Transport-Security"); got != HSTS {
		t.Fatalf("hsts = %q", got)
	}
	for _, name := range []string{"X-Content-Type-Options", "X-Frame-Options", "Referrer-Policy", "Permissions-Policy", "Cross-Origin-Opener-Policy"} {
		if rec.Header().Get(name) == "" {
			t.Fatalf("%s missing", name)
		}
	}
}

func TestNonceChangesPerRequest(t *testing.T) {
	a, b := httptest.NewRecorder(), httptest.NewRecorder()
	if Set(a) == Set(b) {
		t.Fatal("nonce reused")
	}
}
`;
  const files = [{ name: 'headers.go', code }, { name: 'headers_test.go', code: test }];
  const wiring = ['net/http (and chi): wrap the router, `http.ListenAndServe(addr, headers.Middleware(mux))`, and `mux.Handle(headers.CSPReportPath, headers.ReportHandler())`.'];
  const dependencies: Dependency[] = [];
  if (stack === 'gin') {
    files.push({
      name: 'gin.go',
      code: `package headers

import "github.com/gin-gonic/gin"

// Gin is the middleware for gin: router.Use(headers.Gin()); the nonce is in c.GetString("cspNonce").
func Gin() gin.HandlerFunc {
	return func(c *gin.Context) {
		c.Set("cspNonce", Set(c.Writer))
		c.Next()
	}
}
`,
    });
    wiring.splice(0, 1, 'gin: `router.Use(headers.Gin())` before the routes; templates read the nonce with `c.GetString("cspNonce")`; `router.POST(headers.CSPReportPath, gin.WrapH(headers.ReportHandler()))`.');
    dependencies.push({ name: 'github.com/gin-gonic/gin', version: 'v1.10.0' });
  }
  return { files, dependencies, wiring };
}
