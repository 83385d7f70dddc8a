/**
 * The SLO dashboard: per service and SLO (availability, latency, jobs), the objective, the error budget
 * left over the SLO window and the burn rate on every window the multi-window alerts use. It reads
 * only the SLO recording rules (shared/slo-names.ts, written by the slo part), so it stays cheap
 * however long the SLO window.
 */
import { SERVICE_LABEL } from '../shared/metrics.js';
import { SLO_BUDGET_REMAINING_RECORD, SLO_LABEL, SLO_OBJECTIVE_RECORD, sloErrorRatioRecord } from '../shared/slo-names.js';
import { dashboardBuilder, labelVariable, row, serialise, statPanel, timeseriesPanel } from './common.js';

const SEL = `{${SERVICE_LABEL}=~"$${SERVICE_LABEL}"}`;
/** The windows the slo part records an error ratio for (its alerts' long and short windows). */
export const BURN_WINDOWS = ['5m', '30m', '1h', '2h', '6h', '1d', '3d'] as const;
/** Burn-rate factors of the page and ticket alerts (30-day SLO window), drawn as threshold lines. */
const BURN_THRESHOLDS: ReadonlyArray<[number, string]> = [[1, 'yellow'], [3, 'orange'], [6, 'red'], [14.4, 'dark-red']];

/** `<ratio> / on(service, slo) (1 - slo:objective:ratio{…})`: how many times faster than allowed the budget burns. */
export function burnRateQuery(window: string): string {
  return `${sloErrorRatioRecord(window)}${SEL} / on(${SERVICE_LABEL}, ${SLO_LABEL}) (1 - ${SLO_OBJECTIVE_RECORD}${SEL})`;
}

/** Budget left over the SLO window, as the slo part records it (1 = untouched, below 0 = overspent). */
const BUDGET_REMAINING = `${SLO_BUDGET_REMAINING_RECORD}${SEL}`;

export function sloDashboard(projectName: string, services: readonly string[]): string {
  const legend = `{{${SERVICE_LABEL}}} {{${SLO_LABEL}}}`;
  const builder = dashboardBuilder(`${projectName} · SLOs`, `${projectName}/slo`, ['slo'], 'Error budgets and burn rates of the SLOs, from the devsquad SLO recording rules.')
    .withVariable(labelVariable(SERVICE_LABEL, SERVICE_LABEL, SLO_OBJECTIVE_RECORD, null).multi(true).includeAll(true).allValue('.*').current({ selected: true, text: services.length === 1 ? services[0]! : 'All', value: services.length === 1 ? services[0]! : '$__all' }))
    .withRow(row('Error budget'))
    .withPanel(statPanel({ title: 'Objective', description: 'The SLO target.', unit: 'percentunit', width: 6, height: 6, queries: [{ expr: `${SLO_OBJECTIVE_RECORD}${SEL}`, legend }] }, 'blue'))
    .withPanel(statPanel({
      title: 'Error budget remaining',
      description: 'Share of the SLO window\'s error budget not yet spent; below 0 the SLO is missed.',
      unit: 'percentunit', width: 18, height: 6,
      thresholds: [[0, 'orange'], [0.25, 'yellow'], [0.5, 'green']],
      queries: [{ expr: BUDGET_REMAINING, legend }],
    }, 'red'))
    .withPanel(timeseriesPanel({ title: 'Error budget remaining over time', description: 'Budget left over the trailing SLO window.', unit: 'percentunit', width: 24, queries: [{ expr: BUDGET_REMAINING, legend }] }))
    .withRow(row('Burn rate'))
    .withPanel(timeseriesPanel({
      title: 'Burn rate by window',
      description: 'Error ratio ÷ allowed error ratio. 1 spends the budget exactly over the SLO window; for a 30-day window the page alerts fire at 14.4 (1h and 5m) and 6 (6h and 30m), the tickets at 3 (1d and 2h) and 1 (3d and 6h).',
      unit: 'short', width: 24, height: 10, min: 0,
      thresholds: BURN_THRESHOLDS,
      queries: BURN_WINDOWS.map((w) => ({ expr: burnRateQuery(w), legend: `${legend} ${w}` })),
    }))
    .withPanel(timeseriesPanel({ title: 'Error ratio (5m)', description: 'The raw SLI: share of bad events over 5 minutes.', unit: 'percentunit', width: 24, min: 0, queries: [{ expr: `${sloErrorRatioRecord('5m')}${SEL}`, legend }] }));
  return serialise(builder.build());
}
