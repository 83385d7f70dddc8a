/**
 * Runs generator families over a plan and validates every file before anything can be written. A
 * generated file that fails its validator is a devsquad bug: it is reported with
 * DSQ_ERR_GENERATE_INVALID_OUTPUT and never written.
 */
import { DsqError } from '../core/errors.js';
import type { ProjectPlan, ServicePlan } from '../plan/schema.js';
import { validators } from '../validate/api.js';
import { prefetchMark, prefetchValidation } from '../validate/prefetch.js';
import { withRunMemo } from '../validate/run-memo.js';
import { prewarmHclParser } from '../validate/terraform-hcl.js';
import { typescriptReady } from '../validate/typescript-jobs.js';
import { severityRank, type Diagnostic } from '../validate/types.js';
import { generators } from './api.js';
import type { GeneratedFile, Generator } from './types.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each family has its own input type
export type GeneratorRegistry = ReadonlyMap<string, Generator<any>>;

export interface GenerateOptions {
  /** Families to run (registry keys); all of them when empty. */
  only?: readonly string[];
  /** Service names to generate for; all of them when empty. */
  services?: readonly string[];
  /** Inputs per family: { dockerfile: { … } }. Missing fields take their defaults. */
  inputs?: Record<string, Record<string, unknown>>;
  version: string;
  /** The families to choose from: infrastructure (generate/api.ts) unless told, e.g. monitoring parts. */
  registry?: GeneratorRegistry;
}

export interface ValidatedFile {
  file: GeneratedFile;
  diagnostics: Diagnostic[];
}

export interface GenerateResult {
  files: ValidatedFile[];
  /** Files whose validation found problems above `info`: a bug, never written. */
  invalid: ValidatedFile[];
}

export function familyNames(registry: GeneratorRegistry = generators): string[] {
  return [...registry.keys()];
}

/** What a plain `generate` writes: every family but the opt-in ones. */
export function defaultFamilies(registry: GeneratorRegistry = generators): string[] {
  return [...registry.entries()].filter(([, generator]) => !generator.optIn).map(([name]) => name);
}

export function selectServices(plan: ProjectPlan, names: readonly string[] = []): ServicePlan[] {
  if (names.length === 0) return plan.services;
  const known = plan.services.map((s) => s.name);
  for (const name of names) {
    if (!known.includes(name)) throw new DsqError('DSQ_ERR_GENERATE_UNKNOWN_SERVICE', { service: name, known: known.join(', ') || '(none)' });
  }
  return plan.services.filter((s) => names.includes(s.name));
}

export function runGenerators(plan: ProjectPlan, options: GenerateOptions): GenerateResult {
  return validateAll(generateAll(plan, options));
}

/**
 * runGenerators for a caller with other work to do on this thread (the squad's steps run side by
 * side): after generating, it awaits the worker threads' answers for the slow checks (helm template,
 * GitHub's workflow schema, the HCL parse) instead of blocking on them, then validates. Same result.
 */
export async function runGeneratorsAsync(plan: ProjectPlan, options: GenerateOptions): Promise<GenerateResult> {
  const registry = options.registry ?? generators;
  if (options.only?.some((family) => registry.get(family)?.usesTypeScript)) await typescriptReady();
  const started = prefetchMark();
  const files = generateAll(plan, options);
  await started.settled();
  return validateAll(files);
}

function validateAll(generated: readonly GeneratedFile[]): GenerateResult {
  // Steps repeated within the run (the same manifest under two paths, a chart's files re-read by its
  // set check) are computed once; nothing carries over to the next run.
  return withRunMemo(() => {
    const files: ValidatedFile[] = generated.map((file) => ({ file, diagnostics: validateGenerated(file) }));
    validateSets(files);
    const invalid = files.filter((f) => f.diagnostics.some((d) => severityRank(d.severity) > severityRank('info')));
    return { files, invalid };
  });
}

/** Every family's files; the slow checks of each family's files start on worker threads as soon as it is generated. */
function generateAll(plan: ProjectPlan, options: GenerateOptions): GeneratedFile[] {
  const registry = options.registry ?? generators;
  const families = options.only && options.only.length > 0 ? [...new Set(options.only)] : defaultFamilies(registry);
  for (const family of families) {
    if (!registry.has(family)) throw new DsqError('DSQ_ERR_GENERATE_UNKNOWN_FAMILY', { family, known: familyNames(registry).join(', ') });
  }
  // Terraform files are validated by a wasm parser in a worker: let it warm up while other families generate.
  if (families.includes('terraform')) prewarmHclParser();
  const services = selectServices(plan, options.services);
  if (services.length === 0) throw new DsqError('DSQ_ERR_DETECT_NO_SERVICES', { path: plan.name });
  // Generate everything first, then validate: the slow self-contained checks (helm template, GitHub's
  // workflow schema, the HCL parse) start on worker threads as soon as their family's files exist and
  // run while this thread generates and validates the rest. Diagnostics are the same either way.
  const generated: GeneratedFile[] = [];
  const seen = new Set<string>();
  for (const family of families) {
    const generator = registry.get(family)!;
    const given = options.inputs?.[family] ?? {};
    rejectUnknownInputs(family, generator.inputs, given);
    const parsed = generator.inputs.safeParse(given);
    if (!parsed.success) {
      throw new DsqError('DSQ_ERR_CLI_USAGE', { detail: `Invalid --input for ${family}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}` });
    }
    const fresh: GeneratedFile[] = [];
    for (const file of generator.generate({ plan, services, version: options.version }, parsed.data)) {
      if (seen.has(file.path)) continue; // two families never own one path; first wins
      seen.add(file.path);
      fresh.push(file);
    }
    prefetchValidation(fresh);
    generated.push(...fresh);
  }
  return generated;
}

/** A typo in --input must be an error, not silently dropped the way z.object() strips unknown keys. */
function rejectUnknownInputs(family: string, schema: unknown, given: Record<string, unknown>): void {
  const shape = (schema as { shape?: Record<string, unknown> }).shape;
  if (!shape) return;
  const unknown = Object.keys(given).filter((key) => !Object.hasOwn(shape, key));
  if (unknown.length > 0) {
    const known = Object.keys(shape).map((k) => `${family}.${k}`).join(', ') || '(none)';
    throw new DsqError('DSQ_ERR_CLI_USAGE', { detail: `Unknown input ${unknown.map((k) => `${family}.${k}`).join(', ')}. Known inputs: ${known}` });
  }
}

/** Runs each validator's set checks (validateSet) over all generated files of its kind. */
function validateSets(files: readonly ValidatedFile[]): void {
  for (const validator of validators.values()) {
    if (!validator.validateSet) continue;
    const group = files.filter((f) => f.file.kind === validator.kind);
    if (group.length === 0) continue;
    for (const d of validator.validateSet(group.map((f) => ({ path: f.file.path, content: f.file.content })))) {
      group.find((f) => f.file.path === d.file)?.diagnostics.push(d);
    }
  }
}

export function validateGenerated(file: GeneratedFile): Diagnostic[] {
  const validator = validators.get(file.kind);
  return validator ? validator.validate({ path: file.path, content: file.content }) : [];
}
