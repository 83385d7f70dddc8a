/**
 * GitHub Actions best-practice rules as data (DSQ-GHA-0001…), each with a check over the parsed
 * workflow. They target the ways workflows get compromised in practice (moved tags, script
 * injection, pull_request_target running a fork's code, leaked tokens) plus two hygiene rules.
 * docs/rules/github-actions.md documents every rule with a bad and a good snippet.
 */
import type { RuleInfo } from './types.js';

export type Json = Record<string, unknown>;
export type YamlPath = Array<string | number>;

export interface WorkflowHit {
  path: YamlPath;
  message: string;
}

export interface WorkflowRule extends RuleInfo {
  check(workflow: Json): WorkflowHit[];
}

export const GHA_SCHEMA_RULE: RuleInfo = {
  id: 'DSQ-GHA-0000',
  title: 'Workflow syntax and schema',
  severity: 'high',
  recommendation: 'Fix the YAML or the key the workflow schema rejects; GitHub refuses to run a workflow that does not load.',
};

export function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

interface Step {
  job: string;
  index: number;
  step: Json;
}

function jobs(workflow: Json): Array<[string, Json]> {
  return isRecord(workflow.jobs) ? Object.entries(workflow.jobs).filter((e): e is [string, Json] => isRecord(e[1])) : [];
}

function steps(workflow: Json): Step[] {
  const out: Step[] = [];
  for (const [job, body] of jobs(workflow)) {
    if (!Array.isArray(body.steps)) continue;
    body.steps.forEach((step: unknown, index) => {
      if (isRecord(step)) out.push({ job, index, step });
    });
  }
  return out;
}

function stepPath(s: Step, key: string): YamlPath {
  return ['jobs', s.job, 'steps', s.index, key];
}

const FULL_SHA = /^[0-9a-f]{40}$/;

function checkPinned(workflow: Json): WorkflowHit[] {
  const hits: WorkflowHit[] = [];
  for (const s of steps(workflow)) {
    const uses = s.step.uses;
    if (typeof uses !== 'string' || uses.startsWith('./')) continue;
    if (uses.startsWith('docker://')) {
      if (!uses.includes('@sha256:')) hits.push({ path: stepPath(s, 'uses'), message: `${uses} is a container image by tag, not by digest` });
      continue;
    }
    const at = uses.lastIndexOf('@');
    const ref = at === -1 ? '' : uses.slice(at + 1);
    if (!FULL_SHA.test(ref)) hits.push({ path: stepPath(s, 'uses'), message: `${uses} is not pinned to a full commit SHA: whoever controls the tag or branch controls this step` });
  }
  return hits;
}

function checkPermissions(workflow: Json): WorkflowHit[] {
  const hits: WorkflowHit[] = [];
  if (workflow.permissions === undefined) hits.push({ path: ['jobs'], message: 'no top-level permissions: every job gets the repository default token scope, often read/write' });
  else if (workflow.permissions === 'write-all') hits.push({ path: ['permissions'], message: 'permissions: write-all gives every job write access to everything' });
  for (const [name, body] of jobs(workflow)) {
    if (body.permissions === 'write-all') hits.push({ path: ['jobs', name, 'permissions'], message: `job ${name} has permissions: write-all` });
  }
  return hits;
}

