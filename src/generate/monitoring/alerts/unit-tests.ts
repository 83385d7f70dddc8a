/**
 * promtool unit tests for the alerts file of one service: a target that stops answering scrapes
 * pages after 5 minutes, a healthy one does not, and a restart storm opens a ticket.
 */
import { KUBE, SCRAPE_UP } from '../shared/exporters.js';
import { SERVICE_LABEL } from '../shared/metrics.js';
import type { AlertingRule, PromtoolTest, PromtoolTestFile, RuleGroup } from '../shared/rule-files.js';
import { ALERTS } from './rules.js';

function expect(group: RuleGroup, alert: string, extra: Record<string, string>): PromtoolTest['alert_rule_test'][number]['exp_alerts'] {
  const rule = group.rules.find((r): r is AlertingRule => 'alert' in r && r.alert === alert);
  return rule ? [{ exp_labels: { ...extra, ...rule.labels }, exp_annotations: { ...rule.annotations } }] : [];
}

/** Annotations with `{{ $labels.x }}` render per series; promtool compares rendered text. */
function rendered(exp: PromtoolTest['alert_rule_test'][number]['exp_alerts'], labels: Record<string, string>): PromtoolTest['alert_rule_test'][number]['exp_alerts'] {
  return exp.map((e) => ({
    exp_labels: e.exp_labels,
    exp_annotations: Object.fromEntries(Object.entries(e.exp_annotations ?? {}).map(([k, v]) => [k, v.replace(/\{\{ \$labels\.(\w+) \}\}/g, (_, l: string) => labels[l] ?? '')])),
  }));
}

export function alertUnitTests(ruleFile: string, group: RuleGroup, service: string, namespace: string): PromtoolTestFile {
  const tests: PromtoolTest[] = [];
  const target = { instance: '10.0.0.1:9464', job: service, [SERVICE_LABEL]: service };
  const upSeries = `${SCRAPE_UP}{${Object.entries(target).map(([k, v]) => `${k}="${v}"`).join(', ')}}`;
  if (group.rules.some((r) => 'alert' in r && r.alert === ALERTS.targetDown)) {
    tests.push({
      name: `${service}: a target down for 5 minutes pages`,
      interval: '1m',
      input_series: [{ series: upSeries, values: '1x5 0x10' }],
      alert_rule_test: [
        { eval_time: '5m', alertname: ALERTS.targetDown, exp_alerts: [] },
        { eval_time: '12m', alertname: ALERTS.targetDown, exp_alerts: rendered(expect(group, ALERTS.targetDown, target), target) },
      ],
    });
    tests.push({ name: `${service}: a healthy target fires nothing`, interval: '1m', input_series: [{ series: upSeries, values: '1x30' }], alert_rule_test: [{ eval_time: '30m', alertname: ALERTS.targetDown, exp_alerts: [] }] });
  }
  const pod = { container: service, namespace, pod: `${service}-7d4b9c-x2x5z` };
  const restartSeries = `${KUBE.restarts}{${Object.entries(pod).map(([k, v]) => `${k}="${v}"`).join(', ')}}`;
  tests.push({
    name: `${service}: a restart storm opens a ticket`,
    interval: '1m',
    input_series: [{ series: restartSeries, values: '0+1x30' }],
    alert_rule_test: [{ eval_time: '30m', alertname: ALERTS.restarts, exp_alerts: rendered(expect(group, ALERTS.restarts, pod), pod) }],
  });
  return { rule_files: [ruleFile], evaluation_interval: '1m', tests };
}
