/**
 * Rules for telemetry collector configs (DSQ-OTEL-…): the OpenTelemetry Collector's YAML (0000-0009)
 * and Grafana Alloy's syntax (0010-0019). docs/rules/otel.md documents every rule.
 */
import type { RuleInfo } from './types.js';

export const OTEL_RULES = {
  parse: { id: 'DSQ-OTEL-0000', title: 'YAML syntax', severity: 'high', recommendation: 'Fix the YAML syntax at the reported line; the Collector refuses to start otherwise.' },
  structure: { id: 'DSQ-OTEL-0001', title: 'Collector config structure', severity: 'high', recommendation: 'Give the config a service.pipelines mapping, and every pipeline at least one receiver and one exporter.' },
  undefinedComponent: { id: 'DSQ-OTEL-0002', title: 'Pipeline component not defined', severity: 'high', recommendation: 'Define the component under its top-level section (receivers, processors, exporters, connectors, extensions) with exactly the name the pipeline uses (type/name).' },
  memoryLimiter: { id: 'DSQ-OTEL-0003', title: 'memory_limiter missing or not first', severity: 'medium', recommendation: 'Put a memory_limiter processor first in every pipeline so the Collector refuses data under memory pressure instead of being OOM-killed.' },
  batch: { id: 'DSQ-OTEL-0004', title: 'No batch processor', severity: 'low', recommendation: 'Add the batch processor (after memory_limiter and any sampling or filtering) so exporters send fewer, larger requests.' },
  inlineSecret: { id: 'DSQ-OTEL-0005', title: 'Inline secret', severity: 'high', recommendation: 'Read credentials from the environment (`${env:OTLP_TOKEN}`) or a file the auth extension reads, never write them into the config.' },
  pipelineType: { id: 'DSQ-OTEL-0006', title: 'Unknown pipeline type', severity: 'medium', recommendation: 'Name pipelines traces, metrics, logs or profiles, optionally followed by /name (metrics/internal).' },
  unused: { id: 'DSQ-OTEL-0007', title: 'Component defined but unused', severity: 'info', recommendation: 'Use the component in a pipeline (or service.extensions) or remove it; the Collector ignores it.' },
  alloySyntax: { id: 'DSQ-OTEL-0010', title: 'Alloy syntax', severity: 'high', recommendation: 'Fix the block or attribute at the reported line: blocks are `name "label" { … }`, attributes `name = value`, and brackets and quotes must balance.' },
  alloyUnknownComponent: { id: 'DSQ-OTEL-0011', title: 'Unknown Alloy component', severity: 'medium', recommendation: 'Check the component name against the Alloy reference (loki.source.docker, prometheus.scrape, otelcol.receiver.otlp, …); a typo stops Alloy from loading the config.' },
  alloyUndefinedReference: { id: 'DSQ-OTEL-0012', title: 'Reference to an undeclared Alloy component', severity: 'high', recommendation: 'Declare the component the expression refers to (`loki.write "default" { … }` for loki.write.default.receiver) or fix the label.' },
} as const satisfies Record<string, RuleInfo>;

export const OTEL_RULE_LIST: readonly RuleInfo[] = Object.values(OTEL_RULES);

/** Alloy components devsquad knows (the ones it writes and the usual others). */
export const ALLOY_COMPONENTS: ReadonlySet<string> = new Set([
  'discovery.consul', 'discovery.dns', 'discovery.docker', 'discovery.ec2', 'discovery.file', 'discovery.http', 'discovery.kubernetes', 'discovery.relabel',
  'faro.receiver', 'local.file', 'local.file_match',
  'loki.echo', 'loki.process', 'loki.relabel', 'loki.source.api', 'loki.source.docker', 'loki.source.file', 'loki.source.journal', 'loki.source.kubernetes',
  'loki.source.podlogs', 'loki.source.syslog', 'loki.write',
  'mimir.rules.kubernetes',
  'otelcol.auth.basic', 'otelcol.auth.bearer', 'otelcol.connector.spanmetrics', 'otelcol.exporter.debug', 'otelcol.exporter.loki', 'otelcol.exporter.otlp',
  'otelcol.exporter.otlphttp', 'otelcol.exporter.prometheus', 'otelcol.processor.attributes', 'otelcol.processor.batch', 'otelcol.processor.memory_limiter',
  'otelcol.processor.resourcedetection', 'otelcol.processor.transform', 'otelcol.receiver.otlp', 'otelcol.receiver.prometheus',
  'prometheus.exporter.cadvisor', 'prometheus.exporter.mysql', 'prometheus.exporter.postgres', 'prometheus.exporter.redis', 'prometheus.exporter.self',
  'prometheus.exporter.unix', 'prometheus.receive_http', 'prometheus.relabel', 'prometheus.remote_write', 'prometheus.scrape',
  'pyroscope.scrape', 'pyroscope.write',
  'remote.http', 'remote.kubernetes.configmap', 'remote.kubernetes.secret',
]);

/** Top-level configuration blocks that take no label. */
export const ALLOY_CONFIG_BLOCKS: ReadonlySet<string> = new Set(['logging', 'livedebugging', 'tracing', 'http', 'remotecfg', 'foreach']);
