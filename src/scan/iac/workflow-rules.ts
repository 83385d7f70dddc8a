/**
 * GitHub Actions rules the audit adds on top of the workflow validator (DSQ-GHA-0001…0007 live in
 * src/validate/github-actions-rules.ts). Scanner rules take ids from DSQ-GHA-0101 so the validator's
 * own sequence can grow without a clash. Documented in docs/audit/iac.md.
 */
import { triggers, untrustedField } from '../../validate/github-actions-rules.js';
import type { Severity } from '../../validate/types.js';
import { isRecord, type Json, type LocatedYaml, type YamlPath } from './yaml-lines.js';

export interface ScanRule {
  id: string;
  title: string;
  severity: Severity;
  recommendation: string;
}

export interface RuleHit {
  rule: ScanRule;
  line: number;
  message: string;
}

export const WORKFLOW_SCAN_RULES = {
  scriptInput: {
    id: 'DSQ-GHA-0101',
    title: 'Untrusted input expanded in an actions/github-script script',
    severity: 'critical',
    recommendation: 'Pass the value through `env:` and read it with `process.env.TITLE` inside the script; never put `${{ github.event.* }}` in `script:`.',
  },
  privilegedCheckout: {
    id: 'DSQ-GHA-0102',
    title: 'Privileged trigger runs code from the pull request',
    severity: 'critical',
    recommendation: 'Build untrusted code in a `pull_request` workflow without secrets; a `workflow_run` or `pull_request_target` job may download its artifacts as data but must not check out or run the head commit.',
  },
  secretOnCommandLine: {
    id: 'DSQ-GHA-0103',
    title: 'Secret expanded into a run script',
    severity: 'medium',
    recommendation: 'Map the secret to an environment variable (`env: TOKEN: ${{ secrets.TOKEN }}`) and let the tool read it from the environment or stdin; an argument is visible to every process on the runner and in error output.',
  },
  unsecureCommands: {
    id: 'DSQ-GHA-0104',
    title: 'ACTIONS_ALLOW_UNSECURE_COMMANDS enabled',
    severity: 'high',
    recommendation: 'Remove ACTIONS_ALLOW_UNSECURE_COMMANDS and write to $GITHUB_ENV / $GITHUB_PATH instead of the deprecated set-env and add-path commands.',
  },
} as const satisfies Record<string, ScanRule>;

const HEAD_CODE = /github\.event\.(pull_request\.head\.(sha|ref)|workflow_run\.head_(sha|branch))|github\.head_ref|refs\/pull\//;

interface Step {
  job: string;
  index: number;
  step: Json;
  jobBody: Json;
}

function steps(workflow: Json): Step[] {
  const out: Step[] = [];
  if (!isRecord(workflow.jobs)) return out;
  for (const [job, body] of Object.entries(workflow.jobs)) {
    if (!isRecord(body) || !Array.isArray(body.steps)) continue;
    for (const [index, step] of body.steps.entries()) if (isRecord(step)) out.push({ job, index, step, jobBody: body });
  }
  return out;
}

const at = (s: Step, ...rest: Array<string | number>): YamlPath => ['jobs', s.job, 'steps', s.index, ...rest];

export function checkWorkflow(file: LocatedYaml): RuleHit[] {
  if (!isRecord(file.data)) return [];
  const workflow = file.data;
  const R = WORKFLOW_SCAN_RULES;
  const hits: RuleHit[] = [];
  const hit = (rule: ScanRule, path: YamlPath, message: string): void => {
    hits.push({ rule, line: file.lineOf(path), message });
  };
  const on = triggers(workflow);
  const privileged = on.filter((t) => t === 'pull_request_target' || t === 'workflow_run');

  for (const s of steps(workflow)) {
    const uses = typeof s.step.uses === 'string' ? s.step.uses : '';
    const run = typeof s.step.run === 'string' ? s.step.run : '';
    const withs = isRecord(s.step.with) ? s.step.with : {};

    if (uses.startsWith('actions/github-script@') && typeof withs.script === 'string') {
      const field = untrustedField(withs.script);
      if (field) hit(R.scriptInput, at(s, 'with', 'script'), `${field} is pasted into the JavaScript before it runs: a crafted title, body or branch name becomes code`);
    }

    if (privileged.length > 0) {
      // DSQ-GHA-0004 (validator) already covers pull_request_target + actions/checkout of the head.
      const checkoutRef = uses.startsWith('actions/checkout@') && typeof withs.ref === 'string' ? withs.ref : '';
      if (checkoutRef && HEAD_CODE.test(checkoutRef) && !(privileged.length === 1 && privileged[0] === 'pull_request_target')) {
        hit(R.privilegedCheckout, at(s, 'with', 'ref'), `${privileged.join(', ')} runs with secrets and a write token, and this step checks out the triggering head (${checkoutRef})`);
      }
      if (/\bgh\s+pr\s+checkout\b|\bgit\s+(fetch|checkout|pull)\b[^\n]*(refs\/pull\/|pull\/|\$\{\{[^}]*(head\.(sha|ref)|head_sha|head_branch|head_ref))/.test(run)) {
        hit(R.privilegedCheckout, at(s, 'run'), `${privileged.join(', ')} runs with secrets and a write token, and this script fetches the pull request's code`);
      }
    }

    for (const line of run.split('\n')) {
      if (!/\$\{\{\s*secrets\.(?!GITHUB_TOKEN\b)[\w-]+\s*\}\}/.test(line)) continue;
      if (/^\s*(echo|printf)\b/.test(line)) continue; // DSQ-GHA-0005 reports printed secrets
      hit(R.secretOnCommandLine, at(s, 'run'), `a secret is pasted into the script text: ${line.trim().replace(/\$\{\{\s*secrets\.([\w-]+)\s*\}\}/g, '<secrets.$1>')}`);
      break;
    }
  }

  const envs: Array<[unknown, YamlPath]> = [[workflow.env, ['env']]];
  if (isRecord(workflow.jobs)) for (const [name, body] of Object.entries(workflow.jobs)) if (isRecord(body)) envs.push([body.env, ['jobs', name, 'env']]);
  for (const s of steps(workflow)) envs.push([s.step.env, at(s, 'env')]);
  for (const [env, path] of envs) {
    if (!isRecord(env)) continue;
    const value = env.ACTIONS_ALLOW_UNSECURE_COMMANDS;
    if (value === true || String(value).toLowerCase() === 'true') {
      hit(R.unsecureCommands, [...path, 'ACTIONS_ALLOW_UNSECURE_COMMANDS'], 'ACTIONS_ALLOW_UNSECURE_COMMANDS re-enables set-env and add-path: any log line an attacker controls can set environment variables and PATH');
    }
  }
  return hits;
}
