/**
 * Grafana dashboards for the plan: golden signals per service (workers get a jobs dashboard, static
 * sites none), one per kind of backing service found, one SLO dashboard, and the provisioning files
 * that load them. Built with @grafana/grafana-foundation-sdk; every metric name comes from the
 * contract in ../shared/ so the dashboards query what the instrumentation exposes.
 */
import { z } from 'zod';
import type { BackingServiceKind, Evidence, ServicePlan } from '../../../plan/schema.js';
import type { GenerateContext, GeneratedFile } from '../../types.js';
import { HTTP_DURATION } from '../shared/metrics.js';
import { SLO_BUDGET_REMAINING_RECORD, sloErrorRatioRecord } from '../shared/slo-names.js';
import { backingDashboard, backingDashboardsFor } from './backing.js';
import { DASHBOARDS_DIR } from './common.js';
import { goldenSignalsDashboard } from './golden-signals.js';
import { dashboardProvider, prometheusDatasource } from './provisioning.js';
import { sloDashboard } from './slo.js';

export const inputs = z.object({
  /** Grafana folder for the dashboards; the project name when empty. */
  folder: z.string().default(''),
});
export type DashboardsInputs = z.infer<typeof inputs>;

export const PROVISIONING_DIR = 'monitoring/grafana/provisioning';

function evidenceOf(services: readonly ServicePlan[], facts: (fact: string) => boolean): Evidence[] {
  return services.flatMap((s) => s.evidence.filter((e) => facts(e.fact)));
}

export function generate(context: GenerateContext, options: DashboardsInputs): GeneratedFile[] {
  const project = context.plan.name;
  const files: GeneratedFile[] = [];
  const measured = context.services.filter((s) => s.kind !== 'static');
  for (const service of measured) {
    const content = goldenSignalsDashboard(project, service);
    if (content === null) continue;
    files.push({
      path: `${DASHBOARDS_DIR}/${service.name}.json`,
      content,
      kind: 'grafana-dashboard',
      generator: 'dashboards',
      evidence: evidenceOf([service], (f) => f === 'port' || f === 'framework'),
      notes: [service.kind === 'worker'
        ? `${service.name} is a worker: job throughput, failures and duration instead of HTTP signals`
        : `${service.name}: latency quantiles from ${HTTP_DURATION.name}_bucket, errors split 4xx/5xx`],
    });
  }
  const kinds = new Set<BackingServiceKind>(context.services.flatMap((s) => s.backingServices.map((b) => b.kind)));
  for (const spec of backingDashboardsFor(kinds)) {
    files.push({
      path: `${DASHBOARDS_DIR}/${spec.id}.json`,
      content: backingDashboard(project, spec),
      kind: 'grafana-dashboard',
      generator: 'dashboards',
      evidence: evidenceOf(context.services, (f) => spec.kinds.some((k) => f === `backing:${k}`)),
      notes: [`${spec.title} dashboard over ${spec.exporter} metric names; run ${spec.exporter} next to the server and scrape it`],
    });
  }
  if (measured.length > 0) {
    files.push({
      path: `${DASHBOARDS_DIR}/slo.json`,
      content: sloDashboard(project, measured.map((s) => s.name)),
      kind: 'grafana-dashboard',
      generator: 'dashboards',
      notes: [`error budget and burn rates from the slo part's recording rules (${SLO_BUDGET_REMAINING_RECORD}, ${sloErrorRatioRecord('<window>')})`],
    });
  }
  if (files.length === 0) return [];
  files.push(
    { path: `${PROVISIONING_DIR}/dashboards/devsquad.yaml`, content: dashboardProvider(project, options.folder || project), kind: 'yaml', generator: 'dashboards' },
    { path: `${PROVISIONING_DIR}/datasources/prometheus.yaml`, content: prometheusDatasource(project), kind: 'yaml', generator: 'dashboards' },
  );
  return files;
}
