/**
 * The Alertmanager configuration: group by alert and service, pages to the incident tool (which
 * owns escalation: on-call schedules, re-notification, hand-over, as Alertmanager's maintainers
 * advise) and mirrored to a Slack channel on a slower repeat, tickets to Slack, inhibition so one
 * cause notifies once. Every credential is read from a mounted file; none is inline.
 */
import type { ProjectPlan } from '../../../plan/schema.js';
import { SERVICE_LABEL } from '../shared/metrics.js';
import { projectSlug } from '../shared/rule-files.js';
import type { AlertsInputs } from './inputs.js';
import { ALERTS } from './rules.js';

export function alertmanagerConfig(plan: ProjectPlan, options: AlertsInputs): Record<string, unknown> {
  const project = projectSlug(plan);
  const secret = (name: string): string => `${options.secretsDir.replace(/\/+$/, '')}/${name}`;
  const channel = (c: string): string => c.replaceAll('{project}', project);
  const pageReceiver = options.incidentTool === 'pagerduty' ? 'page-pagerduty' : 'page-opsgenie';
  const incident =
    options.incidentTool === 'pagerduty'
      ? { name: pageReceiver, pagerduty_configs: [{ routing_key_file: secret('pagerduty-routing-key'), send_resolved: true, severity: 'critical', description: '{{ .CommonAnnotations.summary }}', links: [{ href: '{{ .CommonAnnotations.runbook_url }}', text: 'Runbook' }] }] }
      : { name: pageReceiver, opsgenie_configs: [{ api_key_file: secret('opsgenie-api-key'), send_resolved: true, priority: 'P1', message: '{{ .CommonAnnotations.summary }}', description: '{{ .CommonAnnotations.description }}\nRunbook: {{ .CommonAnnotations.runbook_url }}' }] };
  const slack = (name: string, slackChannel: string): Record<string, unknown> => ({
    name,
    slack_configs: [{
      channel: channel(slackChannel),
      send_resolved: true,
      title: '[{{ .Status | toUpper }}] {{ .CommonLabels.alertname }} ({{ .CommonLabels.service }})',
      text: '{{ range .Alerts }}{{ .Annotations.summary }}\n{{ .Annotations.description }}\nRunbook: {{ .Annotations.runbook_url }}\n{{ end }}',
    }],
  });
  return {
    global: { resolve_timeout: '5m', slack_api_url_file: secret('slack-webhook-url') },
    route: {
      receiver: 'ticket-slack',
      group_by: ['alertname', SERVICE_LABEL],
      group_wait: '30s',
      group_interval: '5m',
      repeat_interval: '12h',
      routes: [
        // Pages go to the incident tool first; `continue` lets the next route mirror them to Slack.
        { receiver: pageReceiver, matchers: ['severity="page"'], group_wait: '10s', repeat_interval: '1h', continue: true },
        // The mirror waits longer and repeats rarely: the incident tool, not Slack, re-notifies and escalates.
        { receiver: 'page-slack', matchers: ['severity="page"'], group_wait: '1m', repeat_interval: '24h' },
        { receiver: 'ticket-slack', matchers: ['severity="ticket"'], repeat_interval: '24h' },
      ],
    },
    receivers: [incident, slack('page-slack', options.pageSlackChannel), slack('ticket-slack', options.slackChannel)],
    inhibit_rules: [
      // A page about a service already tells the on-call; the tickets of the same service wait.
      { source_matchers: ['severity="page"'], target_matchers: ['severity="ticket"'], equal: [SERVICE_LABEL] },
      // When the target is down, its other alerts (burn rate, saturation) are consequences.
      { source_matchers: [`alertname="${ALERTS.targetDown}"`], target_matchers: [`alertname!="${ALERTS.targetDown}"`], equal: [SERVICE_LABEL] },
    ],
  };
}
