/**
 * `.gitlab-ci.yml`: YAML plus GitLab's published JSON schema (DSQ-GL-0000; the one GitLab's
 * pipeline editor uses, shipped in dist/schemas, see ci-schemas/published.ts), the load-time
 * references GitLab checks (DSQ-GL-0001: stages, needs, extends), then policy rules: pinned job
 * images, timeouts, no secret printed to the job log.
 */
import { publishedSchema } from './ci-schemas/published.js';
import { diagnostic, echoedSecrets, floatingImage, isRecord, loadYaml, schemaErrors, type Json } from './ci-common.js';
import type { Diagnostic, RuleInfo, Validator, ValidatorInput } from './types.js';

export const GITLAB_RULES = {
  schema: { id: 'DSQ-GL-0000', title: 'GitLab CI syntax and schema', severity: 'high', recommendation: 'Fix the key or value the message names; GitLab rejects a pipeline file that does not load.' },
  references: { id: 'DSQ-GL-0001', title: 'Undeclared stage or unknown job reference', severity: 'high', recommendation: 'Declare the stage in `stages:` and point `needs:` / `extends:` at jobs that exist.' },
  image: { id: 'DSQ-GL-0002', title: 'Job image not pinned', severity: 'medium', recommendation: 'Pin the image to a version tag (node:22.12) or a digest, so a new upstream release cannot change the build.' },
  timeout: { id: 'DSQ-GL-0003', title: 'Job without a timeout', severity: 'low', recommendation: 'Set `timeout:` on the job (or under `default:`) so a hung job does not hold a runner for the project default of 1 hour or more.' },
  secretEcho: { id: 'DSQ-GL-0004', title: 'Secret printed to the job log', severity: 'high', recommendation: 'Never echo a secret: pass it on stdin (`printf \'%s\' "$TOKEN" | tool --password-stdin`) or through a file, and mark the CI variable masked.' },
} satisfies Record<string, RuleInfo>;

let globalKeys: Set<string> | null = null;

/**
 * Top-level keys that are not jobs, from the published schema: its `properties`, except those it
 * types as a job (the legacy `pages` job). Any other top-level key is a job.
 */
export function gitlabGlobalKeys(): Set<string> {
  if (globalKeys) return globalKeys;
  const properties = publishedSchema('gitlab-ci').properties;
  const entries = isRecord(properties) ? Object.entries(properties) : [];
  globalKeys = new Set(entries.filter(([, schema]) => !(isRecord(schema) && schema.$ref === '#/definitions/job')).map(([key]) => key));
  return globalKeys;
}

function scripts(job: Json): string[] {
  const out: string[] = [];
  for (const key of ['before_script', 'script', 'after_script']) {
    const value = job[key];
    if (typeof value === 'string') out.push(value);
    else if (Array.isArray(value)) for (const item of value.flat()) if (typeof item === 'string') out.push(item);
  }
  return out;
}

function imageName(value: unknown): string | null {
  if (typeof value === 'string') return value;
  return isRecord(value) && typeof value.name === 'string' ? value.name : null;
}

export function validateGitlabCi(file: ValidatorInput): Diagnostic[] {
  const { path } = file;
  const yaml = loadYaml(file.content);
  if (yaml.errors.length > 0) return yaml.errors.map((e) => diagnostic(GITLAB_RULES.schema, path, `YAML: ${e.message}`, e.line));
  const data = yaml.data;
  if (!isRecord(data)) return [diagnostic(GITLAB_RULES.schema, path, 'the file must be a map of jobs and global keywords', 1)];
  const out: Diagnostic[] = schemaErrors('gitlab-ci', data, yaml).map((e) => diagnostic(GITLAB_RULES.schema, path, e.message, e.line));

  const stages = Array.isArray(data.stages) ? data.stages.map(String) : ['.pre', 'build', 'test', 'deploy', '.post'];
  const topLevel = gitlabGlobalKeys();
  const all = Object.entries(data).filter(([name, job]) => !topLevel.has(name) && isRecord(job));
  const names = new Set(all.map(([name]) => name));
  const defaults = isRecord(data.default) ? data.default : {};
  const defaultImage = imageName(defaults.image) ?? imageName(data.image);
  if (defaultImage && floatingImage(defaultImage)) out.push(diagnostic(GITLAB_RULES.image, path, `default image ${defaultImage} ${floatingImage(defaultImage)}`, yaml.lineOf(isRecord(data.default) ? ['default', 'image'] : ['image'])));
  for (const [name, job] of all as Array<[string, Json]>) {
    const hidden = name.startsWith('.');
    const stage = typeof job.stage === 'string' ? job.stage : 'test';
    if (!hidden && !stages.includes(stage)) out.push(diagnostic(GITLAB_RULES.references, path, `${name}: stage "${stage}" is not declared in stages`, yaml.lineOf([name, 'stage'])));
    if (Array.isArray(job.needs)) {
      for (const [i, need] of job.needs.entries()) {
        const target = typeof need === 'string' ? need : isRecord(need) && typeof need.job === 'string' && need.project === undefined ? need.job : null;
        if (target !== null && !names.has(target)) out.push(diagnostic(GITLAB_RULES.references, path, `${name}: needs unknown job "${target}"`, yaml.lineOf([name, 'needs', i])));
      }
    }
    for (const parent of typeof job.extends === 'string' ? [job.extends] : Array.isArray(job.extends) ? job.extends : []) {
      if (typeof parent === 'string' && !names.has(parent)) out.push(diagnostic(GITLAB_RULES.references, path, `${name}: extends unknown job "${parent}"`, yaml.lineOf([name, 'extends'])));
    }
    const image = imageName(job.image);
    const floating = image ? floatingImage(image) : null;
    if (image && floating) out.push(diagnostic(GITLAB_RULES.image, path, `${name}: image ${image} ${floating}`, yaml.lineOf([name, 'image'])));
    const services = Array.isArray(job.services) ? job.services : [];
    for (const [i, service] of services.entries()) {
      const ref = imageName(service);
      const why = ref ? floatingImage(ref) : null;
      if (ref && why) out.push(diagnostic(GITLAB_RULES.image, path, `${name}: service ${ref} ${why}`, yaml.lineOf([name, 'services', i])));
    }
    if (!hidden && job.trigger === undefined && job.timeout === undefined && defaults.timeout === undefined && job.extends === undefined) {
      out.push(diagnostic(GITLAB_RULES.timeout, path, `${name}: no timeout`, yaml.lineOf([name])));
    }
    for (const script of scripts(job)) {
      for (const leak of echoedSecrets(script)) out.push(diagnostic(GITLAB_RULES.secretEcho, path, `${name}: prints $${leak.name} to the job log`, yaml.lineOf([name, 'script'])));
    }
  }
  return out;
}

export const gitlabCiValidator: Validator = {
  kind: 'gitlab-ci',
  displayName: 'GitLab CI',
  matches: (path) => /(^|\/)\.gitlab-ci\.ya?ml$/.test(path),
  validate: validateGitlabCi,
};
