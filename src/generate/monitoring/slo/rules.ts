/**
 * Prometheus rules of one service's SLOs: recording rules for the error ratio over every window the
 * alerts need, the objective and budget left, then the multi-window multi-burn-rate alerts that read
 * those records (cheap to evaluate, and the same series the SLO dashboard plots).
 */
import type { ProjectPlan } from '../../../plan/schema.js';
import { SERVICE_LABEL } from '../shared/metrics.js';
import { clean, runbookUrl, type AlertingRule, type RecordingRule, type RuleGroup } from '../shared/rule-files.js';
import { SLO_BUDGET_REMAINING_RECORD, SLO_BURN_RATE_RECORD, SLO_LABEL, SLO_OBJECTIVE_RECORD, sloErrorRatioRecord } from '../shared/slo-names.js';
import { BURN_RATE_ALERTS, RECORD_WINDOWS, budgetOf, burnFactor } from './burn-rate.js';
import type { SloInputs } from './inputs.js';
import type { Sli } from './sli.js';

export const PAGE_ALERT = 'ErrorBudgetBurnFast';
export const TICKET_ALERT = 'ErrorBudgetBurnSlow';

function selector(sli: Sli): string {
  return `{${SERVICE_LABEL}="${sli.service}", ${SLO_LABEL}="${sli.kind}"}`;
}

function recordingRules(sli: Sli, window: string): RecordingRule[] {
  const labels = { [SERVICE_LABEL]: sli.service, [SLO_LABEL]: sli.kind };
  const sel = selector(sli);
  const ratio5m = `${sloErrorRatioRecord('5m')}${sel}`;
  const budget = budgetOf(sli.objective);
  return [
    ...RECORD_WINDOWS.map((w) => ({ record: sloErrorRatioRecord(w), expr: sli.errorRatio(w), labels })),
    // The SLO window's ratio averages the 5m records instead of a 30d rate over raw series: the
    // same value at a fraction of the cost (the approach Sloth uses).
    { record: sloErrorRatioRecord(window), expr: `avg_over_time(${ratio5m}[${window}])`, labels },
    { record: SLO_OBJECTIVE_RECORD, expr: `vector(${clean(sli.objective / 100)})`, labels },
    { record: SLO_BUDGET_REMAINING_RECORD, expr: `1 - (${sloErrorRatioRecord(window)}${sel} / ${budget})`, labels },
    { record: SLO_BURN_RATE_RECORD, expr: `${sloErrorRatioRecord('1h')}${sel} / ${budget}`, labels },
  ];
}

function burnCondition(sli: Sli, long: string, short: string, factor: number): string {
  const threshold = `(${factor} * ${budgetOf(sli.objective)})`;
  const sel = selector(sli);
  return `(${sloErrorRatioRecord(long)}${sel} > ${threshold} and ${sloErrorRatioRecord(short)}${sel} > ${threshold})`;
}

function burnAlert(plan: ProjectPlan, sli: Sli, options: SloInputs, severity: 'page' | 'ticket'): AlertingRule {
  const pairs = BURN_RATE_ALERTS.filter((a) => a.severity === severity);
  const alert = severity === 'page' ? PAGE_ALERT : TICKET_ALERT;
  const windows = pairs.map((p) => `${p.long}/${p.short} at ${burnFactor(p, options.window)}x`).join(', ');
  return {
    alert,
    expr: pairs.map((p) => burnCondition(sli, p.long, p.short, burnFactor(p, options.window))).join('\nor\n'),
    // The short window already stops flapping; `for` only rides out a single bad scrape.
    for: severity === 'page' ? '2m' : '15m',
    labels: { severity, [SERVICE_LABEL]: sli.service, [SLO_LABEL]: sli.kind },
    annotations: {
      summary: `${sli.service} is burning its ${sli.kind} error budget ${severity === 'page' ? 'fast' : 'steadily'}`,
      description:
        `${sli.description} Error budget: ${clean(budgetOf(sli.objective) * 100)}% over ${options.window}. ` +
        `The error ratio exceeds the burn-rate factor times the budget over both windows of a pair (${windows}).`,
      runbook_url: runbookUrl(options.runbookBaseUrl, plan, alert),
    },
  };
}

export function sloRuleGroups(plan: ProjectPlan, slis: readonly Sli[], options: SloInputs): RuleGroup[] {
  const service = slis[0]?.service ?? '';
  return [
    { name: `${service}-slo-records`, rules: slis.flatMap((sli) => recordingRules(sli, options.window)) },
    { name: `${service}-slo-alerts`, rules: slis.flatMap((sli) => [burnAlert(plan, sli, options, 'page'), burnAlert(plan, sli, options, 'ticket')]) },
  ];
}
