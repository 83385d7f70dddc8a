/**
 * promtool unit tests for a service's SLO rules, written next to them so `promtool test rules`
 * proves the alerts behave: a fast burn pages, a slow burn opens a ticket, a healthy service stays
 * quiet. Burn speeds are derived from the computed factors, so the tests hold for any window.
 */
import { HTTP_DURATION, JOB_DURATION, LABELS, SERVICE_LABEL } from '../shared/metrics.js';
import type { AlertingRule, PromtoolTest, PromtoolTestFile, RuleGroup } from '../shared/rule-files.js';
import { SLO_LABEL } from '../shared/slo-names.js';
import { BURN_RATE_ALERTS, budgetOf, burnFactor } from './burn-rate.js';
import type { SloInputs } from './inputs.js';
import { PAGE_ALERT, TICKET_ALERT } from './rules.js';
import type { Sli } from './sli.js';

/** Requests (or jobs) per minute in the test series. */
const TOTAL = 1000;

function counter(perMinute: number, minutes: number): string {
  return `0+${Number(perMinute.toPrecision(10))}x${minutes}`;
}

function series(sli: Sli, errorRatio: number, minutes: number, latencyThreshold: number): PromtoolTest['input_series'] {
  const bad = TOTAL * errorRatio;
  const svc = `${SERVICE_LABEL}="${sli.service}"`;
  if (sli.kind === 'jobs') {
    const m = `${JOB_DURATION.name}_count`;
    return [
      { series: `${m}{${svc}, job_name="default", job_outcome="success"}`, values: counter(TOTAL - bad, minutes) },
      { series: `${m}{${svc}, job_name="default", job_outcome="failure"}`, values: counter(bad, minutes) },
    ];
  }
  const m = `${HTTP_DURATION.name}_count`;
  const base = `${svc}, ${LABELS.method}="GET", ${LABELS.route}="/"`;
  // Availability tests burn with 5xx; latency tests burn with slow requests. The other SLI stays healthy.
  const errors = sli.kind === 'availability' ? bad : 0;
  const slow = sli.kind === 'latency' ? bad : 0;
  return [
    { series: `${m}{${base}, ${LABELS.status}="200"}`, values: counter(TOTAL - errors, minutes) },
    { series: `${m}{${base}, ${LABELS.status}="500"}`, values: counter(errors, minutes) },
    { series: `${HTTP_DURATION.name}_bucket{${base}, le="${latencyThreshold}"}`, values: counter(TOTAL - slow, minutes) },
  ];
}

function expected(rules: readonly AlertingRule[], alert: string, sli: Sli): PromtoolTest['alert_rule_test'][number]['exp_alerts'] {
  const rule = rules.find((r) => r.alert === alert && r.labels[SERVICE_LABEL] === sli.service && r.labels[SLO_LABEL] === sli.kind);
  return rule ? [{ exp_labels: { ...rule.labels }, exp_annotations: { ...rule.annotations } }] : [];
}

/** Tests for each SLI whose burn speeds are reachable (a ratio below 1); null when none is. */
export function sloUnitTests(ruleFile: string, groups: readonly RuleGroup[], slis: readonly Sli[], options: SloInputs): PromtoolTestFile | null {
  const alerts = groups.flatMap((g) => g.rules).filter((r): r is AlertingRule => 'alert' in r);
  const factors = BURN_RATE_ALERTS.map((a) => burnFactor(a, options.window)).sort((a, b) => a - b);
  const [slowest = 1, next = 3] = factors;
  const pageFactor = Math.max(...BURN_RATE_ALERTS.filter((a) => a.severity === 'page').map((a) => burnFactor(a, options.window)));
  const tests: PromtoolTest[] = [];
  for (const sli of slis) {
    const budget = budgetOf(sli.objective);
    const fast = pageFactor * budget * 2;
    const slow = ((slowest + next) / 2) * budget;
    const healthy = (slowest * budget) / 4;
    const check = (at: string, page: boolean, ticket: boolean): PromtoolTest['alert_rule_test'] => [
      { eval_time: at, alertname: PAGE_ALERT, exp_alerts: page ? expected(alerts, PAGE_ALERT, sli) : [] },
      { eval_time: at, alertname: TICKET_ALERT, exp_alerts: ticket ? expected(alerts, TICKET_ALERT, sli) : [] },
    ];
    const name = `${sli.service} ${sli.kind}`;
    if (fast < 1) {
      // At 10 minutes the page has been true for longer than its `for`; the ticket is still pending.
      tests.push({ name: `${name}: a fast burn pages`, interval: '1m', input_series: series(sli, fast, 20, options.latencyThreshold), alert_rule_test: check('10m', true, false) });
    }
    if (slow < 1) {
      tests.push({ name: `${name}: a slow burn opens a ticket and does not page`, interval: '1m', input_series: series(sli, slow, 90, options.latencyThreshold), alert_rule_test: check('1h', false, true) });
    }
    tests.push({ name: `${name}: a healthy service fires nothing`, interval: '1m', input_series: series(sli, healthy, 90, options.latencyThreshold), alert_rule_test: check('1h', false, false) });
  }
  return tests.length > 0 ? { rule_files: [ruleFile], evaluation_interval: '1m', tests } : null;
}
