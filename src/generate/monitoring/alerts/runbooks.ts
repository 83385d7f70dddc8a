/** Runbooks of the alerts part: one page per alert name, with the diagnosis commands for each service. */
import type { BackingServiceKind, ProjectPlan } from '../../../plan/schema.js';
import type { GeneratedFile } from '../../types.js';
import { BACKING_EXPORTERS } from '../shared/exporters.js';
import { RUNBOOK_DIR, projectSlug, runbookSlug, type RuleGroup } from '../shared/rule-files.js';
import { kubernetesCommands, renderRunbook, type Runbook } from '../shared/runbook.js';
import { ALERTS } from './rules.js';

type Text = Omit<Runbook, 'alert' | 'services' | 'diagnosis'> & { extra: (service: string) => string[] };

const TEXTS: Record<string, Text> = {
  [ALERTS.targetDown]: {
    severity: 'page',
    summary: 'Prometheus cannot scrape the service.',
    meaning: 'The scrape of the service\'s metrics endpoint has failed for 5 minutes: every pod is down or crash-looping, the endpoint moved, or a NetworkPolicy blocks Prometheus.',
    impact: 'If the process is down, users get errors; in any case the SLO and saturation alerts of this service are blind (and inhibited) until the scrape works.',
    mitigation: ['If pods crash, read the last logs (`--previous`) and roll back the last deploy: `kubectl -n "$NAMESPACE" rollout undo deployment/<service>`.', 'If pods run, check the metrics endpoint from inside the cluster and the scrape config (port name, path /metrics, NetworkPolicy).'],
    extra: (s) => [`kubectl -n "$NAMESPACE" logs deployment/${s} --previous --tail=100`, `kubectl -n "$NAMESPACE" port-forward deployment/${s} 9464:http & sleep 2; curl -s localhost:9464/metrics | head`],
  },
  [ALERTS.restarts]: {
    severity: 'ticket',
    summary: 'Containers restart repeatedly.',
    meaning: 'The container restarted more often than the threshold within an hour: it crashes, fails its liveness probe, or is OOM-killed.',
    impact: 'Requests in flight fail at each restart; a crash loop turns into downtime (TargetDown).',
    mitigation: ['`Last State: Terminated, Reason: OOMKilled` → raise the memory limit or fix the leak.', 'Liveness probe failures → make the probe cheap (no dependency checks) or raise its timeout.', 'Application crash → fix from the stack trace in the previous logs.'],
    extra: (s) => [`kubectl -n "$NAMESPACE" get pods -l app.kubernetes.io/name=${s} -o jsonpath='{range .items[*]}{.metadata.name}{" "}{.status.containerStatuses[0].lastState.terminated.reason}{"\\n"}{end}'`, `kubectl -n "$NAMESPACE" logs deployment/${s} --previous --tail=100`],
  },
  [ALERTS.cpu]: {
    severity: 'ticket',
    summary: 'CPU use is near the limit; the container is throttled.',
    meaning: 'Over 15 minutes the container used most of its CPU limit, so the kernel throttles it.',
    impact: 'Latency rises, which the latency SLO will show.',
    mitigation: ['Scale out (more replicas, or let the HorizontalPodAutoscaler go higher).', 'Raise the CPU limit in the deployment if the service is single-threaded-bound.', 'Profile the hot path if the load did not grow.'],
    extra: (s) => [`kubectl -n "$NAMESPACE" top pods -l app.kubernetes.io/name=${s}`, `kubectl -n "$NAMESPACE" get hpa ${s}`],
  },
  [ALERTS.memory]: {
    severity: 'ticket',
    summary: 'Memory use is near the limit.',
    meaning: 'Over 15 minutes the working set stayed near the memory limit; at the limit the kernel OOM-kills the container.',
    impact: 'An OOM kill drops the requests in flight and restarts the container (ContainerRestarting).',
    mitigation: ['Raise the memory limit if usage is steady and legitimate.', 'If it grows without bound, it is a leak: take a heap profile before the next restart.', 'Check runtime settings that size memory (JVM -XX:MaxRAMPercentage, Node --max-old-space-size).'],
    extra: (s) => [`kubectl -n "$NAMESPACE" top pods -l app.kubernetes.io/name=${s}`],
  },
  [ALERTS.certSoon]: {
    severity: 'ticket',
    summary: 'The TLS certificate expires within 14 days.',
    meaning: 'The blackbox exporter saw a certificate in the served chain that expires soon; automatic renewal has not happened.',
    impact: 'None yet. At expiry, browsers and clients refuse to connect.',
    mitigation: ['With cert-manager: inspect the Certificate and its CertificateRequest/Order for the renewal error.', 'Otherwise renew it by hand and plan automation.'],
    extra: (s) => ['kubectl -n "$NAMESPACE" get certificates,certificaterequests,orders', `kubectl -n "$NAMESPACE" describe certificate ${s}-tls`, 'echo | openssl s_client -connect "$HOST:443" -servername "$HOST" 2>/dev/null | openssl x509 -noout -enddate'],
  },
  [ALERTS.certCritical]: {
    severity: 'page',
    summary: 'The TLS certificate expires within 3 days.',
    meaning: 'Renewal has failed for over a week; expiry is close.',
    impact: 'At expiry every HTTPS client fails.',
    mitigation: ['Renew now (cert-manager: `cmctl renew <certificate>`), then find why automatic renewal failed.'],
    extra: (s) => [`kubectl -n "$NAMESPACE" describe certificate ${s}-tls`, 'echo | openssl s_client -connect "$HOST:443" -servername "$HOST" 2>/dev/null | openssl x509 -noout -enddate'],
  },
};

