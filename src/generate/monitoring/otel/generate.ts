/**
 * The telemetry pipeline's configs: an OpenTelemetry Collector config (monitoring/otel/collector.yaml)
 * that receives OTLP from the instrumented apps and scrapes their Prometheus endpoints, and a Grafana
 * Alloy config (monitoring/alloy/config.alloy) that ships container logs to Loki, and the app-side
 * SDK and metrics modules (sdk.ts). Endpoints and
 * credentials come from the environment, never from the files.
 */
import { z } from 'zod';
import type { Evidence } from '../../../plan/schema.js';
import type { GenerateContext, GeneratedFile } from '../../types.js';
import { METRICS_PATH } from '../shared/metrics.js';
import { alloyConfig } from './alloy.js';
import { collectorConfig, scrapeJobs } from './collector.js';
import { sdkFiles } from './sdk.js';

export const inputs = z.object({
  /** How often the Collector scrapes each service's metrics endpoint. */
  scrapeInterval: z.string().regex(/^\d+(ms|s|m)$/).default('15s'),
  /** Also write the app-side SDK and Prometheus metrics modules and monitoring/<service>/INSTRUMENTATION.md. */
  appCode: z.boolean().default(true),
  /** Also scrape the exporters of the backing services found (postgres_exporter, redis_exporter, mysqld_exporter). */
  scrapeExporters: z.boolean().default(true),
});
export type OtelInputs = z.infer<typeof inputs>;

export const COLLECTOR_PATH = 'monitoring/otel/collector.yaml';
export const ALLOY_PATH = 'monitoring/alloy/config.alloy';

export function generate(context: GenerateContext, options: OtelInputs): GeneratedFile[] {
  const project = context.plan.name;
  const jobs = scrapeJobs(context.services, options.scrapeExporters);
  const evidence: Evidence[] = context.services.flatMap((s) => s.evidence.filter((e) => e.fact === 'port'));
  const notes = jobs.map((j) => `scrape ${j.job} at http://${j.target}${METRICS_PATH} every ${options.scrapeInterval}`);
  for (const s of context.services.filter((x) => x.kind === 'worker' || (x.kind === 'server' && x.port.value === null))) {
    notes.push(`${s.name} has no port to scrape: its metrics reach the Collector over OTLP only`);
  }
  return [
    { path: COLLECTOR_PATH, content: collectorConfig({ projectName: project, scrapeInterval: options.scrapeInterval, jobs }), kind: 'otel-collector', generator: 'otel', evidence, notes },
    { path: ALLOY_PATH, content: alloyConfig(project), kind: 'otel-collector', generator: 'otel', notes: ['container logs from the Docker socket to LOKI_URL, labelled by Compose service'] },
    ...(options.appCode ? sdkFiles(context.services) : []),
  ];
}
