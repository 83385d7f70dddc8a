/**
 * One tree walk to rule out many searches. A file's rules ask for ~25 findAll searches, each compiling
 * its config and walking the whole tree; most find nothing in a given file.
 */
import { parse, type NapiConfig } from '@ast-grep/napi';
import type { CodeNode } from './code-node.js';
import { configFilter, nodeFilter } from './prefilter.js';

/** Configs that failed to compile for a grammar (a kind it lacks): they keep their own failing search. */
const invalid = new Map<string, Set<string>>();

type Filter = ((text: string) => boolean) | null;
const filters = new Map<string, Filter>();
/**
 * The node filter of `config` (prefilter.ts `nodeFilter`), cached by key: a node the config matches
 * contains the config's needed words, so test them first.
 */
export function textFilter(key: string, config: NapiConfig): Filter {
  let f = filters.get(key);
  if (f === undefined) filters.set(key, (f = nodeFilter(config)));
  return f;
}

const anchored = new Map<string, boolean>();
/**
 * A config can be ruled out by the shared walk when its rule alone has anchor words: a rule such as
 * `$DB.$M($Q)` (selective only through constraints) would add every call to the walk's nodes.
 */
export function mergeable(key: string, config: NapiConfig): boolean {
  let ok = anchored.get(key);
  if (ok === undefined) {
    ok = Object.keys(config).every((k) => k === 'rule' || k === 'constraints') && configFilter({ rule: (config as { rule: unknown }).rule } as NapiConfig) !== null;
    anchored.set(key, ok);
  }
  return ok;
}

/**
 * Keys of `configs` that cannot match anywhere in `root`, found with one walk: the `any` of their rules
 * without constraints finds every node any of them could match (a superset: constraints only remove
 * matches), and a config none of whose anchor words occur in any of those nodes' text matches none.
 * The rest are for the caller to search on their own (exact); telling which config matches a node
 * (node.matches) recompiles the config per call and costs more than the search it saves.
 */
export function emptySearches(root: CodeNode, grammar: string, configs: Map<string, NapiConfig>): string[] {
  const bad = invalid.get(grammar) ?? new Set<string>();
  invalid.set(grammar, bad);
  const entries = [...configs].filter(([key]) => !bad.has(key));
  if (entries.length < 2) return [];
  let texts: string[];
  try {
    texts = root.findAll({ rule: { any: entries.map(([, c]) => (c as { rule: unknown }).rule) } } as NapiConfig).map((n) => n.text());
  } catch {
    // Learn which config fails for this grammar (it keeps its own failing search); none is known empty.
    for (const [key, config] of entries) {
      try {
        root.find(config);
      } catch {
        bad.add(key);
      }
    }
    return [];
  }
  const empty: string[] = [];
  for (const [key, config] of entries) {
    const f = textFilter(key, config);
    if (!texts.length || (f && !texts.some(f))) empty.push(key);
  }
  return empty;
}

const shapes = new Map<string, string | null>();

/** The patterns of a rule made of patterns only (a `not` beside them only removes matches), or null. */
function patternsOf(rule: Record<string, unknown>): string[] | null {
  const keys = Object.keys(rule);
  if (keys.every((k) => k === 'pattern' || k === 'not') && typeof rule['pattern'] === 'string') return [rule['pattern']];
  if (!keys.every((k) => k === 'any' || k === 'not') || !Array.isArray(rule['any'])) return null;
  const out: string[] = [];
  for (const branch of rule['any'] as unknown[]) {
    const b = branch as Record<string, unknown> | null;
    if (!b || typeof b !== 'object' || Object.keys(b).length !== 1 || typeof b['pattern'] !== 'string') return null;
    out.push(b['pattern']);
  }
  return out.length ? out : null;
}

/**
 * The one kind every node `config` can match has, or null when that is not certain: the rule is
 * patterns only, each pattern (parsed as code of this grammar) matches itself at a single non-leaf
 * kind, and the config compiles for the grammar (so a search of it could not fail on any file).
 * ast-grep matches a pattern whose root is a non-leaf node only at nodes of that node's kind.
 */
export function matchKind(grammar: string, key: string, config: NapiConfig): string | null {
  const cacheKey = `${grammar}\u0000${key}`;
  let kind = shapes.get(cacheKey);
  if (kind !== undefined) return kind;
  kind = null;
  try {
    const patterns = patternsOf((config as { rule: Record<string, unknown> }).rule);
    if (patterns) {
      parse(grammar, '').root().find(config);
      const kinds = new Set<string>();
      for (const p of patterns) {
        const nodes = parse(grammar, p).root().findAll({ rule: { pattern: p } } as NapiConfig);
        for (const n of nodes) kinds.add(n.isLeaf() ? '' : (n.kind() as string));
        if (!nodes.length) kinds.add('');
      }
      const only = kinds.size === 1 ? [...kinds][0]! : '';
      kind = only || null;
    }
  } catch {
    kind = null;
  }
  shapes.set(cacheKey, kind);
  return kind;
}
