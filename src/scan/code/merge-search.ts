/**
 * One tree walk to rule out many searches. A file's rules ask for ~25 findAll searches, each compiling
 * its config and walking the whole tree; most find nothing in a given file.
 */
import type { NapiConfig, SgNode } from '@ast-grep/napi';
import { configFilter } from './prefilter.js';

/** Configs that failed to compile for a grammar (a kind it lacks): they keep their own failing search. */
const invalid = new Map<string, Set<string>>();

const filters = new Map<string, RegExp | null>();
/** A node a config matches contains the config's anchor words (see prefilter.ts), so test them first. */
function filterOf(key: string, config: NapiConfig): RegExp | null {
  let f = filters.get(key);
  if (f === undefined) filters.set(key, (f = configFilter(config)));
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
export function emptySearches(root: SgNode, grammar: string, configs: Map<string, NapiConfig>): string[] {
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
    const f = filterOf(key, config);
    if (!texts.length || (f && !texts.some((t) => f.test(t)))) empty.push(key);
  }
  return empty;
}
