/**
 * Turns ajv errors into a few readable problems. ajv reports every failed branch of a `oneOf`
 * (ports may be a number, a string or an object…), which reads as noise; here the branch the user
 * evidently meant wins, errors on interpolated values are dropped (Compose validates after
 * substitution), and each problem keeps the path of the node it is about.
 */
import type { ErrorObject } from 'ajv/dist/2019.js';
import { isInterpolated } from './interpolation.js';

export type PathSegment = string | number;

export interface SchemaProblem {
  /** Path to the node the problem is about. */
  path: PathSegment[];
  /** For unknown keys: the key itself, so the diagnostic points at it. */
  key?: string;
  message: string;
}

interface Failure {
  instancePath: string;
  schemaPath: string;
  keyword: string;
  params: Record<string, unknown>;
  message: string;
  parentSchema?: Record<string, unknown>;
}

function pointerSegments(pointer: string): string[] {
  return pointer === '' ? [] : pointer.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** The path as keys and array indices, resolved against the data. */
/** The path of the node a JSON pointer names, with array indices as numbers. */
export function toPath(data: unknown, pointer: string): PathSegment[] {
  const out: PathSegment[] = [];
  let node = data;
  for (const segment of pointerSegments(pointer)) {
    const key: PathSegment = Array.isArray(node) && /^\d+$/.test(segment) ? Number(segment) : segment;
    out.push(key);
    node = node !== null && typeof node === 'object' ? (node as Record<PathSegment, unknown>)[key] : undefined;
  }
  return out;
}

function valueAt(data: unknown, path: readonly PathSegment[]): unknown {
  let node = data;
  for (const key of path) node = node !== null && typeof node === 'object' ? (node as Record<PathSegment, unknown>)[key] : undefined;
  return node;
}

export function readablePath(path: readonly PathSegment[]): string {
  let out = '';
  for (const segment of path) out += typeof segment === 'number' ? `[${segment}]` : out === '' ? segment : `.${segment}`;
  return out;
}

function article(type: string): string {
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

/** "a string or an object": the types a schema node allows, as a phrase. */
export function typePhrase(type: unknown): string {
  const types = Array.isArray(type) ? type.map(String) : String(type).split(',');
  return types.map(article).join(' or ');
}

/** Levenshtein distance, for "did you mean" suggestions. */
export function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0] ?? 0;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j] ?? 0;
      row[j] = Math.min((row[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length] ?? 0;
}

function suggestion(key: string, candidates: readonly string[]): string {
  let best: string | null = null;
  let bestDistance = Math.max(2, Math.floor(key.length / 4));
  for (const candidate of candidates) {
    const d = distance(key.toLowerCase(), candidate);
    if (d <= bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best === null ? '' : ` (did you mean "${best}"?)`;
}

function describe(failure: Failure, data: unknown): Omit<SchemaProblem, 'path'> {
  const { keyword, params } = failure;
  const value = valueAt(data, toPath(data, failure.instancePath));
  switch (keyword) {
    case 'additionalProperties': {
      const key = String(params.additionalProperty);
      const parent = failure.parentSchema ?? {};
      const patterns = Object.keys((parent.patternProperties as Record<string, unknown> | undefined) ?? {}).filter((p) => p !== '^x-');
      if (patterns.length > 0 && !parent.properties) {
        return { key, message: `"${key}" is not a valid name: use letters, digits, '.', '_' and '-'` };
      }
      const known = Object.keys((parent.properties as Record<string, unknown> | undefined) ?? {});
      return { key, message: `unknown key "${key}"${suggestion(key, known)}` };
    }
    case 'type':
      return { message: `must be ${typePhrase(params.type)}` };
    case 'required':
      return { message: `missing required key "${String(params.missingProperty)}"` };
    case 'enum':
      return { message: `must be one of: ${((params.allowedValues as unknown[] | undefined) ?? []).map(String).join(', ')}` };
    case 'format': {
      const hints: Record<string, string> = { duration: 'a duration like 10s or 1m30s', ports: 'a port mapping like "8080:80" or "127.0.0.1:8080:80"', expose: 'a port like "3000" or "3000/tcp"', subnet_ip_address: 'a subnet in CIDR form like 172.28.0.0/16' };
      const format = String(params.format);
      return { message: `${JSON.stringify(value)} is not ${hints[format] ?? `a valid ${format}`}` };
    }
    case 'pattern':
      return { message: `${JSON.stringify(value)} is not an accepted value` };
    case 'uniqueItems':
      return { message: `has duplicate entries (items ${String(params.j)} and ${String(params.i)})` };
    default:
      return { message: failure.message };
  }
}

/** Index of the oneOf/anyOf branch an error belongs to. */
function branchOf(failure: Failure, prefix: string): string {
  return failure.schemaPath.slice(prefix.length).split('/')[0] ?? '';
}

/** One phrase for a value that matched none of a oneOf's branches. */
function summarize(branches: readonly Failure[], prefix: string, data: unknown): string {
  const phrases: string[] = [];
  const byBranch = new Map<string, Failure[]>();
  for (const failure of branches) byBranch.set(branchOf(failure, prefix), [...(byBranch.get(branchOf(failure, prefix)) ?? []), failure]);
  for (const failures of byBranch.values()) {
    const type = failures.find((f) => f.keyword === 'type');
    const other = failures.find((f) => f.keyword !== 'type');
    if (type) phrases.push(typePhrase(type.params.type));
    else if (other?.keyword === 'enum') phrases.push(`one of: ${((other.params.allowedValues as unknown[] | undefined) ?? []).map(String).join(', ')}`);
    else if (other) return describe(other, data).message;
  }
  return `must be ${[...new Set(phrases)].join(' or ')}`;
}

export function problemsFromErrors(data: unknown, errors: readonly ErrorObject[]): SchemaProblem[] {
  const all: Failure[] = errors.map((e) => ({
    instancePath: e.instancePath,
    schemaPath: e.schemaPath,
    keyword: e.keyword,
    params: e.params as Record<string, unknown>,
    message: e.message ?? 'is invalid',
    parentSchema: e.parentSchema as Record<string, unknown> | undefined,
  }));
  const interpolated = all.filter((f) => isInterpolated(valueAt(data, toPath(data, f.instancePath))));
  let working = all.filter((f) => !interpolated.includes(f));

  // Innermost combinators first, so an outer oneOf sees its inner ones already resolved.
  const combinators = working.filter((f) => f.keyword === 'oneOf' || f.keyword === 'anyOf').sort((a, b) => b.schemaPath.length - a.schemaPath.length);
  for (const combinator of combinators) {
    if (!working.includes(combinator)) continue;
    const prefix = `${combinator.schemaPath}/`;
    const branches = working.filter((f) => f !== combinator && f.schemaPath.startsWith(prefix));
    if (interpolated.some((f) => f.schemaPath.startsWith(prefix))) {
      // A branch fails only on an interpolated value: after substitution it may well match.
      working = working.filter((f) => f !== combinator && !branches.includes(f));
      continue;
    }
    const deep = branches.filter((f) => f.instancePath.length > combinator.instancePath.length);
    if (deep.length > 0) {
      // The value had the right shape for these branches and failed inside them: report those.
      const meant = new Set(deep.map((f) => branchOf(f, prefix)));
      working = working.filter((f) => f !== combinator && (!branches.includes(f) || meant.has(branchOf(f, prefix))));
      continue;
    }
    const merged: Failure = { ...combinator, keyword: 'merged', message: summarize(branches, prefix, data) };
    working = working.filter((f) => !branches.includes(f)).map((f) => (f === combinator ? merged : f));
  }

  return uniqueProblems(data, working, (failure) => describe(failure, data));
}

/** One problem per distinct message, each prefixed with the readable path of its node. */
export function uniqueProblems<F extends { instancePath: string }>(data: unknown, failures: readonly F[], describe: (failure: F) => { message: string; key?: string | undefined }): SchemaProblem[] {
  const seen = new Set<string>();
  const problems: SchemaProblem[] = [];
  for (const failure of failures) {
    const path = toPath(data, failure.instancePath);
    const described = describe(failure);
    const where = readablePath(path);
    const message = where === '' ? described.message : `${where}: ${described.message}`;
    if (seen.has(message)) continue;
    seen.add(message);
    problems.push(described.key === undefined ? { path, message } : { path, key: described.key, message });
  }
  return problems;
}
