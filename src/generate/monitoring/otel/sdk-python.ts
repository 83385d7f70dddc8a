/**
 * Python app-side instrumentation: the OpenTelemetry SDK (traces and metrics over OTLP/HTTP, the
 * framework's instrumentor) and prometheus_client metrics named by the contract, served at
 * METRICS_PATH by an ASGI middleware (FastAPI, Starlette), a Django middleware and view, or Flask hooks.
 */
import { DURATION_BUCKETS, HTTP_ACTIVE, HTTP_DURATION, LABELS, METRICS_PATH } from '../shared/metrics.js';
import type { AppStack } from './app-stack.js';

const INSTRUMENT: Record<string, string> = {
  fastapi: `def instrument_app(app) -> None:
    """Trace every request of the FastAPI app (call once, after creating it)."""
    from opentelemetry.instrumentation.fastapi import FastAPIInstrumentor

    FastAPIInstrumentor.instrument_app(app, excluded_urls="${METRICS_PATH},/livez,/readyz,/startupz")
`,
  starlette: `def instrument_app(app) -> None:
    """Trace every request of the Starlette app (call once, after creating it)."""
    from opentelemetry.instrumentation.starlette import StarletteInstrumentor

    StarletteInstrumentor.instrument_app(app)
`,
  flask: `def instrument_app(app) -> None:
    """Trace every request of the Flask app (call once, in create_app)."""
    from opentelemetry.instrumentation.flask import FlaskInstrumentor

    FlaskInstrumentor().instrument_app(app, excluded_urls="${METRICS_PATH},/livez,/readyz,/startupz")
`,
  django: `def instrument_app(app=None) -> None:
    """Trace every Django request; call from wsgi.py / asgi.py before get_wsgi_application()."""
    from opentelemetry.instrumentation.django import DjangoInstrumentor

    DjangoInstrumentor().instrument(excluded_urls="${METRICS_PATH},/livez,/readyz,/startupz")
`,
  generic: `def instrument_app(app=None) -> None:
    """No framework instrumentor for this app: spans come from manual tracer use and library instrumentors."""
    return None
`,
};

export function pythonOtel(stack: AppStack, header: string): string {
  return `${header}
"""OpenTelemetry setup: call setup_telemetry() once at startup, before the app serves requests."""
import os

from opentelemetry import metrics, trace
from opentelemetry.exporter.otlp.proto.http.metric_exporter import OTLPMetricExporter
from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter
from opentelemetry.sdk.metrics import MeterProvider
from opentelemetry.sdk.metrics.export import PeriodicExportingMetricReader
from opentelemetry.sdk.metrics.view import DropAggregation, View
from opentelemetry.sdk.resources import Resource
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import BatchSpanProcessor

_configured = False


def setup_telemetry() -> None:
    global _configured
    if _configured:
        return
    _configured = True
    endpoint = os.environ.get("OTEL_EXPORTER_OTLP_ENDPOINT", "http://otel-collector:4318").rstrip("/")
    resource = Resource.create(
        {
            "service.name": os.environ.get("OTEL_SERVICE_NAME", "${stack.service.name}"),
            "service.version": os.environ.get("SERVICE_VERSION", "unknown"),
            "deployment.environment.name": os.environ.get("DEPLOYMENT_ENVIRONMENT", "production"),
        }
    )
    tracer_provider = TracerProvider(resource=resource)
    tracer_provider.add_span_processor(BatchSpanProcessor(OTLPSpanExporter(endpoint=f"{endpoint}/v1/traces")))
    trace.set_tracer_provider(tracer_provider)
    reader = PeriodicExportingMetricReader(OTLPMetricExporter(endpoint=f"{endpoint}/v1/metrics"), export_interval_millis=15000)
    # The contract's HTTP metrics come from the Prometheus endpoint (metrics.py): one source per name.
    views = [View(instrument_name="http.server.*", aggregation=DropAggregation())]
    metrics.set_meter_provider(MeterProvider(resource=resource, metric_readers=[reader], views=views))


${INSTRUMENT[stack.framework] ?? INSTRUMENT.generic!}`;
}

