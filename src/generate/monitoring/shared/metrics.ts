/**
 * The metric naming contract. Every monitoring part reads these names and nothing else: the
 * instrumentation the app gets exposes them, the dashboards query them, the SLO recording rules
 * measure them and the alerts fire on them. Names follow the OpenTelemetry HTTP semantic conventions
 * as the Prometheus exporter writes them (dots become underscores, the unit becomes a suffix), so an
 * app instrumented with a stock OTel SDK or a Prometheus client set up as generated matches too.
 * docs/monitoring/metrics.md documents the same table for users; a test keeps the two in step.
 */

/** Label that names the service on every series (set by the scrape config or the OTel resource). */
export const SERVICE_LABEL = 'service';

export const LABELS = {
  method: 'http_request_method',
  status: 'http_response_status_code',
  route: 'http_route',
} as const;

export interface MetricContract {
  name: string;
  type: 'counter' | 'histogram' | 'gauge';
  unit: string;
  help: string;
  labels: readonly string[];
}

/** Request duration; its `_count` is traffic, its `_count` by 5xx status is errors. */
export const HTTP_DURATION: MetricContract = {
  name: 'http_server_request_duration_seconds',
  type: 'histogram',
  unit: 'seconds',
  help: 'Duration of HTTP server requests, by method, route and status code.',
  labels: [SERVICE_LABEL, LABELS.method, LABELS.route, LABELS.status],
};

/** Requests being served right now (saturation of the request path). */
export const HTTP_ACTIVE: MetricContract = {
  name: 'http_server_active_requests',
  type: 'gauge',
  unit: 'requests',
  help: 'HTTP server requests in flight.',
  labels: [SERVICE_LABEL, LABELS.method],
};

/** Process metrics every Prometheus client library exports by default. */
export const PROCESS_CPU: MetricContract = {
  name: 'process_cpu_seconds_total',
  type: 'counter',
  unit: 'seconds',
  help: 'CPU time the process used.',
  labels: [SERVICE_LABEL],
};

export const PROCESS_MEMORY: MetricContract = {
  name: 'process_resident_memory_bytes',
  type: 'gauge',
  unit: 'bytes',
  help: 'Resident memory of the process.',
  labels: [SERVICE_LABEL],
};

/** Worker services (no HTTP): jobs processed and failed, and their duration. */
export const JOB_DURATION: MetricContract = {
  name: 'job_duration_seconds',
  type: 'histogram',
  unit: 'seconds',
  help: 'Duration of background jobs, by job name and outcome (success|failure).',
  labels: [SERVICE_LABEL, 'job_name', 'job_outcome'],
};

export const METRICS: readonly MetricContract[] = [HTTP_DURATION, HTTP_ACTIVE, PROCESS_CPU, PROCESS_MEMORY, JOB_DURATION];

/** Bucket bounds (seconds) for the duration histograms: OTel's advice for HTTP, which SLO latency thresholds must be one of. */
export const DURATION_BUCKETS: readonly number[] = [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10];

/** The path the app serves Prometheus metrics on. */
export const METRICS_PATH = '/metrics';

/** A PromQL selector for one service: `{service="api"}`. */
export function serviceSelector(service: string, extra: Record<string, string> = {}): string {
  const parts = [`${SERVICE_LABEL}="${service}"`, ...Object.entries(extra).map(([k, v]) => `${k}${v.startsWith('~') ? `=~"${v.slice(1)}"` : `="${v}"`}`)];
  return `{${parts.join(', ')}}`;
}
