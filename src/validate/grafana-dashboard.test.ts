import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../test/helpers.js';
import { grafanaDashboardValidator, validateGrafanaDashboard } from './grafana-dashboard.js';
import { promqlErrors, substituteVariables } from './grafana-promql.js';
import { GF_RULE_LIST } from './grafana-rules.js';

const check = (content: string) => validateGrafanaDashboard({ path: 'monitoring/grafana/dashboards/api.json', content });

/** Sections of a docs/rules page: `## <id>`, then a code block whose `# bad` part triggers the rule and `# good` part does not. */
function ruleSections(file: string): Array<{ id: string; bad: string; good: string }> {
  const text = fs.readFileSync(path.join(REPO_ROOT, 'docs/rules', file), 'utf8');
  return text.split(/^## /m).slice(1).map((chunk) => {
    const code = /```\w*\n([\s\S]*?)```/.exec(chunk)?.[1] ?? '';
    const [bad = '', good = ''] = code.split(/^# good.*\n/m);
    return { id: chunk.split(/\s/)[0] ?? '', bad: bad.replace(/^# bad.*\n/m, ''), good };
  });
}

describe('docs/rules/grafana.md', () => {
  const sections = ruleSections('grafana.md');
  it('has one section per rule, in id order', () => {
    expect(sections.map((s) => s.id)).toEqual(GF_RULE_LIST.map((r) => r.id).sort());
  });
  for (const section of sections) {
    it(`${section.id}: the bad snippet triggers the rule and the good one does not`, () => {
      expect(check(section.bad).map((d) => d.ruleId), 'bad').toContain(section.id);
      expect(check(section.good).map((d) => d.ruleId), 'good').not.toContain(section.id);
    });
  }
});

describe('Grafana dashboard validator', () => {
  it('points a PromQL error at the line of the query', () => {
    const content = JSON.stringify({
      title: 'API', uid: 'api', templating: { list: [{ name: 'service', type: 'custom' }] },
      panels: [{ id: 1, type: 'timeseries', title: 'p99', gridPos: { x: 0, y: 0, w: 12, h: 8 }, targets: [{ refId: 'A', expr: 'histogram_quantile(0.99, sum by (le) (rate(x_bucket{service="$service"}[$__rate_interval]))' }] }],
    }, null, 2);
    const [diagnostic] = check(content);
    expect(diagnostic).toMatchObject({ ruleId: 'DSQ-GF-0002', severity: 'high' });
    expect(content.split('\n')[diagnostic!.line! - 1]).toContain('"expr"');
  });

  it('fills template variables in by position before parsing', () => {
    expect(substituteVariables('rate(x{a="$service", b=~"${env:regex}"}[$__rate_interval]) / $__range_s')).toBe('rate(x{a="x", b=~"x"}[5m]) / 300');
    expect(substituteVariables('sum by ($label) (x[1h:$__interval])')).toBe('sum by (var_label) (x[1h:5m])');
    expect(promqlErrors('topk($limit, sum by (route) (rate(x[$window])))')).toEqual([]);
    expect(promqlErrors('sum(')).toHaveLength(1);
  });

  it('accepts the API import format and reads panels in collapsed rows', () => {
    const content = JSON.stringify({ dashboard: { title: 'A', uid: 'a', panels: [
      { id: 1, type: 'row', title: 'r', collapsed: true, gridPos: { x: 0, y: 0, w: 24, h: 1 }, panels: [{ id: 1, type: 'stat', title: 's', gridPos: { x: 0, y: 1, w: 6, h: 4 }, targets: [{ refId: 'A', expr: 'up' }] }] },
    ] }, overwrite: true });
    expect(check(content).map((d) => d.ruleId)).toEqual(['DSQ-GF-0003']);
  });

  it('recognises dashboard files by path', () => {
    expect(grafanaDashboardValidator.matches('monitoring/grafana/dashboards/api.json')).toBe(true);
    expect(grafanaDashboardValidator.matches('ops/api.dashboard.json')).toBe(true);
    expect(grafanaDashboardValidator.matches('package.json')).toBe(false);
  });
});
