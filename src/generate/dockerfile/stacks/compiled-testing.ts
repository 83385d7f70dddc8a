/**
 * Test support for the compiled-stack recipes: builds plans the way detectors do (blankService +
 * fields), parses the output with dockerfile-ast, runs the project's Dockerfile validator, and picks
 * instructions out of the final stage so tests can assert the lines users care about.
 */
import { DockerfileParser } from 'dockerfile-ast';
import type { Language, ServicePlan } from '../../../plan/schema.js';
import { blankService } from '../../../plan/service.js';
import { validateDockerfile } from '../../../validate/dockerfile.js';
import type { Diagnostic } from '../../../validate/types.js';
import { inputs, type DockerfileInputs } from '../generate.js';

/** A service plan for `language` with a runtime, then `patch` applied (nested objects merged). */
export function plan(language: Language, version: string, patch: DeepPartial<ServicePlan> = {}): ServicePlan {
  const base = blankService({ name: patch.name ?? 'api', path: patch.path ?? '', language, runtime: { name: language, version, source: 'test-manifest' } });
  if (patch.path !== undefined && patch.build?.context === undefined) base.build.context = patch.path;
  return merge(base, patch);
}

export type DeepPartial<T> = { [K in keyof T]?: T[K] extends readonly unknown[] ? T[K] : T[K] extends object | null ? DeepPartial<NonNullable<T[K]>> | null : T[K] };

function merge<T>(target: T, patch: unknown): T {
  if (patch === null || typeof patch !== 'object' || Array.isArray(patch)) return patch as T;
  const out = { ...(target as Record<string, unknown>) };
  for (const [key, value] of Object.entries(patch)) {
    const current = out[key];
    out[key] = value !== null && typeof value === 'object' && !Array.isArray(value) && current !== null && typeof current === 'object' ? merge(current, value) : value;
  }
  return out as T;
}

/** Inputs with defaults, plus overrides. */
export function options(overrides: Partial<DockerfileInputs> = {}): DockerfileInputs {
  return inputs.parse(overrides);
}

/** Validator findings worse than `info` (the bar generated files must clear). */
export function problems(text: string): Diagnostic[] {
  return validateDockerfile({ path: 'Dockerfile', content: text }).filter((d) => d.severity !== 'info');
}

/** Every instruction line (continuations joined) of the stage named `name`, or of the last stage. */
export function stageLines(text: string, name?: string): string[] {
  const dockerfile = DockerfileParser.parse(text);
  const froms = dockerfile.getFROMs();
  const from = name === undefined ? froms.at(-1) : froms.find((f) => f.getBuildStage() === name);
  if (!from) throw new Error(`no stage ${name ?? '(last)'}`);
  const start = from.getRange().start.line;
  const next = froms.find((f) => f.getRange().start.line > start);
  const end = next ? next.getRange().start.line : Number.MAX_SAFE_INTEGER;
  const lines = text.split('\n');
  return dockerfile.getInstructions()
    .filter((i) => i.getRange().start.line >= start && i.getRange().start.line < end)
    .map((i) => {
      const { start: from, end: to } = i.getRange();
      const raw = lines.slice(from.line, to.line + 1).join('\n');
      return raw.replace(/\\\n\s*/g, '').replace(/\s+/g, ' ').trim();
    });
}

/** FROM lines of every stage, in order. */
export function froms(text: string): string[] {
  const lines = text.split('\n');
  return DockerfileParser.parse(text).getFROMs().map((f) => lines[f.getRange().start.line]!.trim());
}

/** The one instruction with `keyword` in the final stage (throws when absent or repeated). */
export function finalInstruction(text: string, keyword: string): string {
  const found = stageLines(text).filter((l) => l.startsWith(`${keyword} `));
  if (found.length !== 1) throw new Error(`expected one ${keyword} in the final stage, found ${found.length}:\n${text}`);
  return found[0]!;
}
