/**
 * Turns ajv errors from the published CI schemas into the few problems a user should read. Both
 * schemas are full of oneOf/anyOf (an image is a string or a map; a CircleCI step is one of six
 * forms), and ajv reports every failed branch: a single typo reads as a dozen errors. Here, per
 * combinator, the branch whose shape the value has wins and only its failures are kept; when no
 * branch fits, one "must be a string or an object" phrase replaces them. The approach follows
 * compose-schema-errors.ts, without Compose's variable interpolation rules.
 */
import type { ErrorObject } from 'ajv';
import { distance, typePhrase, uniqueProblems, type PathSegment, type SchemaProblem } from '../compose-schema-errors.js';

export type { PathSegment, SchemaProblem };

interface Failure {
  instancePath: string;
  keyword: string;
  params: Record<string, unknown>;
  message: string;
  parentSchema: Record<string, unknown>;
  data: unknown;
}

/** The closest candidate within a typo's distance, or null. */
export function closest(word: string, candidates: Iterable<string>): string | null {
  let best: string | null = null;
  let bestDistance = Math.max(2, Math.floor(word.length / 4));
  for (const candidate of candidates) {
    const d = distance(word.toLowerCase(), candidate.toLowerCase());
    if (d > 0 && d <= bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}

const didYouMean = (best: string | null): string => (best === null ? '' : ` (did you mean "${best}"?)`);

function describe(failure: Failure, missing: readonly string[]): Omit<SchemaProblem, 'path'> {
  const { keyword, params } = failure;
  switch (keyword) {
    case 'additionalProperties': {
      const key = String(params.additionalProperty);
      const known = Object.keys((failure.parentSchema.properties as Record<string, unknown> | undefined) ?? {});
      const guess = missing.length === 1 ? (missing[0] ?? null) : closest(key, missing.length > 0 ? missing : known);
      return { key, message: `unknown key "${key}"${didYouMean(guess)}` };
    }
    case 'type':
      return { message: `must be ${typePhrase(params.type)}` };
    case 'required':
      return { message: `missing required key "${String(params.missingProperty)}"` };
    case 'enum': {
      const allowed = ((params.allowedValues as unknown[] | undefined) ?? []).map(String);
      return { message: `${JSON.stringify(failure.data)} is not an accepted value: use one of ${allowed.join(', ')}` };
    }
    case 'const':
      return { message: `must be ${JSON.stringify(params.allowedValue)}` };
    case 'pattern':
      return { message: `${JSON.stringify(failure.data)} is not an accepted value` };
    case 'format':
      return { message: `${JSON.stringify(failure.data)} is not a valid ${String(params.format)}` };
    case 'oneOf':
      return { message: 'matches more than one allowed form; remove the keys that mix them' };
    default:
      return { message: failure.message };
  }
}

const VALUE_KEYWORDS = new Set(['enum', 'const', 'pattern']);
const isCombinator = (f: Failure): boolean => f.keyword === 'oneOf' || f.keyword === 'anyOf';

/** Where a failure points: an unknown key counts as the key's own node, one level down. */
function target(failure: Failure): string {
  return failure.keyword === 'additionalProperties' ? `${failure.instancePath}/${String(failure.params.additionalProperty)}` : failure.instancePath;
}

/**
 * One failure for a node none of whose alternatives fit. A value of the right type that matched no
 * listed value gets the list (with a "did you mean"); a value of no accepted type gets the types;
 * a value that fit a branch but broke one of its limits (`retry: 5`) keeps that limit.
 */
function merge(group: readonly Failure[], combinator: Failure): Failure[] {
  const types = group.filter((f) => f.keyword === 'type');
  const others = group.filter((f) => !isCombinator(f) && f.keyword !== 'type');
  const valueOnly = others.length > 0 && others.every((f) => VALUE_KEYWORDS.has(f.keyword));
  const allowed = others.flatMap((f) => (f.keyword === 'enum' ? ((f.params.allowedValues as unknown[] | undefined) ?? []).map(String) : f.keyword === 'const' ? [String(f.params.allowedValue)] : []));
  if (valueOnly && allowed.length > 0) {
    const hint = typeof combinator.data === 'string' ? didYouMean(closest(combinator.data, allowed)) : '';
    return [{ ...combinator, keyword: 'merged', message: `${JSON.stringify(combinator.data)} is not an accepted value${hint}: use one of ${[...new Set(allowed)].join(', ')}` }];
  }
  if (others.length > 0 && !(valueOnly && types.length > 0)) return others;
  const phrases = [...new Set(types.map((f) => typePhrase(f.params.type)))];
  return [{ ...combinator, keyword: 'merged', message: phrases.length > 0 ? `must be ${phrases.join(' or ')}` : 'does not match any allowed form' }];
}

export function problemsFromErrors(data: unknown, errors: readonly ErrorObject[]): SchemaProblem[] {
  let working: Failure[] = errors.map((e) => ({
    instancePath: e.instancePath,
    keyword: e.keyword,
    params: e.params as Record<string, unknown>,
    message: e.message ?? 'is invalid',
    parentSchema: (e.parentSchema as Record<string, unknown> | undefined) ?? {},
    data: e.data,
  }));

  // Branch membership cannot be read from ajv's schemaPath (it restarts inside every $ref), so
  // alternatives are resolved per node: below a node whose oneOf/anyOf failed, a failure deeper
  // down means the value had the shape of some branch and broke it further in; that deeper failure
  // is the one to report, and the other branches' complaints about the node itself are noise.
  const nodes = [...new Set(working.filter((f) => isCombinator(f) && f.params.passingSchemas == null).map((f) => f.instancePath))].sort((a, b) => b.length - a.length);
  for (const node of nodes) {
    const group = working.filter((f) => f.instancePath === node && f.keyword !== 'additionalProperties');
    const combinator = group.find(isCombinator);
    if (!combinator) continue;
    const deeper = working.some((f) => !group.includes(f) && target(f).startsWith(`${node}/`));
    const replacement = deeper ? [] : merge(group, combinator);
    working = [...working.filter((f) => !group.includes(f)), ...replacement];
  }

  // A misspelt required key reads as "unknown key" plus "missing key": report the unknown key once,
  // suggesting the missing one when it is the only candidate.
  const missing = new Map<string, string[]>();
  for (const f of working) if (f.keyword === 'required') missing.set(f.instancePath, [...(missing.get(f.instancePath) ?? []), String(f.params.missingProperty)]);
  working = working.filter((f) => f.keyword !== 'required' || !working.some((o) => o.keyword === 'additionalProperties' && o.instancePath === f.instancePath));

  return uniqueProblems(data, working, (failure) => describe(failure, missing.get(failure.instancePath) ?? []));
}
