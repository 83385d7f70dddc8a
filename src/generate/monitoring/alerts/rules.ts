/**
 * Alert rules beyond SLOs, per service: the scrape target is down, containers restart, CPU or memory
 * run near their limits, certificates expire (blackbox probes); and for the backing services the
 * plan found, their exporter says they are unreachable. Each alert carries severity page|ticket and
 * a runbook link.
 */
import type { BackingServiceKind, ProjectPlan, ServicePlan } from '../../../plan/schema.js';
import { BACKING_EXPORTERS, KUBE, PROBE_CERT_EXPIRY, SCRAPE_UP } from '../shared/exporters.js';
import { SERVICE_LABEL, serviceSelector } from '../shared/metrics.js';
import { projectSlug, runbookUrl, type AlertingRule, type RuleGroup } from '../shared/rule-files.js';
import type { AlertsInputs } from './inputs.js';

export const ALERTS = {
  targetDown: 'TargetDown',
  restarts: 'ContainerRestarting',
  cpu: 'ContainerCPUNearLimit',
  memory: 'ContainerMemoryNearLimit',
  certSoon: 'CertificateExpiringSoon',
  certCritical: 'CertificateExpiryImminent',
  backingDown: 'BackingServiceDown',
} as const;

function alert(plan: ProjectPlan, options: AlertsInputs, rule: Omit<AlertingRule, 'annotations'> & { summary: string; description: string }): AlertingRule {
  const { summary, description, ...rest } = rule;
  return { ...rest, annotations: { summary, description, runbook_url: runbookUrl(options.runbookBaseUrl, plan, rule.alert) } };
}

export function namespaceRegex(plan: ProjectPlan, options: AlertsInputs): string {
  return options.namespace.replaceAll('{project}', projectSlug(plan));
}

export function serviceAlerts(plan: ProjectPlan, service: ServicePlan, options: AlertsInputs): RuleGroup {
  const name = service.name;
  const k8s = `{container="${name}", namespace=~"${namespaceRegex(plan, options)}"}`;
  const limit = (resource: string): string => `sum by (namespace, pod) (${KUBE.limits}{container="${name}", namespace=~"${namespaceRegex(plan, options)}", resource="${resource}"})`;
  const labels = (severity: 'page' | 'ticket'): AlertingRule['labels'] => ({ severity, [SERVICE_LABEL]: name });
  const pct = Math.round(options.saturation * 100);
  const rules: AlertingRule[] = [];
  // Static sites are served by a web server without /metrics: nothing scrapes them, so no TargetDown.
  if (service.kind !== 'static') {
    rules.push(alert(plan, options, {
      alert: ALERTS.targetDown,
      expr: `${SCRAPE_UP}${serviceSelector(name)} == 0`,
      for: '5m',
      labels: labels('page'),
      summary: `${name} cannot be scraped`,
      description: `Prometheus has not scraped ${name} at {{ $labels.instance }} for 5 minutes: the process is down, crash-looping, or its metrics endpoint is unreachable.`,
    }));
  }
  rules.push(
    alert(plan, options, {
      alert: ALERTS.restarts,
      expr: `increase(${KUBE.restarts}${k8s}[1h]) > ${options.restartsPerHour}`,
      for: '5m',
      labels: labels('ticket'),
      summary: `${name} containers keep restarting`,
      description: `Container ${name} in pod {{ $labels.pod }} restarted more than ${options.restartsPerHour} times in the last hour (crash, failed liveness probe or OOM kill).`,
    }),
    alert(plan, options, {
      alert: ALERTS.cpu,
      expr: `sum by (namespace, pod) (rate(${KUBE.cpuUsage}${k8s}[5m])) / ${limit('cpu')} > ${options.saturation}`,
      for: '15m',
      labels: labels('ticket'),
      summary: `${name} uses more than ${pct}% of its CPU limit`,
      description: `Pod {{ $labels.pod }} of ${name} has used over ${pct}% of its CPU limit for 15 minutes; it is being throttled and latency suffers.`,
    }),
    alert(plan, options, {
      alert: ALERTS.memory,
      expr: `sum by (namespace, pod) (${KUBE.memoryWorkingSet}${k8s}) / ${limit('memory')} > ${options.saturation}`,
      for: '15m',
      labels: labels('ticket'),
      summary: `${name} uses more than ${pct}% of its memory limit`,
      description: `Pod {{ $labels.pod }} of ${name} has used over ${pct}% of its memory limit for 15 minutes; the kernel OOM-kills it at 100%.`,
    }),
  );
  if (options.blackbox && service.kind !== 'worker') {
    const expiry = `${PROBE_CERT_EXPIRY}${serviceSelector(name)} - time()`;
    rules.push(
      alert(plan, options, {
        alert: ALERTS.certSoon,
        expr: `${expiry} < 14 * 86400`,
        for: '1h',
        labels: labels('ticket'),
        summary: `The TLS certificate of ${name} expires within 14 days`,
        description: `The certificate served at {{ $labels.instance }} expires in {{ $value | humanizeDuration }}; renewal (cert-manager, ACME) has not happened.`,
      }),
      alert(plan, options, {
        alert: ALERTS.certCritical,
        expr: `${expiry} < 3 * 86400`,
        for: '10m',
        labels: labels('page'),
        summary: `The TLS certificate of ${name} expires within 3 days`,
        description: `The certificate served at {{ $labels.instance }} expires in {{ $value | humanizeDuration }}; clients will refuse the connection once it does.`,
      }),
    );
  }
  return { name: `${name}-alerts`, rules };
}

/** Backing services of the selected services that have an exporter, with the services using them. */
export function backingUsage(services: readonly ServicePlan[]): Map<BackingServiceKind, string[]> {
  const usage = new Map<BackingServiceKind, string[]>();
  for (const service of services) {
    for (const backing of service.backingServices) {
      if (!BACKING_EXPORTERS[backing.kind]) continue;
      const users = usage.get(backing.kind) ?? [];
      if (!users.includes(service.name)) users.push(service.name);
      usage.set(backing.kind, users);
    }
  }
  return new Map([...usage].sort(([a], [b]) => a.localeCompare(b)));
}

export function backingAlerts(plan: ProjectPlan, usage: ReadonlyMap<BackingServiceKind, string[]>, options: AlertsInputs): RuleGroup | null {
  const rules: AlertingRule[] = [];
  for (const [kind, users] of usage) {
    const exporter = BACKING_EXPORTERS[kind]!;
    rules.push(alert(plan, options, {
      alert: ALERTS.backingDown,
      // Exporters with an `_up` gauge report 0; for the others (broker counts, info metrics) the series vanishes.
      expr: exporter.upMetric.endsWith('_up') ? `${exporter.upMetric} == 0` : `absent(${exporter.upMetric})`,
      for: '2m',
      // The backing service is the "service" here: grouping and inhibition treat it as one unit.
      labels: { severity: 'page', [SERVICE_LABEL]: kind, backing: kind },
      summary: `${kind} is unreachable`,
      description: `${exporter.exporter} cannot reach ${kind} (used by ${users.join(', ')}); requests that need it fail.`,
    }));
  }
  return rules.length > 0 ? { name: 'backing-services-alerts', rules } : null;
}
