/**
 * Names of the SLO recording rules the slo part writes, for the parts that read them (the SLO
 * dashboard plots budget remaining and burn rates from these, not from raw metrics).
 */

/** Label naming which SLO of a service a series belongs to: availability | latency | jobs. */
export const SLO_LABEL = 'slo';

/** The error ratio of an SLI over a window: `slo:sli_error:ratio_rate1h{service, slo}`. */
export function sloErrorRatioRecord(window: string): string {
  return `slo:sli_error:ratio_rate${window}`;
}

/** The objective as a ratio (0.999), recorded as a constant so dashboards need not know it. */
export const SLO_OBJECTIVE_RECORD = 'slo:objective:ratio';
/** Share of the error budget left over the SLO window (1 = untouched, 0 = spent, below 0 = overspent). */
export const SLO_BUDGET_REMAINING_RECORD = 'slo:error_budget:remaining_ratio';
/** Current burn rate over one hour: error ratio divided by the budget (1 = on track to spend it exactly). */
export const SLO_BURN_RATE_RECORD = 'slo:burn_rate:ratio_rate1h';
