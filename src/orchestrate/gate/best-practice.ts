/**
 * Best-practice coverage, read from the files themselves (generated in this run, or already in the
 * repository): a non-root USER and a HEALTHCHECK in every Dockerfile, probes and resource limits on
 * every Kubernetes workload container, SLO recording rules, GitHub Actions pinned to commit SHAs.
 * A check with nothing to look at is "not applicable" and passes: a containerize run has no manifests.
 */
import { parseAllDocuments } from 'yaml';
import type { BestPracticeCheck } from './policy.js';

export interface ContentFile {
  path: string;
  kind: string;
  content: string;
}

export interface PracticeResult {
  id: BestPracticeCheck;
  title: string;
  /** Files that were looked at; 0 = not applicable. */
  examined: number;
  failures: string[];
  recommendation: string;
}

const WORKLOADS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob']);
const LONG_RUNNING = new Set(['Deployment', 'StatefulSet', 'DaemonSet']);

/** The final stage's instructions (after the last FROM), continuation lines joined. */
function finalStage(dockerfile: string): string[] {
  const lines = dockerfile.replace(/\\\r?\n/g, ' ').split(/\r?\n/).map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
  const lastFrom = lines.map((l) => /^FROM\s/i.test(l)).lastIndexOf(true);
  return lines.slice(Math.max(0, lastFrom));
}

function dockerUser(file: ContentFile): string | null {
  const users = finalStage(file.content).filter((l) => /^USER\s/i.test(l));
  const last = users.at(-1)?.replace(/^USER\s+/i, '').trim() ?? null;
  if (!last) return `${file.path}: no USER in the final stage (the container runs as root)`;
  const name = last.split(':')[0]!;
  return name === 'root' || name === '0' ? `${file.path}: USER ${last} runs as root` : null;
}

function dockerHealth(file: ContentFile): string | null {
  const health = finalStage(file.content).filter((l) => /^HEALTHCHECK\s/i.test(l)).at(-1);
  if (!health) return `${file.path}: no HEALTHCHECK`;
  return /^HEALTHCHECK\s+NONE\b/i.test(health) ? `${file.path}: HEALTHCHECK NONE` : null;
}

interface Container {
  name?: string;
  livenessProbe?: unknown;
  readinessProbe?: unknown;
  startupProbe?: unknown;
  resources?: { limits?: Record<string, unknown> };
}

type Workload = { kind: string; name: string; containers: Container[] };

/** The workloads of one manifest text; cached by content: the kubernetes and kustomize families write the same manifests. */
const workloadsByContent = new Map<string, Workload[]>();

function workloadsOf(content: string): Workload[] {
  const known = workloadsByContent.get(content);
  if (known) return known;
  const out: Workload[] = [];
  let docs: ReturnType<typeof parseAllDocuments> = [];
  try {
    docs = parseAllDocuments(content);
  } catch {
    // not YAML: no workloads
  }
  for (const doc of Array.isArray(docs) ? docs : [docs]) {
    if (doc.errors.length > 0) continue;
    const object = doc.toJS() as { kind?: string; metadata?: { name?: string }; spec?: Record<string, unknown> } | null;
    if (!object || typeof object !== 'object' || !object.kind || !WORKLOADS.has(object.kind)) continue;
    const spec = object.kind === 'CronJob' ? (object.spec?.jobTemplate as { spec?: Record<string, unknown> } | undefined)?.spec : object.spec;
    const pod = (spec?.template as { spec?: { containers?: Container[] } } | undefined)?.spec;
    out.push({ kind: object.kind, name: object.metadata?.name ?? '?', containers: pod?.containers ?? [] });
  }
  if (workloadsByContent.size > 256) workloadsByContent.clear();
  workloadsByContent.set(content, out);
  return out;
}

/** Workload containers in a Kubernetes YAML file: [where, kind, container]. */
function containers(file: ContentFile): Array<{ where: string; kind: string; container: Container }> {
  return workloadsOf(file.content).flatMap((w) => w.containers.map((container) => ({ where: `${file.path} ${w.kind}/${w.name} container ${container.name ?? '?'}`, kind: w.kind, container })));
}

const PINNED = /@[0-9a-f]{40}$/;

function unpinnedActions(file: ContentFile): string[] {
  const failures: string[] = [];
  for (const [i, line] of file.content.split(/\r?\n/).entries()) {
    const match = /^\s*(?:-\s*)?uses:\s*["']?([^"'\s#]+)/.exec(line);
    if (!match) continue;
    const ref = match[1]!;
    if (ref.startsWith('./') || ref.startsWith('docker://')) continue;
    if (!PINNED.test(ref)) failures.push(`${file.path}:${i + 1}: ${ref} is not pinned to a commit SHA`);
  }
  return failures;
}

/** Runs every best-practice check over the files. `expectSlo`: the run included monitoring work. */
export function bestPractices(files: readonly ContentFile[], options: { expectSlo: boolean }): PracticeResult[] {
  const dockerfiles = files.filter((f) => f.kind === 'dockerfile');
  const manifests = files.filter((f) => f.kind === 'kubernetes');
  const workloads = manifests.flatMap(containers);
  const longRunning = workloads.filter((w) => LONG_RUNNING.has(w.kind));
  const actions = files.filter((f) => f.kind === 'github-actions');
  const rules = files.filter((f) => f.kind === 'prometheus-rules');
  const sloRules = rules.filter((f) => /slo/i.test(f.path) || /record:\s*\S*slo/i.test(f.content));
  return [
    {
      id: 'non-root-user',
      title: 'Containers run as a non-root user',
      examined: dockerfiles.length,
      failures: dockerfiles.map(dockerUser).filter((x): x is string => x !== null),
      recommendation: 'Add a non-root USER to the final stage of each Dockerfile (devsquad generate --only dockerfile writes one).',
    },
    {
      id: 'healthcheck',
      title: 'Dockerfiles declare a HEALTHCHECK',
      examined: dockerfiles.length,
      failures: dockerfiles.map(dockerHealth).filter((x): x is string => x !== null),
      recommendation: 'Add a HEALTHCHECK that calls the service health route, so Docker and compose know when it is ready.',
    },
    {
      id: 'k8s-probes',
      title: 'Kubernetes containers have readiness/liveness probes',
      examined: longRunning.length,
      failures: longRunning.filter((w) => !w.container.readinessProbe && !w.container.livenessProbe && !w.container.startupProbe).map((w) => `${w.where}: no probes`),
      recommendation: 'Give every long-running container a readinessProbe and a livenessProbe on its health route.',
    },
    {
      id: 'k8s-resource-limits',
      title: 'Kubernetes containers set resource limits',
      examined: workloads.length,
      failures: workloads.filter((w) => !w.container.resources?.limits || Object.keys(w.container.resources.limits).length === 0).map((w) => `${w.where}: no resources.limits`),
      recommendation: 'Set resources.requests and resources.limits (at least memory) on every container.',
    },
    {
      id: 'slo-rules',
      title: 'SLO recording and burn-rate rules exist',
      examined: options.expectSlo ? Math.max(1, rules.length) : rules.length,
      failures: (options.expectSlo || rules.length > 0) && sloRules.length === 0 ? ['no SLO rules were generated or found'] : [],
      recommendation: 'Generate SLOs with error budgets and burn-rate alerts: devsquad agent monitoring slo_sla.',
    },
    {
      id: 'pinned-actions',
      title: 'GitHub Actions are pinned to commit SHAs',
      examined: actions.length,
      failures: actions.flatMap(unpinnedActions),
      recommendation: 'Pin every third-party action to a full commit SHA (with the version in a comment); tags can be moved.',
    },
  ];
}
