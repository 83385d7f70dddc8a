/**
 * `.circleci/config.yml`: YAML plus SchemaStore's published CircleCI schema (DSQ-CC-0000; shipped
 * in dist/schemas, see ci-schemas/published.ts), references CircleCI checks when it compiles the
 * config (DSQ-CC-0001: workflow jobs, requires, executors), then policy rules: pinned images, no
 * secret printed to the job log.
 */
import { diagnostic, echoedSecrets, floatingImage, isRecord, loadYaml, schemaErrors, type Json } from './ci-common.js';
import type { Diagnostic, RuleInfo, Validator, ValidatorInput } from './types.js';

export const CIRCLECI_RULES = {
  schema: { id: 'DSQ-CC-0000', title: 'CircleCI config syntax and schema', severity: 'high', recommendation: 'Fix the key or value the message names; CircleCI refuses a config that does not compile.' },
  references: { id: 'DSQ-CC-0001', title: 'Unknown job, executor or requirement', severity: 'high', recommendation: 'Define the job (or executor) under `jobs:` / `executors:`, or import the orb that provides it; `requires:` must name a job of the same workflow.' },
  image: { id: 'DSQ-CC-0002', title: 'Job image not pinned', severity: 'medium', recommendation: 'Pin the image to a version tag (cimg/node:22.12) or a digest.' },
  secretEcho: { id: 'DSQ-CC-0003', title: 'Secret printed to the job log', severity: 'high', recommendation: 'Never echo a secret: pass it on stdin (`printf \'%s\' "$TOKEN" | tool --password-stdin`) or write it to a file.' },
} satisfies Record<string, RuleInfo>;

function stepCommand(step: unknown): string | null {
  if (!isRecord(step) || !('run' in step)) return null;
  const run = step.run;
  if (typeof run === 'string') return run;
  return isRecord(run) && typeof run.command === 'string' ? run.command : null;
}

export function validateCircleci(file: ValidatorInput): Diagnostic[] {
  const { path } = file;
  const yaml = loadYaml(file.content);
  if (yaml.errors.length > 0) return yaml.errors.map((e) => diagnostic(CIRCLECI_RULES.schema, path, `YAML: ${e.message}`, e.line));
  const data = yaml.data;
  if (!isRecord(data)) return [diagnostic(CIRCLECI_RULES.schema, path, 'the config must be a map with version, jobs and workflows', 1)];
  const out: Diagnostic[] = schemaErrors('circleci', data, yaml).map((e) => diagnostic(CIRCLECI_RULES.schema, path, e.message, e.line));

  const jobs = isRecord(data.jobs) ? data.jobs : {};
  const executors = isRecord(data.executors) ? data.executors : {};
  const orbs = new Set(isRecord(data.orbs) ? Object.keys(data.orbs) : []);
  const fromOrb = (name: string): boolean => orbs.has(name.split('/')[0] ?? '') && name.includes('/');

  const images: Array<{ ref: string; where: Array<string | number> }> = [];
  for (const [name, executor] of Object.entries(executors)) {
    if (isRecord(executor) && Array.isArray(executor.docker)) for (const [i, d] of executor.docker.entries()) if (isRecord(d) && typeof d.image === 'string') images.push({ ref: d.image, where: ['executors', name, 'docker', i, 'image'] });
  }
  for (const [name, job] of Object.entries(jobs)) {
    if (!isRecord(job)) continue;
    if (Array.isArray(job.docker)) for (const [i, d] of job.docker.entries()) if (isRecord(d) && typeof d.image === 'string') images.push({ ref: d.image, where: ['jobs', name, 'docker', i, 'image'] });
    const executor = typeof job.executor === 'string' ? job.executor : isRecord(job.executor) && typeof job.executor.name === 'string' ? job.executor.name : null;
    if (executor && !(executor in executors) && !fromOrb(executor)) out.push(diagnostic(CIRCLECI_RULES.references, path, `job ${name}: unknown executor "${executor}"`, yaml.lineOf(['jobs', name, 'executor'])));
    for (const [i, step] of (Array.isArray(job.steps) ? job.steps : []).entries()) {
      const command = stepCommand(step);
      if (command) for (const leak of echoedSecrets(command)) out.push(diagnostic(CIRCLECI_RULES.secretEcho, path, `job ${name}: prints $${leak.name} to the job log`, yaml.lineOf(['jobs', name, 'steps', i])));
    }
  }
  for (const { ref, where } of images) {
    const why = floatingImage(ref);
    if (why) out.push(diagnostic(CIRCLECI_RULES.image, path, `image ${ref} ${why}`, yaml.lineOf(where)));
  }

  const workflows = isRecord(data.workflows) ? data.workflows : {};
  for (const [workflow, body] of Object.entries(workflows)) {
    if (!isRecord(body) || !Array.isArray(body.jobs)) continue;
    const entries = body.jobs.map((entry: unknown, i: number) => {
      const job = typeof entry === 'string' ? entry : isRecord(entry) ? (Object.keys(entry)[0] ?? '') : '';
      const options: Json = isRecord(entry) && isRecord(entry[job]) ? (entry[job] as Json) : {};
      return { job, name: typeof options.name === 'string' ? options.name : job, options, i };
    });
    const names = new Set(entries.map((e) => e.name));
    for (const { job, options, i } of entries) {
      if (options.type !== 'approval' && !(job in jobs) && !fromOrb(job)) out.push(diagnostic(CIRCLECI_RULES.references, path, `workflow ${workflow}: unknown job "${job}"`, yaml.lineOf(['workflows', workflow, 'jobs', i])));
      for (const req of Array.isArray(options.requires) ? options.requires : []) {
        const target = typeof req === 'string' ? req : isRecord(req) ? Object.keys(req)[0] : undefined;
        if (target !== undefined && !names.has(target)) out.push(diagnostic(CIRCLECI_RULES.references, path, `workflow ${workflow}: ${job} requires unknown job "${target}"`, yaml.lineOf(['workflows', workflow, 'jobs', i, job, 'requires'])));
      }
    }
  }
  return out;
}

export const circleciValidator: Validator = {
  kind: 'circleci',
  displayName: 'CircleCI',
  // config.yml, and the continuation file of a dynamic config (setup workflow + path-filtering orb).
  matches: (path) => /(^|\/)\.circleci\/(?:config|continue_config)\.ya?ml$/.test(path),
  validate: validateCircleci,
};
