/**
 * Go app-side instrumentation: the OpenTelemetry SDK (traces and metrics over OTLP/HTTP) and
 * client_golang metrics named by the contract, with a middleware for net/http (chi, gorilla), gin,
 * echo or fiber, and the METRICS_PATH handler.
 */
import { DURATION_BUCKETS, HTTP_ACTIVE, HTTP_DURATION, LABELS, METRICS_PATH } from '../shared/metrics.js';
import type { AppStack } from './app-stack.js';

export function goOtel(stack: AppStack, header: string): string {
  return `${header}

package observability

import (
	"context"
	"errors"
	"os"
	"strings"
	"time"

	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/exporters/otlp/otlpmetric/otlpmetrichttp"
	"go.opentelemetry.io/otel/exporters/otlp/otlptrace/otlptracehttp"
	"go.opentelemetry.io/otel/propagation"
	sdkmetric "go.opentelemetry.io/otel/sdk/metric"
	"go.opentelemetry.io/otel/sdk/resource"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
)

func env(name, fallback string) string {
	if v := os.Getenv(name); v != "" {
		return v
	}
	return fallback
}

// SetupTelemetry starts tracing and metrics export to OTEL_EXPORTER_OTLP_ENDPOINT. Call it first in
// main and defer the returned shutdown (it flushes what is buffered).
func SetupTelemetry(ctx context.Context) (func(context.Context) error, error) {
	// The exporters read OTEL_EXPORTER_OTLP_ENDPOINT themselves; this default points at the Collector.
	if os.Getenv("OTEL_EXPORTER_OTLP_ENDPOINT") == "" {
		_ = os.Setenv("OTEL_EXPORTER_OTLP_ENDPOINT", "http://otel-collector:4318")
	}
	res := resource.NewWithAttributes("",
		attribute.String("service.name", env("OTEL_SERVICE_NAME", "${stack.service.name}")),
		attribute.String("service.version", env("SERVICE_VERSION", "unknown")),
		attribute.String("deployment.environment.name", env("DEPLOYMENT_ENVIRONMENT", "production")),
	)
	traceExporter, err := otlptracehttp.New(ctx)
	if err != nil {
		return nil, err
	}
	metricExporter, err := otlpmetrichttp.New(ctx)
	if err != nil {
		return nil, err
	}
	tracerProvider := sdktrace.NewTracerProvider(sdktrace.WithBatcher(traceExporter), sdktrace.WithResource(res))
	meterProvider := sdkmetric.NewMeterProvider(
		sdkmetric.WithResource(res),
		sdkmetric.WithReader(sdkmetric.NewPeriodicReader(metricExporter, sdkmetric.WithInterval(15*time.Second))),
		// The contract's HTTP metrics come from the Prometheus endpoint (metrics.go): one source per name.
		sdkmetric.WithView(func(i sdkmetric.Instrument) (sdkmetric.Stream, bool) {
			if strings.HasPrefix(i.Name, "http.server.") {
				return sdkmetric.Stream{Aggregation: sdkmetric.AggregationDrop{}}, true
			}
			return sdkmetric.Stream{}, false
		}),
	)
	otel.SetTracerProvider(tracerProvider)
	otel.SetMeterProvider(meterProvider)
	otel.SetTextMapPropagator(propagation.NewCompositeTextMapPropagator(propagation.TraceContext{}, propagation.Baggage{}))
	return func(ctx context.Context) error {
		return errors.Join(tracerProvider.Shutdown(ctx), meterProvider.Shutdown(ctx))
	}, nil
}
`;
}

