/**
 * The built-in workflows. `production-ready` is the squad's main job: analysis happens before any step
 * (every task reads the same plan), then infrastructure, the security audit and monitoring run side by
 * side, then the quality gate scores the lot and blocks on critical findings.
 */
import type { Workflow } from './schema.js';
import { GATE_AGENT, GATE_TASK } from './schema.js';

const gate = (needs: string[]): Workflow['steps'][number] => ({ id: 'quality-gate', agent: GATE_AGENT, task: GATE_TASK, inputs: {}, needs, retries: 0 });
const step = (id: string, agent: string, task: string, needs: string[] = []): Workflow['steps'][number] => ({ id, agent, task, inputs: {}, needs, retries: 0 });

const INFRA = [
  step('dockerfile', 'infrastructure', 'dockerfile'),
  step('compose', 'infrastructure', 'docker_compose'),
  step('ci-cd', 'infrastructure', 'ci_cd'),
  step('kubernetes', 'infrastructure', 'kubernetes'),
  step('helm', 'infrastructure', 'helm'),
  step('terraform', 'infrastructure', 'terraform'),
  step('runbooks', 'infrastructure', 'runbooks'),
];
const SECURITY = [step('audit', 'security', 'audit')];
const MONITORING = [
  step('sentry', 'monitoring', 'sentry'),
  step('health-checks', 'monitoring', 'health_checks'),
  step('logging', 'monitoring', 'logging'),
  step('tracing', 'monitoring', 'tracing'),
  step('dashboards', 'monitoring', 'dashboards'),
  step('slo', 'monitoring', 'slo_sla'),
  step('alerts', 'monitoring', 'alerts'),
];
const ids = (steps: Workflow['steps']): string[] => steps.map((s) => s.id);

export const BUILTIN_WORKFLOWS: readonly Workflow[] = [
  {
    name: 'production-ready',
    description: 'Containers, CI/CD, Kubernetes, Helm, Terraform, runbooks, a security audit and the observability setup, then the quality gate.',
    steps: [...INFRA, ...SECURITY, ...MONITORING, gate([...ids(INFRA), ...ids(SECURITY), ...ids(MONITORING)])],
  },
  {
    name: 'containerize',
    description: 'Dockerfile, .dockerignore and compose.yaml for every service, then the quality gate.',
    steps: [INFRA[0]!, INFRA[1]!, gate(['dockerfile', 'compose'])],
  },
  {
    name: 'ci-cd',
    description: 'Container builds and the CI/CD pipeline, then the quality gate.',
    steps: [INFRA[0]!, INFRA[2]!, gate(['dockerfile', 'ci-cd'])],
  },
  {
    name: 'kubernetes',
    description: 'Container images, Kubernetes manifests with Kustomize overlays, a Helm chart, then the quality gate.',
    steps: [INFRA[0]!, INFRA[3]!, INFRA[4]!, gate(['dockerfile', 'kubernetes', 'helm'])],
  },
  {
    name: 'security-audit',
    description: 'The security audit (code, secrets, dependencies, IaC), then the quality gate.',
    steps: [...SECURITY, gate(['audit'])],
  },
  {
    name: 'observability',
    description: 'Error tracking, health checks, logging, tracing, dashboards, SLOs and alerts, then the quality gate.',
    steps: [...MONITORING, gate(ids(MONITORING))],
  },
];
