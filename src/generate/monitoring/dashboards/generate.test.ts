import { describe, expect, it } from 'vitest';
import { planOf, testdir } from '../../../../test/helpers.js';
import type { ProjectPlan } from '../../../plan/schema.js';
import { validateGrafanaDashboard } from '../../../validate/grafana-dashboard.js';
import { HTTP_DURATION, JOB_DURATION, SERVICE_LABEL } from '../shared/metrics.js';
import { SLO_BUDGET_REMAINING_RECORD, sloErrorRatioRecord } from '../shared/slo-names.js';
import { RECORD_WINDOWS } from '../slo/burn-rate.js';
import { stableUid } from './common.js';
import { generate, inputs } from './generate.js';
import { BURN_WINDOWS } from './slo.js';

interface Panel { title: string; type: string; targets?: Array<{ expr: string; legendFormat: string; datasource: { uid: string } }>; datasource?: { uid: string } }
interface Dashboard { uid: string; title: string; panels: Panel[]; templating: { list: Array<{ name: string; current?: { value: string } }> } }

function expressApp(dependencies: Record<string, string>): ProjectPlan {
  return planOf(testdir({
    'package.json': { name: 'shop', version: '1.0.0', main: 'server.js', scripts: { start: 'node server.js' }, dependencies: { express: '^4.21.1', ...dependencies } },
    'server.js': "const express = require('express');\nconst app = express();\napp.get('/healthz', (req, res) => res.send('ok'));\napp.listen(process.env.PORT || 3000);\n",
  }));
}

function run(plan: ProjectPlan) {
  return generate({ plan, services: plan.services, version: '0.0.0-test' }, inputs.parse({}));
}

function dashboard(files: ReturnType<typeof run>, name: string): Dashboard {
  const file = files.find((f) => f.path === `monitoring/grafana/dashboards/${name}.json`);
  expect(file, `${name}.json`).toBeDefined();
  return JSON.parse(file!.content) as Dashboard;
}

function exprs(d: Dashboard): string[] {
  return d.panels.flatMap((p) => (p.targets ?? []).map((t) => t.expr));
}

describe('golden-signals dashboard', () => {
  it('takes p99 latency from the contract histogram, per service, through the service variable', () => {
    const plan = expressApp({});
    const service = plan.services[0]!;
    const d = dashboard(run(plan), service.name);
    const latency = d.panels.find((p) => p.title === 'Latency p50 / p95 / p99')!;
    expect(latency.targets!.map((t) => t.legendFormat)).toEqual(['p50', 'p95', 'p99']);
    expect(latency.targets![2]!.expr).toBe(`histogram_quantile(0.99, sum by (le) (rate(${HTTP_DURATION.name}_bucket{${SERVICE_LABEL}="$service"}[$__rate_interval])))`);
    const variable = d.templating.list.find((v) => v.name === SERVICE_LABEL)!;
    expect(variable.current?.value).toBe(service.name);
  });

  it('splits 4xx from 5xx and queries through the ${datasource} variable', () => {
    const d = dashboard(run(expressApp({})), 'shop');
    const errors = d.panels.find((p) => p.title === 'Error ratio')!;
    expect(errors.targets!.map((t) => t.legendFormat)).toEqual(['5xx', '4xx']);
    expect(errors.targets![0]!.expr).toContain('http_response_status_code=~"5.."');
    for (const panel of d.panels.filter((p) => p.type !== 'row')) {
      expect(panel.datasource?.uid).toBe('${datasource}');
      for (const t of panel.targets ?? []) expect(t.datasource.uid).toBe('${datasource}');
    }
    expect(exprs(d).some((e) => e.includes('process_cpu_seconds_total') )).toBe(true);
    expect(exprs(d).some((e) => e.includes('process_resident_memory_bytes'))).toBe(true);
  });

  it('gives workers a jobs dashboard from the job histogram', () => {
    const plan = expressApp({});
    const worker = { ...plan.services[0]!, name: 'mailer', kind: 'worker' as const, port: { value: null, envVar: null, bindAddress: null } };
    const files = generate({ plan: { ...plan, services: [worker] }, services: [worker], version: 't' }, inputs.parse({}));
    expect(exprs(dashboard(files, 'mailer')).every((e) => e.includes(JOB_DURATION.name) || e.startsWith('sum by (instance) (') )).toBe(true);
  });

  it('has a stable uid within Grafana\'s 40 characters and the same bytes on every run', () => {
    const plan = expressApp({});
    const first = run(plan);
    expect(run(plan).map((f) => f.content)).toEqual(first.map((f) => f.content));
    const uid = dashboard(first, 'shop').uid;
    expect(uid).toBe(stableUid(`${plan.name}/shop/golden-signals`));
    expect(uid.length).toBeLessThanOrEqual(40);
    expect(stableUid('x'.repeat(200))).toMatch(/^[a-z0-9-]{1,40}$/);
  });
});

describe('backing-service dashboards', () => {
  it('writes the Postgres dashboard (postgres_exporter names) only when the plan has Postgres', () => {
    const withPg = run(expressApp({ pg: '^8.13.1' }));
    expect(exprs(dashboard(withPg, 'postgres')).some((e) => e.startsWith('sum by (instance) (pg_stat_database_numbackends'))).toBe(true);
    const without = run(expressApp({}));
    expect(without.map((f) => f.path)).not.toContain('monitoring/grafana/dashboards/postgres.json');
    expect(without.map((f) => f.path)).not.toContain('monitoring/grafana/dashboards/redis.json');
  });

  it('writes the Redis dashboard from redis_exporter names', () => {
    const files = run(expressApp({ ioredis: '^5.4.1' }));
    expect(exprs(dashboard(files, 'redis')).some((e) => e.includes('redis_memory_used_bytes'))).toBe(true);
    for (const f of files.filter((x) => x.kind === 'grafana-dashboard')) expect(validateGrafanaDashboard(f)).toEqual([]);
  });
});

describe('SLO dashboard and provisioning', () => {
  it('plots budget remaining and a burn rate for every window the slo part records', () => {
    const d = dashboard(run(expressApp({})), 'slo');
    expect([...BURN_WINDOWS]).toEqual([...RECORD_WINDOWS]);
    const all = exprs(d);
    expect(all.some((e) => e.startsWith(SLO_BUDGET_REMAINING_RECORD))).toBe(true);
    for (const w of BURN_WINDOWS) expect(all.some((e) => e.startsWith(sloErrorRatioRecord(w)))).toBe(true);
  });

  it('provisions the dashboards folder and a Prometheus data source whose uid the variable defaults to', () => {
    const files = run(expressApp({}));
    const provider = files.find((f) => f.path === 'monitoring/grafana/provisioning/dashboards/devsquad.yaml')!;
    expect(provider.content).toContain('path: /var/lib/grafana/dashboards/devsquad');
    const datasource = files.find((f) => f.path === 'monitoring/grafana/provisioning/datasources/prometheus.yaml')!;
    expect(datasource.content).toContain('uid: prometheus');
    expect(datasource.content).toContain('url: ${PROMETHEUS_URL}');
    expect(dashboard(files, 'shop').templating.list[0]).toMatchObject({ name: 'datasource', current: { value: 'prometheus' } });
  });
});