/** Expressions an attacker controls through a pull request, issue, comment or branch name. */
const EXPRESSION = /\$\{\{([^}]*)\}\}/g;
const EVENT_FIELD = /\b(github\.event\.[\w.*[\]'"-]+|github\.head_ref)/g;
/**
 * Event fields an outsider controls as free text (titles, bodies, messages, branch names, author
 * names and emails, labels, page names): the list GitHub's security guidance names. Numbers, ids,
 * SHAs and URLs GitHub builds are not attacker-controlled text, so `github.event.number` is fine.
 */
const ATTACKER_TEXT = /(^github\.head_ref$|\.(title|body|message|ref|label|head_branch|default_branch|page_name|name|email)(\W*)$)/;

/**
 * The first attacker-controlled field expanded by a `${{ }}` expression in the text, or null. Shared
 * by this validator (run: scripts) and the IaC scanner (actions/github-script scripts).
 */
export function untrustedField(text: string): string | null {
  for (const expression of text.matchAll(EXPRESSION)) {
    for (const field of expression[1]!.matchAll(EVENT_FIELD)) if (ATTACKER_TEXT.test(field[1]!)) return field[1]!;
  }
  return null;
}

function checkInjection(workflow: Json): WorkflowHit[] {
  const hits: WorkflowHit[] = [];
  for (const s of steps(workflow)) {
    if (typeof s.step.run !== 'string') continue;
    const field = untrustedField(s.step.run);
    if (field) hits.push({ path: stepPath(s, 'run'), message: `${field} is expanded into the shell script before it runs: a crafted title or branch name becomes code` });
  }
  return hits;
}

/** The events a workflow runs on, whichever of the three `on:` forms it uses. */
export function triggers(workflow: Json): string[] {
  const on = workflow.on ?? workflow.true; // YAML 1.1 readers turn a bare `on` into true
  if (typeof on === 'string') return [on];
  if (Array.isArray(on)) return on.map(String);
  return isRecord(on) ? Object.keys(on) : [];
}

function checkPullRequestTarget(workflow: Json): WorkflowHit[] {
  if (!triggers(workflow).includes('pull_request_target')) return [];
  const hits: WorkflowHit[] = [];
  for (const s of steps(workflow)) {
    if (typeof s.step.uses !== 'string' || !s.step.uses.startsWith('actions/checkout@')) continue;
    const ref = isRecord(s.step.with) ? s.step.with.ref : undefined;
    if (typeof ref === 'string' && /github\.event\.pull_request\.head|github\.head_ref|refs\/pull\//.test(ref)) {
      hits.push({ path: ['jobs', s.job, 'steps', s.index, 'with', 'ref'], message: 'pull_request_target runs with write token and secrets; checking out the pull request head runs the fork\'s code with them' });
    }
  }
  return hits;
}

function secretEnvNames(...envs: unknown[]): Set<string> {
  const names = new Set<string>();
  for (const env of envs) {
    if (!isRecord(env)) continue;
    for (const [name, value] of Object.entries(env)) if (typeof value === 'string' && /\bsecrets\./.test(value)) names.add(name);
  }
  return names;
}

function checkSecretEcho(workflow: Json): WorkflowHit[] {
  const hits: WorkflowHit[] = [];
  for (const s of steps(workflow)) {
    if (typeof s.step.run !== 'string') continue;
    const job = isRecord(workflow.jobs) && isRecord(workflow.jobs[s.job]) ? workflow.jobs[s.job] as Json : {};
    const names = secretEnvNames(workflow.env, job.env, s.step.env);
    for (const line of s.step.run.split('\n')) {
      const echo = /^\s*(echo|printf)\b(.*)$/.exec(line);
      // Piped or redirected output does not reach the log (`echo "$T" | docker login --password-stdin`).
      if (!echo || /[|>]/.test(echo[2]!)) continue;
      const direct = /\$\{\{\s*secrets\./.test(line);
      const viaEnv = [...names].some((n) => new RegExp(`\\$\\{?${n}\\b`).test(line));
      if (direct || viaEnv) {
        hits.push({ path: stepPath(s, 'run'), message: `a secret is printed to the log: ${line.trim()}` });
        break;
      }
    }
  }
  return hits;
}

function checkTimeout(workflow: Json): WorkflowHit[] {
  const hits: WorkflowHit[] = [];
  for (const [name, body] of jobs(workflow)) {
    // Reusable-workflow calls take their timeouts from the called workflow.
    if (body.uses !== undefined || body['timeout-minutes'] !== undefined) continue;
    hits.push({ path: ['jobs', name], message: `job ${name} has no timeout-minutes: a hung step holds a runner for 6 hours` });
  }
  return hits;
}

function checkPersistCredentials(workflow: Json): WorkflowHit[] {
  const hits: WorkflowHit[] = [];
  for (const [name, body] of jobs(workflow)) {
    const list = Array.isArray(body.steps) ? body.steps : [];
    const pushes = list.some((step: unknown) => isRecord(step) && typeof step.run === 'string' && /\bgit\s+push\b/.test(step.run));
    if (pushes) continue;
    list.forEach((step: unknown, index) => {
      if (!isRecord(step) || typeof step.uses !== 'string' || !step.uses.startsWith('actions/checkout@')) return;
      const persist = isRecord(step.with) ? step.with['persist-credentials'] : undefined;
      if (persist !== false && persist !== 'false') hits.push({ path: ['jobs', name, 'steps', index, 'uses'], message: `job ${name} never pushes, yet checkout leaves the token in .git/config for every later step` });
    });
  }
  return hits;
}

export const GHA_RULES: WorkflowRule[] = [
  {
    id: 'DSQ-GHA-0001',
    title: 'Action not pinned to a full commit SHA',
    severity: 'high',
    recommendation: 'Pin every action to its full 40-character commit SHA with the version as a comment (`uses: actions/checkout@<sha> # v4.2.2`), and let Dependabot or Renovate bump it.',
    check: checkPinned,
  },
  {
    id: 'DSQ-GHA-0002',
    title: 'Missing or write-all token permissions',
    severity: 'medium',
    recommendation: 'Set `permissions: contents: read` at the top of the workflow and grant each job only the scopes it uses (packages: write, id-token: write, …).',
    check: checkPermissions,
  },
  {
    id: 'DSQ-GHA-0003',
    title: 'Untrusted input expanded in a run script',
    severity: 'critical',
    recommendation: 'Pass the value through `env:` (`env: TITLE: ${{ github.event.pull_request.title }}`) and use "$TITLE" in the script; never put `${{ github.event.* }}` or `github.head_ref` inside `run:`.',
    check: checkInjection,
  },
  {
    id: 'DSQ-GHA-0004',
    title: 'pull_request_target checks out the pull request head',
    severity: 'critical',
    recommendation: 'Use `pull_request` to build untrusted code; keep `pull_request_target` for jobs that only label or comment and never check out or run the head ref.',
    check: checkPullRequestTarget,
  },
  {
    id: 'DSQ-GHA-0005',
    title: 'Secret printed in a run script',
    severity: 'high',
    recommendation: 'Never echo a secret: pass it on stdin (`printf \'%s\' "$TOKEN" | tool --password-stdin`) or through env to the tool that needs it. Log masking misses transformed values.',
    check: checkSecretEcho,
  },
  {
    id: 'DSQ-GHA-0006',
    title: 'Job without timeout-minutes',
    severity: 'low',
    recommendation: 'Set `timeout-minutes` on every job, a little above its usual run time.',
    check: checkTimeout,
  },
  {
    id: 'DSQ-GHA-0007',
    title: 'checkout persists credentials in a job that does not push',
    severity: 'low',
    recommendation: 'Add `with: persist-credentials: false` to actions/checkout unless the job pushes with git.',
    check: checkPersistCredentials,
  },
];
