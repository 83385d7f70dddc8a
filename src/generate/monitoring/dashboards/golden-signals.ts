/**
 * The golden-signals dashboard of one service: traffic, errors (4xx and 5xx apart, since only 5xx
 * burn the availability budget), latency p50/p95/p99 from the duration histogram, and saturation
 * (in-flight requests, CPU, memory). Workers get the same shape over the job metrics. Every name
 * comes from the metric contract (shared/metrics.ts); the `service` variable defaults to the service.
 */
import type { ServicePlan } from '../../../plan/schema.js';
import { HTTP_ACTIVE, HTTP_DURATION, JOB_DURATION, LABELS, PROCESS_CPU, PROCESS_MEMORY, SERVICE_LABEL, serviceSelector } from '../shared/metrics.js';
import { dashboardBuilder, labelVariable, row, serialise, statPanel, timeseriesPanel } from './common.js';
import type { Query } from './common.js';

const RATE = '$__rate_interval';
/** The selector every query uses: the dashboard's `service` variable. */
const SERVICE = `$${SERVICE_LABEL}`;
const QUANTILES: ReadonlyArray<[number, string]> = [[0.5, 'p50'], [0.95, 'p95'], [0.99, 'p99']];

function sel(extra: Record<string, string> = {}): string {
  return serviceSelector(SERVICE, extra);
}

/** `histogram_quantile(q, sum by (le) (rate(<metric>_bucket{service="$service"}[$__rate_interval])))`. */
export function quantileQuery(metric: string, quantile: number, by: readonly string[] = []): string {
  const labels = ['le', ...by].join(', ');
  return `histogram_quantile(${quantile}, sum by (${labels}) (rate(${metric}_bucket${sel()}[${RATE}])))`;
}

function ratio(metric: string, bad: Record<string, string>): string {
  return `sum(rate(${metric}_count${sel(bad)}[${RATE}])) / sum(rate(${metric}_count${sel()}[${RATE}]))`;
}

function saturationPanels(): ReturnType<typeof timeseriesPanel>[] {
  return [
    timeseriesPanel({
      title: 'CPU',
      description: `CPU seconds used per second, per instance (${PROCESS_CPU.name}); 1 = one full core.`,
      unit: 'short',
      min: 0,
      queries: [{ expr: `sum by (instance) (rate(${PROCESS_CPU.name}${sel()}[${RATE}]))`, legend: '{{instance}}' }],
    }),
    timeseriesPanel({
      title: 'Memory (resident)',
      description: `Resident memory per instance (${PROCESS_MEMORY.name}); compare with the container limit.`,
      unit: 'bytes',
      min: 0,
      queries: [{ expr: `sum by (instance) (${PROCESS_MEMORY.name}${sel()})`, legend: '{{instance}}' }],
    }),
  ];
}

