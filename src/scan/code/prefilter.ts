/**
 * A cheap text prefilter per rule, derived from the rule itself: the words that every alternative of
 * the rule needs in the source (literal identifiers in its patterns, or the alternatives of a
 * pure-alternation constraint such as `^(exec|execSync)$`). A file whose text contains none of them
 * cannot match, so the rule's tree searches are skipped. Rules without such words always run.
 */
import type { NapiConfig } from '@ast-grep/napi';
import type { CompiledRule } from './compile.js';

const KEYWORDS = new Set(['new', 'return', 'function', 'const', 'let', 'var', 'await', 'async', 'this', 'def', 'import', 'from', 'True', 'False', 'None', 'true', 'false', 'null']);
const PURE_ALTERNATION = /^\^?(?:\((?:\?:)?)?((?:[A-Za-z_][\w]*(?:\\\.[A-Za-z_]\w*)*\|)*[A-Za-z_][\w]*(?:\\\.[A-Za-z_]\w*)*)\)?\$?$/;

function patternWords(pattern: string): string[] {
  const stripped = pattern.replace(/\$\$?\$?[A-Z_][A-Z0-9_]*/g, ' ').replace(/(['"`]).*?\1/g, ' ');
  return (stripped.match(/[A-Za-z_]\w{2,}/g) ?? []).filter((w) => !KEYWORDS.has(w));
}

function alternationWords(regex: unknown): string[] | null {
  if (typeof regex !== 'string') return null;
  const m = PURE_ALTERNATION.exec(regex);
  if (!m) return null;
  return m[1]!.split('|').map((alt) => alt.split('\\.').pop()!);
}

/** Words one alternative needs (any of them), or null when it has none we can rely on. */
function anchors(rule: unknown, constraints: Record<string, unknown>): string[] | null {
  if (!rule || typeof rule !== 'object') return null;
  const r = rule as Record<string, unknown>;
  if (Array.isArray(r['any'])) {
    const all: string[] = [];
    for (const branch of r['any']) {
      const words = anchors(branch, constraints);
      if (!words) return null;
      all.push(...words);
    }
    return all;
  }
  if (Array.isArray(r['all'])) {
    for (const part of r['all']) {
      const words = anchors(part, constraints);
      if (words) return words;
    }
  }
  // Go patterns are objects whose context wraps the snippet in `func _() {…}` (compile.ts).
  const raw = r['pattern'] as unknown;
  const pattern = typeof raw === 'string' ? raw : typeof (raw as { context?: unknown } | undefined)?.context === 'string' ? (raw as { context: string }).context.replace(/^func _\(\) \{\n|\n\}$|^<\?php |;$/g, '') : null;
  if (pattern !== null) {
    const words = patternWords(pattern);
    if (words.length) return [words.sort((a, b) => b.length - a.length)[0]!];
    for (const name of pattern.match(/\$\$?\$?([A-Z_][A-Z0-9_]*)/g) ?? []) {
      const c = constraints[name.replace(/^\$+/, '')] as Record<string, unknown> | undefined;
      const alts = alternationWords(c?.['regex']);
      if (alts) return alts;
    }
  }
  const own = alternationWords(r['regex']);
  if (own) return own;
  const has = r['has'] as Record<string, unknown> | undefined;
  if (has && typeof has === 'object' && !has['not']) return anchors(has, constraints);
  return null;
}

function escape(word: string): string {
  return word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The prefilter of one config (a control's `present`/`requires` search), or null when it has no anchor words. */
export function configFilter(config: NapiConfig): RegExp | null {
  const c = config as { rule: unknown; constraints?: Record<string, unknown> };
  const words = anchors(c.rule, c.constraints ?? {});
  return words?.length ? new RegExp(`\\b(${[...new Set(words)].map(escape).join('|')})\\b`) : null;
}

const branchTests = new WeakMap<NapiConfig, Array<RegExp | null> | null>();

/**
 * `config` without the alternatives of its top-level `any` that cannot match `text` (none of their
 * anchor words occur), or null when no alternative can. ast-grep compiles every pattern and regex
 * of a config on each search, so a 40-pattern source list costs far more than the few a file uses.
 * Constraints whose metavariable no longer occurs are dropped too (ast-grep rejects them).
 */
export function pruneFor(config: NapiConfig, text: string): NapiConfig | null {
  const c = config as { rule: Record<string, unknown>; constraints?: Record<string, unknown> };
  const any = Array.isArray(c.rule['any']) ? (c.rule['any'] as unknown[]) : null;
  let tests = branchTests.get(config);
  if (tests === undefined) {
    // A branch naming a kind stays: a kind its grammar lacks (jsx_attribute in .ts) makes the whole search
    // fail, and analyze-file relies on that failure to skip the rule; pruning must not change it.
    const keep = (branch: unknown): boolean => JSON.stringify(branch).includes('"kind"');
    tests = any ? any.map((branch) => (keep(branch) ? null : configFilter({ rule: branch, ...(c.constraints ? { constraints: c.constraints } : {}) } as NapiConfig))) : null;
    if (tests?.every((t) => t === null)) tests = null;
    branchTests.set(config, tests);
  }
  if (!tests || !any) return config;
  const kept = any.filter((_, i) => !tests[i] || tests[i].test(text));
  if (kept.length === any.length) return config;
  if (!kept.length) return null;
  const rule = { ...c.rule, any: kept };
  if (!c.constraints) return { rule } as NapiConfig;
  const used = JSON.stringify(rule);
  const constraints = Object.fromEntries(Object.entries(c.constraints).filter(([name]) => new RegExp(`\\$${escape(name)}(?![A-Za-z0-9_])`).test(used)));
  return { rule, ...(Object.keys(constraints).length ? { constraints } : {}) } as NapiConfig;
}

export function prefilterOf(rule: CompiledRule): RegExp | null {
  const configs = [
    ...(rule.match ? [rule.match] : []),
    ...(rule.sinks ?? []).map((s) => s.config),
    ...(rule.control ? [rule.control.app] : []),
  ];
  const words: string[] = [];
  for (const config of configs) {
    const c = config as { rule: unknown; constraints?: Record<string, unknown> };
    const w = anchors(c.rule, c.constraints ?? {});
    if (!w || !w.length) return null;
    words.push(...w);
  }
  return words.length ? new RegExp(`\\b(${[...new Set(words)].map(escape).join('|')})\\b`) : null;
}
