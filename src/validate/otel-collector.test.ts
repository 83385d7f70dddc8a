import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../test/helpers.js';
import { otelCollectorValidator, validateOtelCollector } from './otel-collector.js';
import { OTEL_RULE_LIST } from './otel-rules.js';

/** Documentation snippets carry no file name: Alloy blocks (`name "label" {`) go to the Alloy check. */
function check(content: string) {
  const alloy = /^[A-Za-z_][\w.]*\s+("[^"]*"\s*)?\{/m.test(content);
  return validateOtelCollector({ path: alloy ? 'monitoring/alloy/config.alloy' : 'monitoring/otel/collector.yaml', content });
}

function sections(file: string): Array<{ id: string; bad: string; good: string }> {
  const text = fs.readFileSync(path.join(REPO_ROOT, 'docs/rules', file), 'utf8');
  return text.split(/^## /m).slice(1).map((chunk) => {
    const code = /```\w*\n([\s\S]*?)```/.exec(chunk)?.[1] ?? '';
    const [bad = '', good = ''] = code.split(/^# good.*\n/m);
    return { id: chunk.split(/\s/)[0] ?? '', bad: bad.replace(/^# bad.*\n/m, ''), good };
  });
}

describe('docs/rules/otel.md', () => {
  const documented = sections('otel.md');
  it('has one section per rule, in id order', () => {
    expect(documented.map((s) => s.id)).toEqual(OTEL_RULE_LIST.map((r) => r.id).sort());
  });
  for (const section of documented) {
    it(`${section.id}: the bad snippet triggers the rule and the good one does not`, () => {
      expect(check(section.bad).map((d) => d.ruleId), 'bad').toContain(section.id);
      expect(check(section.good).map((d) => d.ruleId), 'good').not.toContain(section.id);
    });
  }
});

describe('OpenTelemetry Collector validator', () => {
  it('points an undefined processor at its line in the pipeline', () => {
    const content = 'receivers:\n  otlp: {}\nexporters:\n  debug: {}\nservice:\n  pipelines:\n    traces:\n      receivers: [otlp]\n      processors:\n        - memory_limiter\n      exporters: [debug]\n';
    const found = check(content).filter((d) => d.ruleId === 'DSQ-OTEL-0002');
    expect(found).toHaveLength(1);
    expect(found[0]!.line).toBe(10);
  });

  it('accepts connectors on both ends and env references for credentials', () => {
    const content = [
      'receivers: { otlp: {} }', 'processors: { memory_limiter: {}, batch: {} }', 'connectors: { spanmetrics: {} }',
      'exporters: { otlphttp: { endpoint: "${env:URL}", headers: { authorization: "${env:AUTH}" } }, prometheusremotewrite: { endpoint: "https://u:${env:PW}@m" } }',
      'service:', '  pipelines:',
      '    traces: { receivers: [otlp], processors: [memory_limiter, batch], exporters: [otlphttp, spanmetrics] }',
      '    metrics: { receivers: [spanmetrics], processors: [memory_limiter, batch], exporters: [prometheusremotewrite] }', '',
    ].join('\n');
    expect(check(content)).toEqual([]);
  });

  it('finds a password in a URL', () => {
    expect(check('exporters:\n  prometheusremotewrite:\n    endpoint: https://user:hunter2@mimir.example.com/api/v1/push\n').map((d) => d.ruleId)).toContain('DSQ-OTEL-0005');
  });

  it('recognises collector and Alloy files by path', () => {
    expect(otelCollectorValidator.matches('monitoring/otel/collector.yaml')).toBe(true);
    expect(otelCollectorValidator.matches('otelcol-config.yaml')).toBe(true);
    expect(otelCollectorValidator.matches('monitoring/alloy/config.alloy')).toBe(true);
    expect(otelCollectorValidator.matches('compose.yaml')).toBe(false);
    expect(otelCollectorValidator.matches('deploy/kubernetes/api.yaml')).toBe(false);
  });
});

describe('Alloy check', () => {
  it('reports an unclosed string on its line', () => {
    const [d] = check('loki.write "default" {\n  endpoint {\n    url = "http://loki:3100\n  }\n}\n');
    expect(d).toMatchObject({ ruleId: 'DSQ-OTEL-0010', line: 3 });
  });

  it('accepts object literals, nested blocks and function calls', () => {
    const content = 'loki.process "p" {\n  forward_to = [\n    loki.write.w.receiver,\n  ]\n  stage.json {\n    expressions = { level = "level", trace_id = "trace_id" }\n  }\n}\nloki.write "w" {\n  endpoint {\n    url = sys.env("LOKI_URL")\n  }\n}\n';
    expect(check(content)).toEqual([]);
  });
});
