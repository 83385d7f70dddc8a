/**
 * Structural checks for a generated `.gitlab-ci.yml`, used by our tests. No GitLab CI JSON schema
 * ships in an installed npm package (see readme), so this checks what breaks a pipeline at load
 * time: YAML parses, every job's stage is declared, `needs:` point at existing jobs, `rules:` have
 * GitLab's shape, every job has a script and a timeout.
 */
import { parseDocument } from 'yaml';

type Json = Record<string, unknown>;

const GLOBAL_KEYWORDS = new Set(['stages', 'workflow', 'default', 'variables', 'include', 'image', 'services', 'cache', 'before_script', 'after_script']);
const RULE_KEYS = new Set(['if', 'changes', 'exists', 'when', 'allow_failure', 'variables', 'needs', 'start_in', 'interruptible']);
const WHEN = new Set(['on_success', 'on_failure', 'always', 'never', 'manual', 'delayed']);

function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function checkRules(where: string, rules: unknown, problems: string[]): void {
  if (!Array.isArray(rules)) {
    problems.push(`${where}: rules must be a list`);
    return;
  }
  for (const rule of rules) {
    if (!isRecord(rule)) {
      problems.push(`${where}: each rule must be a map`);
      continue;
    }
    for (const key of Object.keys(rule)) if (!RULE_KEYS.has(key)) problems.push(`${where}: unknown rule key ${key}`);
    if (rule.when !== undefined && !WHEN.has(String(rule.when))) problems.push(`${where}: invalid when ${String(rule.when)}`);
    if (rule.if !== undefined && typeof rule.if !== 'string') problems.push(`${where}: rule if must be a string`);
    if (rule.changes !== undefined && !(Array.isArray(rule.changes) && rule.changes.every((c) => typeof c === 'string'))) problems.push(`${where}: changes must be a list of paths`);
  }
}

export function checkGitlabCi(text: string): string[] {
  const document = parseDocument(text, { uniqueKeys: true });
  if (document.errors.length > 0) return document.errors.map((e) => `YAML: ${e.message}`);
  const data: unknown = document.toJS();
  if (!isRecord(data)) return ['the file must be a map'];
  const problems: string[] = [];
  const stages = Array.isArray(data.stages) ? data.stages.map(String) : ['build', 'test', 'deploy'];
  if (isRecord(data.workflow)) checkRules('workflow', data.workflow.rules, problems);
  const jobs = Object.entries(data).filter(([name]) => !GLOBAL_KEYWORDS.has(name) && !name.startsWith('.'));
  const names = new Set(jobs.map(([name]) => name));
  for (const [name, job] of jobs) {
    if (!isRecord(job)) {
      problems.push(`${name}: a job must be a map`);
      continue;
    }
    if (!stages.includes(String(job.stage ?? 'test'))) problems.push(`${name}: stage ${String(job.stage)} is not declared in stages`);
    if (!Array.isArray(job.script) || job.script.length === 0 || !job.script.every((line) => typeof line === 'string')) problems.push(`${name}: script must be a non-empty list of strings`);
    if (typeof job.timeout !== 'string' || !/^\d+[hm]$/.test(job.timeout)) problems.push(`${name}: timeout missing`);
    if (job.needs !== undefined) {
      if (!Array.isArray(job.needs)) problems.push(`${name}: needs must be a list`);
      else for (const need of job.needs) if (typeof need !== 'string' || !names.has(need)) problems.push(`${name}: needs unknown job ${String(need)}`);
    }
    if (job.rules !== undefined) checkRules(name, job.rules, problems);
    if (job.environment !== undefined && !(isRecord(job.environment) && typeof job.environment.name === 'string')) problems.push(`${name}: environment needs a name`);
  }
  return problems;
}
