/** Go health handlers on an http.ServeMux (gin/echo/fiber wrap it): per-dependency checks with a context timeout. */
import type { AppStack } from '../otel/app-stack.js';
import { LIVE_PATH, READY_PATH, STARTUP_PATH, type ReadinessCheck } from './checks.js';

const CHECKS: Record<ReadinessCheck['kind'], { imports: string[]; code: (env: string) => string }> = {
  postgres: {
    imports: ['"github.com/jackc/pgx/v5"'],
    code: (env) => `func(ctx context.Context) error {
		conn, err := pgx.Connect(ctx, os.Getenv("${env}"))
		if err != nil {
			return err
		}
		defer conn.Close(context.Background())
		return conn.Ping(ctx)
	}`,
  },
  mysql: {
    imports: ['"database/sql"', '_ "github.com/go-sql-driver/mysql"'],
    code: (env) => `func(ctx context.Context) error {
		db, err := sql.Open("mysql", os.Getenv("${env}"))
		if err != nil {
			return err
		}
		defer db.Close()
		return db.PingContext(ctx)
	}`,
  },
  redis: {
    imports: ['"github.com/redis/go-redis/v9"'],
    code: (env) => `func(ctx context.Context) error {
		opts, err := redis.ParseURL(os.Getenv("${env}"))
		if err != nil {
			return err
		}
		client := redis.NewClient(opts)
		defer client.Close()
		return client.Ping(ctx).Err()
	}`,
  },
  mongodb: {
    imports: ['"go.mongodb.org/mongo-driver/v2/mongo"', '"go.mongodb.org/mongo-driver/v2/mongo/options"'],
    code: (env) => `func(ctx context.Context) error {
		client, err := mongo.Connect(options.Client().ApplyURI(os.Getenv("${env}")))
		if err != nil {
			return err
		}
		defer client.Disconnect(context.Background())
		return client.Ping(ctx, nil)
	}`,
  },
};

export function goHealth(_stack: AppStack, header: string, checks: readonly ReadinessCheck[], legacy: string | null): string {
  const extra = [...new Set(checks.flatMap((c) => CHECKS[c.kind].imports))].sort();
  const imports = ['"context"', '"encoding/json"', '"net/http"', '"os"', '"regexp"', '"sync"', '"sync/atomic"', '"time"', ...(extra.length > 0 ? ['', ...extra] : [])];
  const routes = [`	mux.HandleFunc("GET ${LIVE_PATH}", Liveness)`, `	mux.HandleFunc("GET ${READY_PATH}", Readiness)`, `	mux.HandleFunc("GET ${STARTUP_PATH}", Startup)`];
  if (legacy !== null) routes.push(`	// The plan's health path (Dockerfile HEALTHCHECK, Kubernetes probes): kept, as cheap as liveness.\n	mux.HandleFunc("GET ${legacy}", Liveness)`);
  return `${header}

package observability

// Health endpoints: ${LIVE_PATH} (no dependencies), ${READY_PATH} (each backing service within
// HEALTH_TIMEOUT), ${STARTUP_PATH} (readiness passed once). Body: {"status", "checks": {name: {status, latencyMs, error?}}}.

import (
${imports.map((i) => (i === '' ? '' : `\t${i}`)).join('\n')}
)

type CheckResult struct {
	Status    string \`json:"status"\`
	LatencyMs int64  \`json:"latencyMs"\`
	Error     string \`json:"error,omitempty"\`
}

type HealthBody struct {
	Status string                 \`json:"status"\`
	Checks map[string]CheckResult \`json:"checks"\`
}

var healthChecks = map[string]func(context.Context) error{
${checks.map((c) => `	"${c.name}": ${CHECKS[c.kind].code(c.envVar)},`).join('\n')}
}

var (
	started     atomic.Bool
	credentials = regexp.MustCompile(\`//[^@\\s]*@\`)
)

func healthTimeout() time.Duration {
	if d, err := time.ParseDuration(os.Getenv("HEALTH_TIMEOUT")); err == nil {
		return d
	}
	return 2 * time.Second
}

func writeHealth(w http.ResponseWriter, code int, body HealthBody) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(code)
	_ = json.NewEncoder(w).Encode(body)
}

// Liveness answers as long as the process serves HTTP: no dependency checks, so a database outage never restarts it.
func Liveness(w http.ResponseWriter, _ *http.Request) {
	writeHealth(w, http.StatusOK, HealthBody{Status: "ok", Checks: map[string]CheckResult{}})
}

// Readiness checks every backing service concurrently, each bounded by the timeout.
func Readiness(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), healthTimeout())
	defer cancel()
	results := make(map[string]CheckResult, len(healthChecks))
	var mu sync.Mutex
	var wg sync.WaitGroup
	for name, check := range healthChecks {
		wg.Add(1)
		go func(name string, check func(context.Context) error) {
			defer wg.Done()
			start := time.Now()
			result := CheckResult{Status: "ok"}
			if err := check(ctx); err != nil {
				// The message only, with credentials masked: this endpoint is public.
				result = CheckResult{Status: "fail", Error: credentials.ReplaceAllString(err.Error(), "//***@")}
			}
			result.LatencyMs = time.Since(start).Milliseconds()
			mu.Lock()
			results[name] = result
			mu.Unlock()
		}(name, check)
	}
	wg.Wait()
	status, code := "ok", http.StatusOK
	for _, result := range results {
		if result.Status != "ok" {
			status, code = "fail", http.StatusServiceUnavailable
		}
	}
	if code == http.StatusOK {
		started.Store(true)
	}
	writeHealth(w, code, HealthBody{Status: status, Checks: results})
}

// Startup succeeds once readiness has passed, then stays up (Kubernetes startupProbe).
func Startup(w http.ResponseWriter, r *http.Request) {
	if started.Load() {
		Liveness(w, r)
		return
	}
	Readiness(w, r)
}

// RegisterHealth adds the health routes to a ServeMux (gin: gin.WrapH(mux); echo: echo.WrapHandler(mux); fiber: adaptor.HTTPHandler(mux)).
func RegisterHealth(mux *http.ServeMux) {
${routes.join('\n')}
}
`;
}