function backingRunbook(plan: ProjectPlan, usage: ReadonlyMap<BackingServiceKind, string[]>): Runbook {
  const ns = `${projectSlug(plan)}-prod`;
  return {
    alert: ALERTS.backingDown,
    severity: 'page',
    summary: 'A database, cache or broker the services need is unreachable.',
    meaning: 'The backing service\'s exporter reports it cannot connect (or the exporter\'s series disappeared). The `backing` label says which one.',
    impact: `Requests that need it fail: ${[...usage].map(([kind, users]) => `${kind} → ${users.join(', ')}`).join('; ')}.`,
    diagnosis: [...usage].map(([kind]) => {
      const exporter = BACKING_EXPORTERS[kind]!;
      return { title: `${kind} (${exporter.exporter}, \`${exporter.upMetric}\`)`, commands: [`NAMESPACE=${ns}`, `kubectl -n "$NAMESPACE" get pods,svc | grep -i ${kind}`, `kubectl -n "$NAMESPACE" logs statefulset/${kind} --tail=100`, exporter.check] };
    }),
    mitigation: ['Managed service (RDS, ElastiCache, Cloud SQL…): check the provider\'s status page and the instance events.', 'In-cluster: check the StatefulSet pod, its PersistentVolumeClaim (full disk?) and recent restarts.', 'Check credentials: a rotated password shows as authentication errors in the exporter logs.'],
    services: [...usage.keys()],
  };
}

export function alertRunbooks(plan: ProjectPlan, groups: readonly RuleGroup[], usage: ReadonlyMap<BackingServiceKind, string[]>, source: string): GeneratedFile[] {
  const ns = `${projectSlug(plan)}-prod`;
  const byAlert = new Map<string, string[]>();
  for (const group of groups) {
    for (const rule of group.rules) {
      if (!('alert' in rule) || rule.alert === ALERTS.backingDown) continue;
      const services = byAlert.get(rule.alert) ?? [];
      services.push(rule.labels.service ?? '');
      byAlert.set(rule.alert, services);
    }
  }
  const books: Runbook[] = [];
  for (const [alert, services] of [...byAlert].sort(([a], [b]) => a.localeCompare(b))) {
    const { extra, ...text } = TEXTS[alert]!;
    books.push({ alert, ...text, services, diagnosis: services.map((s) => ({ title: `\`${s}\` on Kubernetes`, commands: [`NAMESPACE=${ns}`, ...kubernetesCommands(s), ...extra(s)] })) });
  }
  if (usage.size > 0) books.push(backingRunbook(plan, usage));
  return books.map((book) => ({ path: `${RUNBOOK_DIR}/${runbookSlug(book.alert)}.md`, content: renderRunbook(book, source), kind: 'markdown', generator: 'alerts' }));
}
