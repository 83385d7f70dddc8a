/** The monitoring engineer: error tracking, dashboards, SLOs, health checks, logging, alerts, tracing. */
import { monitoringParts } from '../../generate/monitoring/api.js';
import { familyTask } from '../shared/family-task.js';
import type { AgentTask } from '../types.js';

const task = (id: string, description: string, family: string): AgentTask => familyTask({ agent: 'monitoring', id, description, registry: monitoringParts, family });

export const monitoringTasks: readonly AgentTask[] = [
  task('sentry', 'Sentry error tracking for the detected framework: release/environment tags, sample rates, PII scrubbing.', 'sentry'),
  task('dashboards', 'Grafana golden-signal dashboards per service, per backing service, and an SLO dashboard.', 'dashboards'),
  task('slo_sla', 'SLOs with error budgets, recording rules and multi-window multi-burn-rate alerts; SLA summary.', 'slo'),
  task('health_checks', 'Liveness, readiness and startup endpoints; readiness checks the backing services.', 'health'),
  task('logging', 'Structured JSON logging with request and trace ids and redaction; log shipping to Loki.', 'logging'),
  task('alerts', 'Alert rules with runbooks, Alertmanager routing by severity, grouping, inhibition and escalation.', 'alerts'),
  task('tracing', 'OpenTelemetry instrumentation and a Collector config.', 'otel'),
];
