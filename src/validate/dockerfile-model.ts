/**
 * A small model over dockerfile-ast's parse tree: build stages with their parent stage, the global
 * ARG defaults, and helpers for variable substitution, RUN text and positions. The rules read this
 * model instead of walking instructions themselves, so stage inheritance is handled in one place.
 */
import { DockerfileParser, Env, Arg, Run } from 'dockerfile-ast';
import type { Dockerfile, From, Instruction } from 'dockerfile-ast';

export interface Stage {
  index: number;
  /** `AS name`, lowercased, or null. */
  name: string | null;
  from: From;
  /** The earlier stage this one builds on (`FROM builder`), or null for an external image. */
  parent: Stage | null;
  /** The image as written after FROM (flags and `AS` removed). */
  rawImage: string;
  /** The image with global ARG defaults substituted, or null when a variable has no default. */
  image: string | null;
  /** Instructions after FROM up to the next FROM. */
  instructions: Instruction[];
}

export interface DockerfileModel {
  dockerfile: Dockerfile;
  /** ARGs declared before the first FROM, with their defaults (null when declared without one). */
  globalArgs: Map<string, string | null>;
  stages: Stage[];
  /** The stage `docker build` produces without --target. */
  final: Stage | null;
}

export interface Position {
  line: number;
  column: number;
}

export function buildModel(content: string): DockerfileModel {
  const dockerfile = DockerfileParser.parse(content);
  const globalArgs = new Map<string, string | null>();
  const stages: Stage[] = [];
  let current: Stage | null = null;
  for (const instruction of dockerfile.getInstructions()) {
    const keyword = instruction.getKeyword();
    if (keyword === 'FROM') {
      const from = instruction as From;
      const rawImage = from.getImage() ?? '';
      const image = substitute(rawImage, globalArgs);
      const parent = stages.find((s) => s.name !== null && (s.name === rawImage.toLowerCase() || s.name === image?.toLowerCase())) ?? null;
      current = { index: stages.length, name: from.getBuildStage()?.toLowerCase() ?? null, from, parent, rawImage, image, instructions: [] };
      stages.push(current);
    } else if (current === null) {
      if (instruction instanceof Arg) {
        for (const property of instruction.getProperties()) globalArgs.set(property.getName(), property.getValue());
      }
    } else {
      current.instructions.push(instruction);
    }
  }
  return { dockerfile, globalArgs, stages, final: stages.at(-1) ?? null };
}

/** The stage followed by the stages it builds on, nearest first. */
export function lineage(stage: Stage): Stage[] {
  const out: Stage[] = [];
  for (let s: Stage | null = stage; s !== null && !out.includes(s); s = s.parent) out.push(s);
  return out;
}

/** The stages whose filesystem ends up in the final image (the final stage and its parents). */
export function finalLineage(model: DockerfileModel): Stage[] {
  return model.final ? lineage(model.final) : [];
}

/** The last instruction with this keyword that takes effect for the stage (its own, else inherited). */
export function effective(stage: Stage, keyword: string): Instruction | null {
  for (const s of lineage(stage)) {
    const found = s.instructions.filter((i) => i.getKeyword() === keyword).at(-1);
    if (found) return found;
  }
  return null;
}

/**
 * Substitutes `$VAR`, `${VAR}`, `${VAR:-default}` and `${VAR-default}` from `vars`. Returns null
 * when a variable is unknown or declared without a value, since the result then depends on
 * --build-arg and cannot be judged.
 */
export function substitute(text: string, vars: ReadonlyMap<string, string | null>): string | null {
  let unresolved = false;
  const out = text.replace(/\$(?:\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-+])([^}]*))?\}|([A-Za-z_][A-Za-z0-9_]*))/g, (_m, braced: string | undefined, op: string | undefined, word: string | undefined, plain: string | undefined) => {
    const name = braced ?? plain ?? '';
    const value = vars.get(name);
    const set = value !== undefined && value !== null && (value !== '' || op === '-' || op === '+');
    if (op === ':-' || op === '-') return set ? (value ?? '') : (word ?? '');
    if (op === ':+' || op === '+') return set ? (word ?? '') : '';
    if (!set) unresolved = true;
    return value ?? '';
  });
  return unresolved ? null : out;
}

/** Variables visible at an instruction of a stage: global ARGs redeclared in it, then ARG and ENV values. */
export function variablesAt(model: DockerfileModel, stage: Stage, until?: Instruction): Map<string, string | null> {
  const vars = new Map<string, string | null>();
  for (const s of lineage(stage).reverse()) {
    for (const instruction of s.instructions) {
      if (instruction === until) return vars;
      if (instruction instanceof Arg || instruction instanceof Env) {
        for (const property of instruction.getProperties()) {
          const name = property.getName();
          const raw = property.getValue();
          // `ARG NAME` inside a stage pulls in the global default.
          const value = raw === null && instruction instanceof Arg ? (vars.get(name) ?? model.globalArgs.get(name) ?? null) : raw;
          vars.set(name, value === null ? null : (substitute(value, vars) ?? value));
        }
      }
    }
  }
  return vars;
}

/** The shell text of a RUN (flags removed, continuation lines joined, heredoc bodies included). */
export function commandText(instruction: Instruction): string {
  return instruction.getArgumentsContent() ?? '';
}

/** `--mount=type=cache,target=/root/.npm` flags of a RUN as key/value maps. */
export function mounts(instruction: Instruction): Array<Map<string, string>> {
  if (!(instruction instanceof Run)) return [];
  const out: Array<Map<string, string>> = [];
  for (const flag of instruction.getFlags()) {
    if (flag.getName() !== 'mount') continue;
    const options = new Map<string, string>();
    for (const part of (flag.getValue() ?? '').split(',')) {
      const [key, ...rest] = part.split('=');
      if (key) options.set(key.trim().toLowerCase(), rest.join('=').trim());
    }
    out.push(options);
  }
  return out;
}

/** Whether a RUN has a cache mount whose target starts with one of the given paths. */
export function hasCacheMount(instruction: Instruction, targets: readonly string[]): boolean {
  return mounts(instruction).some((m) => {
    if (m.get('type') !== 'cache') return false;
    const target = m.get('target') ?? m.get('dst') ?? m.get('destination') ?? '';
    return targets.some((t) => target === t || target.startsWith(`${t}/`) || t.startsWith(`${target}/`));
  });
}

/** 1-based position of an instruction's keyword. */
export function positionOf(instruction: Instruction): Position {
  const start = instruction.getRange().start;
  return { line: start.line + 1, column: start.character + 1 };
}

/** Shell command segments of a RUN: split on `&&`, `||`, `;`, `|` and newlines. */
export function segments(text: string): string[] {
  return text
    .split(/&&|\|\||;|\||\n/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/** Whitespace tokens of a command segment with surrounding quotes removed. */
export function tokens(segment: string): string[] {
  return segment
    .split(/\s+/)
    .map((t) => t.replace(/^["']|["']$/g, ''))
    .filter((t) => t !== '');
}
