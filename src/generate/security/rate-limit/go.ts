/** Rate limiting for Go: a fixed-window limiter (memory or go-redis store), net/http middleware, gin adapter. */
import type { StackCode } from '../shared/part.js';
import type { Stack } from '../shared/stack.js';
import { authPaths, tiers, type RateLimitInputs } from './policy.js';

const q = (s: string): string => JSON.stringify(s);

function limiter(options: RateLimitInputs): string {
  return `// Package ratelimit limits requests per IP, per signed-in user, and strictly on the auth routes.
package ratelimit

import (
	"context"
	"encoding/json"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Tier is one limit over one fixed window.
type Tier struct {
	Name   string
	Limit  int
	Window time.Duration
}

// Tiers: per IP, per user, and the auth routes (keyed by IP).
var Tiers = map[string]Tier{
${tiers(options).map((t) => `\t${q(t.name)}: {Name: ${q(t.name)}, Limit: ${t.limit}, Window: ${t.windowSeconds} * time.Second},`).join('\n')}
}

// AuthPaths get the strict tier (prefix match).
var AuthPaths = []string{${authPaths(options).map(q).join(', ')}}

// Store counts hits in a window.
type Store interface {
	Hit(ctx context.Context, key string, window time.Duration) (count int, resetIn time.Duration, err error)
}

// MemoryStore keeps per-process counts: NOT shared across replicas or restarts.
type MemoryStore struct {
	mu      sync.Mutex
	windows map[string]memoryWindow
	Now     func() time.Time
}

type memoryWindow struct {
	count   int
	resetAt time.Time
}

// NewMemoryStore returns an empty in-process store.
func NewMemoryStore() *MemoryStore {
	return &MemoryStore{windows: map[string]memoryWindow{}, Now: time.Now}
}

// Hit counts one request.
func (s *MemoryStore) Hit(_ context.Context, key string, window time.Duration) (int, time.Duration, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.Now()
	w := s.windows[key]
	if !w.resetAt.After(now) {
		w = memoryWindow{resetAt: now.Add(window)}
	}
	w.count++
	s.windows[key] = w
	return w.count, w.resetAt.Sub(now), nil
}

// Decision is the outcome for one request.
type Decision struct {
	Allowed    bool
	Tier       string
	Limit      int
	Remaining  int
	RetryAfter int
}

// IsAuthPath reports whether the path gets the strict tier.
func IsAuthPath(path string) bool {
	for _, p := range AuthPaths {
		if path == p || strings.HasPrefix(path, p+"/") {
			return true
		}
	}
	return false
}

// Decide checks every tier that applies; the first exhausted one decides.
func Decide(ctx context.Context, store Store, path, ip, userID string) (Decision, error) {
	type check struct{ tier, key string }
	checks := []check{{"ip", "ip:" + ip}}
	if userID != "" {
		checks = append(checks, check{"user", "user:" + userID})
	}
	if IsAuthPath(path) {
		checks = append(checks, check{"auth", "auth:" + ip})
	}
	tightest := Decision{Allowed: true, Remaining: -1}
	for _, c := range checks {
		tier := Tiers[c.tier]
		count, resetIn, err := store.Hit(ctx, c.tier+":"+c.key, tier.Window)
		if err != nil {
			return Decision{}, err
		}
		retry := int((resetIn + time.Second - 1) / time.Second)
		if retry < 1 {
			retry = 1
		}
		remaining := tier.Limit - count
		if remaining < 0 {
			remaining = 0
		}
		d := Decision{Allowed: count <= tier.Limit, Tier: c.tier, Limit: tier.Limit, Remaining: remaining, RetryAfter: retry}
		if !d.Allowed {
			return d, nil
		}
		if tightest.Remaining < 0 || d.Remaining < tightest.Remaining {
			tightest = d
		}
	}
	return tightest, nil
}

// ClientIP is the connection's address; put a trusted proxy-header middleware first when behind one.
func ClientIP(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

// Middleware answers 429 with Retry-After; userID returns "" for anonymous requests.
func Middleware(store Store, userID func(*http.Request) string) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			d, err := Decide(r.Context(), store, r.URL.Path, ClientIP(r), userID(r))
			if err != nil {
				// Fail open: a store outage must not take the API down.
				next.ServeHTTP(w, r)
				return
			}
			w.Header().Set("RateLimit-Limit", strconv.Itoa(d.Limit))
			w.Header().Set("RateLimit-Remaining", strconv.Itoa(d.Remaining))
			if !d.Allowed {
				w.Header().Set("Retry-After", strconv.Itoa(d.RetryAfter))
				w.Header().Set("Content-Type", "application/json")
				w.WriteHeader(http.StatusTooManyRequests)
				_ = json.NewEncoder(w).Encode(map[string]any{"error": "Too Many Requests", "retryAfter": d.RetryAfter})
				return
			}
			next.ServeHTTP(w, r)
		})
	}
}
`;
}

