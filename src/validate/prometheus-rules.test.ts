/**
 * Prometheus rules validator: PromQL errors point at the file line and column, structure and
 * conventions each have their rule, and docs/rules/prometheus.md's snippets trigger (bad) or do not
 * trigger (good) the rule of their section.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../test/helpers.js';
import { PROM_RULES, prometheusRulesValidator, validatePrometheusRules } from './prometheus-rules.js';

const ids = (content: string): string[] => validatePrometheusRules({ path: 'x.rules.yml', content }).map((d) => d.ruleId);

describe('prometheus rules validator', () => {
  it('points a PromQL error at its line and column in the file', () => {
    const content = 'groups:\n  - name: api\n    rules:\n      - record: a:b:rate5m\n        expr: sum(rate(x_total[5m])) / (\n';
    const [d] = validatePrometheusRules({ path: 'r.rules.yml', content });
    expect(d).toMatchObject({ ruleId: 'DSQ-PROM-0001', line: 5 });
    expect(d!.column).toBeGreaterThan(14);
  });

  it('counts lines inside block-scalar expressions', () => {
    const content = 'groups:\n  - name: api\n    rules:\n      - record: a:b:rate5m\n        expr: |\n          sum(rate(x_total[5m]))\n          / sum(rate(y_total[5m])\n';
    expect(validatePrometheusRules({ path: 'r.rules.yml', content })[0]).toMatchObject({ ruleId: 'DSQ-PROM-0001', line: 7 });
  });

  it('accepts an empty file and a multi-line `or` of burn-rate conditions', () => {
    expect(ids('')).toEqual([]);
    expect(ids('groups:\n  - name: a\n    rules:\n      - record: x:y:z\n        expr: (a > (14.4 * 0.001) and b > (14.4 * 0.001))\n          or (c > 6 and d > 6)\n')).toEqual([]);
  });

  it('matches rule files by name', () => {
    expect(prometheusRulesValidator.matches('monitoring/prometheus/rules/api-slo.rules.yml')).toBe(true);
    expect(prometheusRulesValidator.matches('prometheus/rules/api.yaml')).toBe(true);
    expect(prometheusRulesValidator.matches('monitoring/prometheus/tests/api-slo.test.yml')).toBe(false);
  });
});

describe('docs/rules/prometheus.md', () => {
  const text = fs.readFileSync(path.join(REPO_ROOT, 'docs/rules/prometheus.md'), 'utf8');
  const sections = text.split(/^## /m).slice(1).map((chunk) => {
    const code = /```\w*\n([\s\S]*?)```/.exec(chunk)?.[1] ?? '';
    const [bad = '', good = ''] = code.split(/^# good.*\n/m);
    return { id: chunk.split(/\s/)[0] ?? '', bad: bad.replace(/^# bad.*\n/m, ''), good };
  });
  it('has one section per rule, in id order', () => {
    expect(sections.map((s) => s.id)).toEqual(Object.values(PROM_RULES).map((r) => r.id).sort());
  });
  for (const section of sections) {
    it(`${section.id}: bad triggers, good does not`, () => {
      expect(ids(section.bad), 'bad').toContain(section.id);
      expect(ids(section.good), 'good').toEqual([]);
    });
  }
});
