import type { Generator } from '../../types.js';
import { generate, inputs, type OtelInputs } from './generate.js';

export const otelGenerator: Generator<OtelInputs> = {
  id: 'otel',
  displayName: 'OpenTelemetry Collector and Alloy',
  description: 'OpenTelemetry Collector config (OTLP in, Prometheus scrape, remote write out) and a Grafana Alloy config shipping container logs to Loki.',
  inputs,
  generate,
  usesTypeScript: true,
};
