/**
 * The OpenTelemetry Collector config: OTLP in (gRPC 4317, HTTP 4318) for traces, metrics and logs the
 * SDKs push, a Prometheus receiver scraping every server's METRICS_PATH on its plan port, and out
 * through OTLP/HTTP (traces, logs) and Prometheus remote write (metrics) to endpoints from the
 * environment. memory_limiter runs first and batch last, as the Collector's docs recommend.
 */
import { Document } from 'yaml';
import type { ServicePlan } from '../../../plan/schema.js';
import { headerComment } from '../../types.js';
import { BACKING_EXPORTERS } from '../shared/exporters.js';
import { METRICS_PATH, SERVICE_LABEL } from '../shared/metrics.js';
import type { BackingServiceKind } from '../../../plan/schema.js';

export interface ScrapeJob {
  job: string;
  target: string;
  service: string | null;
}

/** Usual listen port of each exporter the backing dashboards read (prometheus-community defaults). */
const EXPORTER_PORTS: Partial<Record<BackingServiceKind, { host: string; port: number }>> = {
  postgres: { host: 'postgres-exporter', port: 9187 },
  mysql: { host: 'mysqld-exporter', port: 9104 },
  mariadb: { host: 'mysqld-exporter', port: 9104 },
  redis: { host: 'redis-exporter', port: 9121 },
};

/** One job per server with a port (host = service name, as on the Compose network and in Kubernetes), then one per exporter. */
export function scrapeJobs(services: readonly ServicePlan[], exporters: boolean): ScrapeJob[] {
  const jobs: ScrapeJob[] = services
    .filter((s) => s.kind === 'server' && s.port.value !== null)
    .map((s) => ({ job: s.name, target: `${s.name}:${s.port.value}`, service: s.name }));
  if (!exporters) return jobs;
  const seen = new Set<string>();
  for (const kind of services.flatMap((s) => s.backingServices.map((b) => b.kind))) {
    const at = EXPORTER_PORTS[kind];
    const exporter = BACKING_EXPORTERS[kind]?.exporter;
    if (at === undefined || exporter === undefined || seen.has(at.host)) continue;
    seen.add(at.host);
    jobs.push({ job: exporter, target: `${at.host}:${at.port}`, service: null });
  }
  return jobs;
}

export interface CollectorOptions {
  projectName: string;
  scrapeInterval: string;
  jobs: readonly ScrapeJob[];
}

export function collectorConfig(options: CollectorOptions): string {
  const { jobs } = options;
  const metricsReceivers = jobs.length > 0 ? ['otlp', 'prometheus'] : ['otlp'];
  const processors = ['memory_limiter', 'resource', 'batch'];
  const model = {
    extensions: { health_check: { endpoint: '0.0.0.0:13133' } },
    receivers: {
      otlp: { protocols: { grpc: { endpoint: '0.0.0.0:4317' }, http: { endpoint: '0.0.0.0:4318' } } },
      ...(jobs.length > 0
        ? {
            prometheus: {
              config: {
                scrape_configs: jobs.map((j) => ({
                  job_name: j.job,
                  scrape_interval: options.scrapeInterval,
                  metrics_path: METRICS_PATH,
                  static_configs: [{ targets: [j.target], ...(j.service === null ? {} : { labels: { [SERVICE_LABEL]: j.service } }) }],
                })),
              },
            },
          }
        : {}),
    },
    processors: {
      // Refuse data before the process runs out of memory rather than be OOM-killed with everything in flight.
      memory_limiter: { check_interval: '1s', limit_percentage: 80, spike_limit_percentage: 25 },
      resource: {
        attributes: [
          // The metric contract's `service` label, from the SDK's service.name (turned into a label by the exporter below).
          { key: SERVICE_LABEL, from_attribute: 'service.name', action: 'insert' },
          { key: 'service.namespace', value: options.projectName, action: 'insert' },
          { key: 'deployment.environment.name', value: '${env:DEPLOYMENT_ENVIRONMENT:-production}', action: 'insert' },
        ],
      },
      batch: { timeout: '5s', send_batch_size: 8192 },
    },
    exporters: {
      otlphttp: { endpoint: '${env:OTLP_EXPORT_ENDPOINT}', headers: { authorization: '${env:OTLP_EXPORT_AUTHORIZATION}' } },
      prometheusremotewrite: {
        endpoint: '${env:PROMETHEUS_REMOTE_WRITE_URL}',
        headers: { authorization: '${env:PROMETHEUS_REMOTE_WRITE_AUTHORIZATION}' },
        resource_to_telemetry_conversion: { enabled: true },
      },
    },
    service: {
      extensions: ['health_check'],
      pipelines: {
        traces: { receivers: ['otlp'], processors, exporters: ['otlphttp'] },
        metrics: { receivers: metricsReceivers, processors, exporters: ['prometheusremotewrite'] },
        logs: { receivers: ['otlp'], processors, exporters: ['otlphttp'] },
      },
    },
  };
  const doc = new Document(model, { aliasDuplicateObjects: false });
  doc.commentBefore = ` ${headerComment('', `the ${options.projectName} plan (devsquad observe --only otel)`).trim()}\n Environment: OTLP_EXPORT_ENDPOINT, OTLP_EXPORT_AUTHORIZATION, PROMETHEUS_REMOTE_WRITE_URL,\n PROMETHEUS_REMOTE_WRITE_AUTHORIZATION, DEPLOYMENT_ENVIRONMENT (see docs/monitoring/otel.md).`;
  return doc.toString({ lineWidth: 0 });
}
