/**
 * The Generator contract: pure functions from a ProjectPlan (plus typed inputs) to files. No repo
 * reads, no clock, no randomness: the same plan gives the same bytes. A generator builds an object
 * model and serialises it last; text templates only where the format is text (Dockerfile, shell).
 */
import type { z } from 'zod';
import type { Evidence, ProjectPlan, ServicePlan } from '../plan/schema.js';
import { GENERATED_MARKER } from '../core/generated.js';

/** Kinds of generated file; the kind picks the validator. */
export type FileKind =
  | 'dockerfile'
  | 'dockerignore'
  | 'compose'
  | 'dotenv'
  | 'markdown'
  | 'yaml'
  | 'json'
  | 'shell'
  | 'text'
  | 'kubernetes'
  | 'github-actions'
  | 'gitlab-ci'
  | 'circleci'
  | 'jenkinsfile'
  | 'terraform'
  | 'helm'
  | 'platform'
  | 'ansible'
  | 'prometheus-rules'
  | 'alertmanager'
  | 'grafana-dashboard'
  | 'otel-collector'
  | 'source';

export interface GeneratedFile {
  /** Repo-relative path, forward slashes. */
  path: string;
  content: string;
  kind: FileKind;
  /** Id of the generator that made it. */
  generator: string;
  /** The plan facts that shaped it, shown by `generate --explain` and in dry runs. */
  evidence?: Evidence[];
  /** One line per notable choice the generator made, shown by `generate --explain`. */
  notes?: string[];
}

export interface GenerateContext {
  plan: ProjectPlan;
  /** The services to generate for (all of them unless `--service` narrowed it). */
  services: ServicePlan[];
  /** devsquad's version, for file headers. */
  version: string;
}

export interface Generator<Inputs = Record<string, unknown>> {
  /** Family name used by `--only` and the registry key. */
  id: string;
  displayName: string;
  description: string;
  /**
   * Written only when asked for by name (`--only platform`, `--platform fly`): families whose files
   * a user would not expect from a plain `generate` (platform configs, Ansible).
   */
  optIn?: boolean;
  /**
   * Generating runs the TypeScript compiler (app code transpiled for JavaScript projects): a squad step
   * awaits the compiler loading on its worker thread before it starts (typescriptReady) rather than
   * blocking on it.
   */
  usesTypeScript?: boolean;
  /** Zod schema for the inputs, with defaults (parse({}) gives the defaults). */
  inputs: z.ZodType<Inputs>;
  generate(context: GenerateContext, inputs: Inputs): GeneratedFile[];
}

/** The header line generated files carry where the format allows comments. */
export function headerComment(prefix: string, source: string): string {
  return `${prefix} ${GENERATED_MARKER} ${source}; edit freely, devsquad will not overwrite your edits`;
}