const ADAPTERS: Record<string, { imports: string[]; code: string }> = {
  nethttp: {
    imports: [],
    code: `
// Middleware times every request by its ServeMux pattern (Go 1.22+; chi users: pass chi's
// RoutePattern instead) and serves MetricsPath: mux.Handle("/", observability.Middleware(mux)).
func Middleware(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == MetricsPath {
			MetricsHandler().ServeHTTP(w, r)
			return
		}
		done := startRequest(r.Method)
		rec := &statusRecorder{ResponseWriter: w, status: http.StatusOK}
		next.ServeHTTP(rec, r)
		route := r.Pattern
		if route == "" {
			route = "unmatched"
		}
		done(route, rec.status)
	})
}

type statusRecorder struct {
	http.ResponseWriter
	status int
}

func (s *statusRecorder) WriteHeader(code int) {
	s.status = code
	s.ResponseWriter.WriteHeader(code)
}
`,
  },
  gin: {
    imports: ['"github.com/gin-gonic/gin"'],
    code: `
// GinMiddleware times every request by its route template: r.Use(observability.GinMiddleware());
// r.GET(observability.MetricsPath, gin.WrapH(observability.MetricsHandler())).
func GinMiddleware() gin.HandlerFunc {
	return func(c *gin.Context) {
		done := startRequest(c.Request.Method)
		c.Next()
		route := c.FullPath()
		if route == "" {
			route = "unmatched"
		}
		done(route, c.Writer.Status())
	}
}
`,
  },
  echo: {
    imports: ['"github.com/labstack/echo/v4"'],
    code: `
// EchoMiddleware times every request by its route template: e.Use(observability.EchoMiddleware);
// e.GET(observability.MetricsPath, echo.WrapHandler(observability.MetricsHandler())).
func EchoMiddleware(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		done := startRequest(c.Request().Method)
		err := next(c)
		if err != nil {
			c.Error(err)
		}
		done(c.Path(), c.Response().Status)
		return nil
	}
}
`,
  },
  fiber: {
    imports: ['"github.com/gofiber/fiber/v2"', '"github.com/gofiber/fiber/v2/middleware/adaptor"'],
    code: `
// FiberMiddleware times every request by its route template: app.Use(observability.FiberMiddleware);
// app.Get(observability.MetricsPath, FiberMetricsHandler()).
func FiberMiddleware(c *fiber.Ctx) error {
	done := startRequest(c.Method())
	err := c.Next()
	done(c.Route().Path, c.Response().StatusCode())
	return err
}

func FiberMetricsHandler() fiber.Handler {
	return adaptor.HTTPHandler(MetricsHandler())
}
`,
  },
};

export function goMetrics(stack: AppStack, header: string): string {
  const adapter = ADAPTERS[stack.framework] ?? ADAPTERS.nethttp!;
  const imports = ['"net/http"', '"strconv"', '"time"', '', ...adapter.imports, '"github.com/prometheus/client_golang/prometheus"', '"github.com/prometheus/client_golang/prometheus/collectors"', '"github.com/prometheus/client_golang/prometheus/promhttp"'];
  return `${header}

package observability

// The metric contract (docs/monitoring/metrics.md); the service label is added by the scraper.

import (
${imports.map((i) => (i === '' ? '' : `\t${i}`)).join('\n')}
)

const MetricsPath = "${METRICS_PATH}"

var (
	registry = prometheus.NewRegistry()

	requestDuration = prometheus.NewHistogramVec(prometheus.HistogramOpts{
		Name:    "${HTTP_DURATION.name}",
		Help:    "${HTTP_DURATION.help}",
		Buckets: []float64{${DURATION_BUCKETS.join(', ')}},
	}, []string{"${LABELS.method}", "${LABELS.route}", "${LABELS.status}"})

	activeRequests = prometheus.NewGaugeVec(prometheus.GaugeOpts{
		Name: "${HTTP_ACTIVE.name}",
		Help: "${HTTP_ACTIVE.help}",
	}, []string{"${LABELS.method}"})
)

func init() {
	// process_cpu_seconds_total and process_resident_memory_bytes come from the process collector.
	registry.MustRegister(requestDuration, activeRequests, collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}), collectors.NewGoCollector())
}

// MetricsHandler serves the registry in the Prometheus text format.
func MetricsHandler() http.Handler {
	return promhttp.HandlerFor(registry, promhttp.HandlerOpts{})
}

func startRequest(method string) func(route string, status int) {
	start := time.Now()
	activeRequests.WithLabelValues(method).Inc()
	return func(route string, status int) {
		activeRequests.WithLabelValues(method).Dec()
		requestDuration.WithLabelValues(method, route, strconv.Itoa(status)).Observe(time.Since(start).Seconds())
	}
}
${adapter.code}`;
}