function redis(env: string): string {
  return `package ratelimit

import (
	"context"
	"fmt"
	"os"
	"time"

	"github.com/redis/go-redis/v9"
)

// RedisStore is shared by every replica: INCR, then PEXPIRE on the first hit of a window.
type RedisStore struct {
	Client *redis.Client
	Prefix string
}

// NewRedisStore connects with the URL in ${env} (from the plan).
func NewRedisStore() (*RedisStore, error) {
	url := os.Getenv(${q(env)})
	if url == "" {
		return nil, fmt.Errorf("${env} is not set: the rate limiter needs Redis")
	}
	opts, err := redis.ParseURL(url)
	if err != nil {
		return nil, err
	}
	return &RedisStore{Client: redis.NewClient(opts), Prefix: "ratelimit:"}, nil
}

// Hit counts one request.
func (s *RedisStore) Hit(ctx context.Context, key string, window time.Duration) (int, time.Duration, error) {
	name := s.Prefix + key
	count, err := s.Client.Incr(ctx, name).Result()
	if err != nil {
		return 0, 0, err
	}
	if count == 1 {
		s.Client.PExpire(ctx, name, window)
	}
	ttl, err := s.Client.PTTL(ctx, name).Result()
	if err != nil || ttl <= 0 {
		s.Client.PExpire(ctx, name, window)
		ttl = window
	}
	return int(count), ttl, nil
}
`;
}

function test(options: RateLimitInputs): string {
  const auth = authPaths(options)[0] ?? '/login';
  return `package ratelimit

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"
)

func TestAuthTierAnswers429WithRetryAfter(t *testing.T) {
	now := time.Unix(0, 0)
	store := NewMemoryStore()
	store.Now = func() time.Time { return now }
	handler := Middleware(store, func(*http.Request) string { return "" })(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {}))
	limit := Tiers["auth"].Limit
	var rec *httptest.ResponseRecorder
	for i := 0; i <= limit; i++ {
		rec = httptest.NewRecorder()
		handler.ServeHTTP(rec, httptest.NewRequest(http.MethodPost, ${q(auth)}, nil))
	}
	if rec.Code != http.StatusTooManyRequests || rec.Header().Get("Retry-After") == "" {
		t.Fatalf("want 429 with Retry-After, got %d %q", rec.Code, rec.Header().Get("Retry-After"))
	}
	now = now.Add(Tiers["auth"].Window)
	rec = httptest.NewRecorder()
	handler.ServeHTTP(rec, httptest.NewRequest(http.MethodPost, ${q(auth)}, nil))
	if rec.Code != http.StatusOK {
		t.Fatalf("window did not reset: %d", rec.Code)
	}
}

func TestPerIPTier(t *testing.T) {
	store := NewMemoryStore()
	ctx := context.Background()
	for i := 0; i < Tiers["ip"].Limit; i++ {
		if _, err := Decide(ctx, store, "/items", "9.9.9.9", ""); err != nil {
			t.Fatal(err)
		}
	}
	d, _ := Decide(ctx, store, "/items", "9.9.9.9", "")
	if d.Allowed || d.Tier != "ip" {
		t.Fatalf("want ip tier exhausted, got %+v", d)
	}
}
`;
}

export function goRateLimit(stack: Stack, options: RateLimitInputs, redisEnv: string | null): StackCode {
  const files = [{ name: 'ratelimit.go', code: limiter(options) }, { name: 'ratelimit_test.go', code: test(options) }];
  const dependencies = [];
  if (redisEnv) {
    files.push({ name: 'redis.go', code: redis(redisEnv) });
    dependencies.push({ name: 'github.com/redis/go-redis/v9', version: 'v9.7.0' });
  }
  const storeExpr = redisEnv ? 'store, err := ratelimit.NewRedisStore()' : 'store := ratelimit.NewMemoryStore()';
  const wiring = [`\`${storeExpr}\`, then \`handler = ratelimit.Middleware(store, userIDFromRequest)(mux)\` (userIDFromRequest returns "" for anonymous requests).`];
  if (stack === 'gin') {
    files.push({
      name: 'gin.go',
      code: `package ratelimit

import (
	"net/http"

	"github.com/gin-gonic/gin"
)

// Gin adapts the middleware: router.Use(ratelimit.Gin(store, func(c *gin.Context) string { return c.GetString("userID") })).
func Gin(store Store, userID func(*gin.Context) string) gin.HandlerFunc {
	return func(c *gin.Context) {
		passed := false
		Middleware(store, func(*http.Request) string { return userID(c) })(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { passed = true })).ServeHTTP(c.Writer, c.Request)
		if !passed {
			c.Abort()
			return
		}
		c.Next()
	}
}
`,
    });
    dependencies.push({ name: 'github.com/gin-gonic/gin', version: 'v1.10.0' });
    wiring.splice(0, 1, `\`${storeExpr}\`, then \`router.Use(ratelimit.Gin(store, func(c *gin.Context) string { return c.GetString("userID") }))\`; set \`router.SetTrustedProxies\` so \`ClientIP\` sees the client.`);
  }
  return { files, dependencies, wiring };
}
