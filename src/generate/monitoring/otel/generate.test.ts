import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { planOf, testdir } from '../../../../test/helpers.js';
import type { ProjectPlan } from '../../../plan/schema.js';
import { validateOtelCollector } from '../../../validate/otel-collector.js';
import { METRICS_PATH, SERVICE_LABEL } from '../shared/metrics.js';
import { ALLOY_COMPONENTS as KNOWN } from '../../../validate/otel-rules.js';
import { ALLOY_COMPONENTS } from './alloy.js';
import { generate, inputs } from './generate.js';

interface ScrapeConfig { job_name: string; metrics_path: string; static_configs: Array<{ targets: string[]; labels?: Record<string, string> }> }
interface Collector {
  receivers: { prometheus?: { config: { scrape_configs: ScrapeConfig[] } } };
  processors: { resource: { attributes: Array<{ key: string; from_attribute?: string }> } };
  exporters: Record<string, { endpoint: string }>;
  service: { extensions: string[]; pipelines: Record<string, { receivers: string[]; processors: string[]; exporters: string[] }> };
}

function app(port: string, dependencies: Record<string, string> = {}): ProjectPlan {
  return planOf(testdir({
    'package.json': { name: 'shop', version: '1.0.0', main: 'server.js', scripts: { start: 'node server.js' }, dependencies: { express: '^4.21.1', ...dependencies } },
    'server.js': `const express = require('express');\nconst app = express();\napp.listen(${port});\n`,
  }));
}

function collector(plan: ProjectPlan, options = inputs.parse({})): Collector {
  const file = generate({ plan, services: plan.services, version: 't' }, options)[0]!;
  expect(validateOtelCollector(file)).toEqual([]);
  return parse(file.content) as Collector;
}

describe('OpenTelemetry Collector config', () => {
  it('scrapes the service on its plan port at the metrics path, labelled with the contract service label', () => {
    const plan = app('8081');
    const jobs = collector(plan).receivers.prometheus!.config.scrape_configs;
    expect(jobs).toEqual([{ job_name: 'shop', scrape_interval: '15s', metrics_path: METRICS_PATH, static_configs: [{ targets: ['shop:8081'], labels: { [SERVICE_LABEL]: 'shop' } }] }]);
  });

  it('runs memory_limiter first and batch last in traces, metrics and logs, with health_check on', () => {
    const config = collector(app('3000'));
    expect(Object.keys(config.service.pipelines)).toEqual(['traces', 'metrics', 'logs']);
    for (const pipeline of Object.values(config.service.pipelines)) {
      expect(pipeline.processors[0]).toBe('memory_limiter');
      expect(pipeline.processors.at(-1)).toBe('batch');
    }
    expect(config.service.pipelines.metrics!.receivers).toEqual(['otlp', 'prometheus']);
    expect(config.service.extensions).toEqual(['health_check']);
    expect(config.processors.resource.attributes[0]).toEqual({ key: SERVICE_LABEL, from_attribute: 'service.name', action: 'insert' });
  });

  it('takes every export endpoint from the environment', () => {
    const config = collector(app('3000'));
    expect(config.exporters.otlphttp!.endpoint).toBe('${env:OTLP_EXPORT_ENDPOINT}');
    expect(config.exporters.prometheusremotewrite!.endpoint).toBe('${env:PROMETHEUS_REMOTE_WRITE_URL}');
  });

  it('adds the postgres_exporter job when the plan has Postgres, and not when asked not to', () => {
    const plan = app('3000', { pg: '^8.13.1' });
    expect(collector(plan).receivers.prometheus!.config.scrape_configs.map((j) => j.static_configs[0]!.targets[0])).toEqual(['shop:3000', 'postgres-exporter:9187']);
    expect(collector(plan, inputs.parse({ scrapeExporters: false })).receivers.prometheus!.config.scrape_configs).toHaveLength(1);
  });

  it('leaves the prometheus receiver out when nothing has a port to scrape', () => {
    const plan = app('3000');
    const worker = { ...plan.services[0]!, kind: 'worker' as const, port: { value: null, envVar: null, bindAddress: null } };
    const files = generate({ plan: { ...plan, services: [worker] }, services: [worker], version: 't' }, inputs.parse({}));
    const config = parse(files[0]!.content) as Collector;
    expect(config.receivers.prometheus).toBeUndefined();
    expect(config.service.pipelines.metrics!.receivers).toEqual(['otlp']);
    expect(files[0]!.notes).toContain('shop has no port to scrape: its metrics reach the Collector over OTLP only');
  });
});

describe('Alloy config', () => {
  it('ships Docker container logs to LOKI_URL labelled by Compose service', () => {
    const alloy = generate({ plan: app('3000'), services: app('3000').services, version: 't' }, inputs.parse({}))[1]!;
    expect(alloy.path).toBe('monitoring/alloy/config.alloy');
    expect(alloy.content).toContain('loki.source.docker "containers" {');
    expect(alloy.content).toContain('url = sys.env("LOKI_URL")');
    expect(alloy.content).toContain(`target_label  = "${SERVICE_LABEL}"`);
    expect(validateOtelCollector(alloy)).toEqual([]);
    for (const component of ALLOY_COMPONENTS) {
      expect(KNOWN.has(component), component).toBe(true);
      expect(alloy.content).toContain(`${component} "`);
    }
  });
});
