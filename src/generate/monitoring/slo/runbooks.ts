/** Runbooks of the burn-rate alerts: one page per alert name, covering every service it is written for. */
import type { ProjectPlan } from '../../../plan/schema.js';
import type { GeneratedFile } from '../../types.js';
import { RUNBOOK_DIR, projectSlug, runbookSlug } from '../shared/rule-files.js';
import { kubernetesCommands, renderRunbook, type Runbook } from '../shared/runbook.js';
import { PAGE_ALERT, TICKET_ALERT } from './rules.js';
import type { Sli } from './sli.js';

function diagnosis(plan: ProjectPlan, services: readonly string[]): Runbook['diagnosis'] {
  const ns = `${projectSlug(plan)}-prod`;
  return [
    {
      title: 'Which SLO burns, and how fast (Prometheus expression browser or `promtool query instant`)',
      commands: [
        'promtool query instant "$PROMETHEUS_URL" \'slo:burn_rate:ratio_rate1h\'',
        'promtool query instant "$PROMETHEUS_URL" \'slo:error_budget:remaining_ratio\'',
        'promtool query instant "$PROMETHEUS_URL" \'topk(5, sum by (service, http_route, http_response_status_code) (rate(http_server_request_duration_seconds_count{http_response_status_code=~"5.."}[5m])))\'',
      ],
    },
    ...services.map((service) => ({ title: `\`${service}\` on Kubernetes`, commands: [`NAMESPACE=${ns}`, ...kubernetesCommands(service), `kubectl -n "$NAMESPACE" rollout history deployment/${service}`] })),
    { title: 'With Docker Compose', commands: ['docker compose ps', `docker compose logs --since 30m ${services.join(' ')}`] },
  ];
}

export function sloRunbooks(plan: ProjectPlan, slis: readonly Sli[], source: string): GeneratedFile[] {
  const services = [...new Set(slis.map((s) => s.service))];
  const books: Runbook[] = [
    {
      alert: PAGE_ALERT,
      severity: 'page',
      summary: 'At this rate the error budget is gone within days.',
      meaning: 'The share of failed (5xx), slow or failed-job events is many times what the SLO allows, over both a long and a short window. The `slo` label says which SLO: availability, latency or jobs.',
      impact: 'Users see errors or slow responses now. Every minute spends budget that blocks releases later (see monitoring/slo/ERROR_BUDGET_POLICY.md).',
      diagnosis: diagnosis(plan, services),
      mitigation: [
        'If a deploy happened in the last hours, roll it back first: `kubectl -n "$NAMESPACE" rollout undo deployment/<service>`; investigate after.',
        'If a backing service is down (a BackingServiceDown alert fires too), follow its runbook.',
        'If traffic spiked, scale out: `kubectl -n "$NAMESPACE" scale deployment/<service> --replicas=<n>`.',
        'When the burn stops, the short window clears the alert within minutes; write the incident up if it spent more than 20% of the budget.',
      ],
      services,
    },
    {
      alert: TICKET_ALERT,
      severity: 'ticket',
      summary: 'The error budget is being spent faster than it refills; no one needs to wake up.',
      meaning: 'Over one to three days the error ratio has stayed above the rate that would spend exactly the budget of the SLO window.',
      impact: 'A small share of users sees errors or slow responses. Left alone, the budget runs out before the window ends.',
      diagnosis: diagnosis(plan, services),
      mitigation: [
        'Find the routes or jobs that fail most (third query above) and open an issue for the owning team.',
        'Check recent releases and dependency changes for a regression.',
        'If the objective is unrealistic for this service, change it in monitoring/slo/ with the SLO owner rather than ignoring the ticket.',
      ],
      services,
    },
  ];
  return books.map((book) => ({ path: `${RUNBOOK_DIR}/${runbookSlug(book.alert)}.md`, content: renderRunbook(book, source), kind: 'markdown', generator: 'slo' }));
}
