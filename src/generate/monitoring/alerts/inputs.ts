/**
 * Typed inputs of the alerts part, with defaults (`inputs.parse({})` gives them all). readme.md and
 * docs/monitoring/alerts.md document each one. `{project}` is replaced by the project name.
 */
import { z } from 'zod';
import { DEFAULT_RUNBOOK_BASE } from '../shared/rule-files.js';

export const inputs = z.object({
  /** Base URL of the runbooks (monitoring/runbooks/ as your Git host shows it). */
  runbookBaseUrl: z.string().url().default(DEFAULT_RUNBOOK_BASE),
  /** Incident tool that pages and escalates: its receiver gets severity=page alerts. */
  incidentTool: z.enum(['pagerduty', 'opsgenie']).default('pagerduty'),
  /** Slack channel for tickets. */
  slackChannel: z.string().regex(/^[#@]?[\w{}.-]+$/).default('#alerts-{project}'),
  /** Slack channel that mirrors pages, so the team sees what is paging. */
  pageSlackChannel: z.string().regex(/^[#@]?[\w{}.-]+$/).default('#incidents-{project}'),
  /** Directory the Alertmanager pod mounts its secret files from. */
  secretsDir: z.string().regex(/^\/[\w./-]*$/).default('/etc/alertmanager/secrets'),
  /** Namespace regex of the kube-state-metrics / cAdvisor selectors (the kubernetes family's `<project>-<env>`). */
  namespace: z.string().default('{project}-.*'),
  /** Share of the CPU or memory limit above which a saturation ticket opens. */
  saturation: z.number().gt(0).lt(1).default(0.9),
  /** Container restarts within an hour that open a ticket. */
  restartsPerHour: z.number().int().min(1).default(3),
  /** Blackbox exporter probes the services: add certificate-expiry alerts on probe_ssl_earliest_cert_expiry. */
  blackbox: z.boolean().default(false),
});
export type AlertsInputs = z.infer<typeof inputs>;