const ADAPTERS: Record<string, string> = {
  asgi: `

class MetricsMiddleware:
    """ASGI middleware: app.add_middleware(MetricsMiddleware). Serves METRICS_PATH, times the rest by route template."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if scope["path"] == METRICS_PATH:
            body, content_type = metrics_payload()
            await send({"type": "http.response.start", "status": 200, "headers": [(b"content-type", content_type.encode())]})
            await send({"type": "http.response.body", "body": body})
            return
        method = scope["method"]
        status = {"code": 500}

        async def send_wrapper(message):
            if message["type"] == "http.response.start":
                status["code"] = message["status"]
            await send(message)

        ACTIVE.labels(method).inc()
        start = time.perf_counter()
        try:
            await self.app(scope, receive, send_wrapper)
        finally:
            ACTIVE.labels(method).dec()
            route = getattr(scope.get("route"), "path", "unmatched")
            DURATION.labels(method, route, str(status["code"])).observe(time.perf_counter() - start)
`,
  django: `

class MetricsMiddleware:
    """Django middleware: add "observability.metrics.MetricsMiddleware" first in MIDDLEWARE."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path == METRICS_PATH:
            return metrics_view(request)
        ACTIVE.labels(request.method).inc()
        start = time.perf_counter()
        status = 500
        try:
            response = self.get_response(request)
            status = response.status_code
            return response
        finally:
            ACTIVE.labels(request.method).dec()
            match = getattr(request, "resolver_match", None)
            route = "/" + match.route if match is not None and match.route else "unmatched"
            DURATION.labels(request.method, route, str(status)).observe(time.perf_counter() - start)


def metrics_view(request):
    from django.http import HttpResponse

    body, content_type = metrics_payload()
    return HttpResponse(body, content_type=content_type)
`,
  flask: `

def instrument_flask(app) -> None:
    """Times every request by URL rule and serves METRICS_PATH (call once, in create_app)."""
    from flask import Response, g, request

    @app.before_request
    def _start_timer():
        g._metrics_start = time.perf_counter()
        ACTIVE.labels(request.method).inc()

    @app.teardown_request
    def _observe(_error=None):
        start = g.pop("_metrics_start", None)
        if start is None:
            return
        ACTIVE.labels(request.method).dec()
        route = request.url_rule.rule if request.url_rule is not None else "unmatched"
        status = getattr(g, "_metrics_status", 500)
        DURATION.labels(request.method, route, str(status)).observe(time.perf_counter() - start)

    @app.after_request
    def _status(response):
        g._metrics_status = response.status_code
        return response

    @app.get(METRICS_PATH)
    def _metrics():
        body, content_type = metrics_payload()
        return Response(body, content_type=content_type)
`,
};

export function pythonMetrics(stack: AppStack, header: string): string {
  const adapter = stack.framework === 'django' ? ADAPTERS.django! : stack.framework === 'flask' ? ADAPTERS.flask! : ADAPTERS.asgi!;
  return `${header}
"""The metric contract (docs/monitoring/metrics.md); the \`service\` label is added by the scraper."""
import os
import time

from prometheus_client import CONTENT_TYPE_LATEST, REGISTRY, CollectorRegistry, Gauge, Histogram, generate_latest

METRICS_PATH = "${METRICS_PATH}"
BUCKETS = (${DURATION_BUCKETS.join(', ')})

DURATION = Histogram(
    "${HTTP_DURATION.name}",
    "${HTTP_DURATION.help}",
    ["${LABELS.method}", "${LABELS.route}", "${LABELS.status}"],
    buckets=BUCKETS,
)
# Gunicorn with several workers: set PROMETHEUS_MULTIPROC_DIR so every worker's samples are summed.
ACTIVE = Gauge("${HTTP_ACTIVE.name}", "${HTTP_ACTIVE.help}", ["${LABELS.method}"], multiprocess_mode="livesum")


def metrics_payload():
    """The exposition text of every metric (all workers' when PROMETHEUS_MULTIPROC_DIR is set)."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
        return generate_latest(registry), CONTENT_TYPE_LATEST
    return generate_latest(REGISTRY), CONTENT_TYPE_LATEST
${adapter}`;
}