function serverDashboard(projectName: string, service: ServicePlan): string {
  const d = HTTP_DURATION.name;
  const latency: Query[] = QUANTILES.map(([q, legend]) => ({ expr: quantileQuery(d, q), legend }));
  const builder = dashboardBuilder(`${service.name} · golden signals`, `${projectName}/${service.name}/golden-signals`, ['golden-signals', service.name], `Traffic, errors, latency and saturation of ${service.name}, from the devsquad metric contract (${d}).`)
    .withVariable(labelVariable(SERVICE_LABEL, SERVICE_LABEL, `${d}_count`, service.name))
    .withRow(row('Overview'))
    .withPanel(statPanel({ title: 'Requests / s', description: 'Current request rate.', unit: 'reqps', queries: [{ expr: `sum(rate(${d}_count${sel()}[${RATE}]))`, legend: 'requests' }] }))
    .withPanel(statPanel({ title: '5xx ratio', description: 'Share of requests answered with a 5xx status.', unit: 'percentunit', thresholds: [[0.01, 'orange'], [0.05, 'red']], queries: [{ expr: ratio(d, { [LABELS.status]: '~5..' }), legend: '5xx' }] }))
    .withPanel(statPanel({ title: 'p99 latency', description: '99th percentile request duration.', unit: 's', thresholds: [[0.5, 'orange'], [1, 'red']], queries: [latency[2]!] }))
    .withPanel(statPanel({ title: 'In flight', description: `Requests being served now (${HTTP_ACTIVE.name}).`, unit: 'short', queries: [{ expr: `sum(${HTTP_ACTIVE.name}${sel()})`, legend: 'in flight' }] }))
    .withRow(row('Traffic and errors'))
    .withPanel(timeseriesPanel({ title: 'Traffic by route', description: `Requests per second by ${LABELS.route}.`, unit: 'reqps', min: 0, queries: [{ expr: `sum by (${LABELS.route}) (rate(${d}_count${sel()}[${RATE}]))`, legend: `{{${LABELS.route}}}` }] }))
    .withPanel(timeseriesPanel({
      title: 'Error ratio',
      description: '5xx (server errors, count against the SLO) and 4xx (client errors, watch for spikes after a deploy) as a share of all requests.',
      unit: 'percentunit',
      min: 0,
      thresholds: [[0.01, 'orange'], [0.05, 'red']],
      queries: [{ expr: ratio(d, { [LABELS.status]: '~5..' }), legend: '5xx' }, { expr: ratio(d, { [LABELS.status]: '~4..' }), legend: '4xx' }],
    }))
    .withRow(row('Latency'))
    .withPanel(timeseriesPanel({ title: 'Latency p50 / p95 / p99', description: `Quantiles of ${d} over all routes.`, unit: 's', min: 0, queries: latency }))
    .withPanel(timeseriesPanel({ title: 'p99 by route', description: 'The slowest routes first: p99 per route.', unit: 's', min: 0, queries: [{ expr: quantileQuery(d, 0.99, [LABELS.route]), legend: `{{${LABELS.route}}}` }] }))
    .withRow(row('Saturation'))
    .withPanel(timeseriesPanel({ title: 'In-flight requests', description: `Concurrent requests (${HTTP_ACTIVE.name}) per instance.`, unit: 'short', min: 0, width: 8, queries: [{ expr: `sum by (instance) (${HTTP_ACTIVE.name}${sel()})`, legend: '{{instance}}' }] }));
  const [cpu, memory] = saturationPanels();
  builder.withPanel(cpu!.span(8)).withPanel(memory!.span(8));
  return serialise(builder.build());
}

function workerDashboard(projectName: string, service: ServicePlan): string {
  const j = JOB_DURATION.name;
  const builder = dashboardBuilder(`${service.name} · jobs`, `${projectName}/${service.name}/golden-signals`, ['golden-signals', 'worker', service.name], `Job throughput, failures, duration and saturation of the ${service.name} worker (${j}).`)
    .withVariable(labelVariable(SERVICE_LABEL, SERVICE_LABEL, `${j}_count`, service.name))
    .withRow(row('Jobs'))
    .withPanel(timeseriesPanel({ title: 'Jobs / s by name', description: 'Jobs finished per second.', unit: 'ops', min: 0, queries: [{ expr: `sum by (job_name) (rate(${j}_count${sel()}[${RATE}]))`, legend: '{{job_name}}' }] }))
    .withPanel(timeseriesPanel({ title: 'Failure ratio', description: 'Share of jobs that ended in failure.', unit: 'percentunit', min: 0, thresholds: [[0.01, 'orange'], [0.05, 'red']], queries: [{ expr: ratio(j, { job_outcome: 'failure' }), legend: 'failures' }] }))
    .withPanel(timeseriesPanel({ title: 'Duration p50 / p95 / p99', description: `Quantiles of ${j}.`, unit: 's', min: 0, width: 24, queries: QUANTILES.map(([q, legend]) => ({ expr: quantileQuery(j, q), legend })) }))
    .withRow(row('Saturation'));
  for (const panel of saturationPanels()) builder.withPanel(panel);
  return serialise(builder.build());
}

/** The dashboard JSON for a service, or null for static sites (no process of ours to measure). */
export function goldenSignalsDashboard(projectName: string, service: ServicePlan): string | null {
  if (service.kind === 'static') return null;
  return service.kind === 'worker' ? workerDashboard(projectName, service) : serverDashboard(projectName, service);
}
