/**
 * A cheap text prefilter per rule, derived from the rule itself: the words that every alternative of
 * the rule needs in the source (literal identifiers in its patterns, or the alternatives of a
 * pure-alternation constraint such as `^(exec|execSync)$`). A file whose text contains none of them
 * cannot match, so the rule's tree searches are skipped. Rules without such words always run.
 */
import type { NapiConfig } from '@ast-grep/napi';
import type { CompiledRule } from './compile.js';
import { textTest, topLevelBars, type FileText, type TextTest } from './text-test.js';

const KEYWORDS = new Set(['new', 'return', 'function', 'const', 'let', 'var', 'await', 'async', 'this', 'def', 'import', 'from', 'True', 'False', 'None', 'true', 'false', 'null']);
const PURE_ALTERNATION = /^\^?(?:\((?:\?:)?)?((?:[A-Za-z_][\w]*(?:\\\.[A-Za-z_]\w*)*\|)*[A-Za-z_][\w]*(?:\\\.[A-Za-z_]\w*)*)\)?\$?$/;

/** Marks an anchor that is a substring to look for, not a whole word (literal text from a regex). */
const SUBSTRING = '\u0001';

function patternWords(pattern: string): string[] {
  const stripped = pattern.replace(/\$\$?\$?[A-Z_][A-Z0-9_]*/g, ' ').replace(/(['"`]).*?\1/g, ' ');
  return (stripped.match(/[A-Za-z_]\w{2,}/g) ?? []).filter((w) => !KEYWORDS.has(w));
}

/**
 * The identifiers a regex of plain words accepts. Whole words only when the regex is anchored at both
 * ends around the whole alternation (`^(exec|spawn)$`); otherwise an alternative may match inside a
 * longer identifier (`^secret|token` matches `mytoken`), so each is a substring to look for.
 */
function alternationWords(regex: unknown): string[] | null {
  if (typeof regex !== 'string') return null;
  const m = PURE_ALTERNATION.exec(regex);
  if (!m) return null;
  const words = m[1]!.split('|').map((alt) => alt.split('\\.').pop()!);
  const single = !m[1]!.includes('|');
  const anchored = single ? /^\^.*\$$/.test(regex) : /^\^\((?:\?:)?.*\)\$$/.test(regex);
  return anchored ? words : words.map((w) => SUBSTRING + w);
}

const LITERAL = String.raw`(?:[A-Za-z0-9_ :-]|\\[./-])+`;
const LITERAL_ALTERNATION = new RegExp(String.raw`^(?:\(\?:)?(${LITERAL}(?:\|${LITERAL})*)\)?\$?$`);
const unescape = (text: string): string => text.replace(/\\(.)/g, '$1');

/**
 * Text a node regex requires (any one of the returned strings occurs in the node's text, so in the
 * file's): an alternation of plain literals (`Content-Security-Policy|X-Frame-Options`), or the literal
 * run a regex without top-level alternation starts with (`^sameSite[ \t]*:` → `sameSite`). Null otherwise.
 */
function regexLiterals(regex: unknown): string[] | null {
  if (typeof regex !== 'string') return null;
  const body = regex.replace(/^\^/, '');
  const alternation = LITERAL_ALTERNATION.exec(body);
  if (alternation && (body.startsWith('(?:') === body.replace(/\$$/, '').endsWith(')'))) {
    const alts = alternation[1]!.split('|').map(unescape);
    return alts.every((a) => a.length >= 3) ? alts : null;
  }
  if (topLevelBars(body).length) return null;
  const run = new RegExp(`^${LITERAL}`).exec(body)?.[0] ?? '';
  // A quantifier after the run makes its last character optional.
  const literal = unescape(/^[?*+{]/.test(body.slice(run.length)) ? run.slice(0, -1) : run);
  return literal.trim().length >= 3 ? [literal] : null;
}

/**
 * A rule's pattern as source text: the string, or the snippet inside the context compile.ts wraps Go
 * (`func _() {…}`) and PHP (`<?php …;`) patterns in. Null without a pattern.
 */
function patternText(raw: unknown): string | null {
  if (typeof raw === 'string') return raw;
  const context = (raw as { context?: unknown } | undefined)?.context;
  return typeof context === 'string' ? context.replace(/^func _\(\) \{\n|\n\}$|^<\?php |;$/g, '') : null;
}

/** What a regex requires as anchors: its plain-word alternatives, or else its literal text (substrings). */
function regexWords(regex: unknown): string[] | null {
  return alternationWords(regex) ?? regexLiterals(regex)?.map((l) => SUBSTRING + l) ?? null;
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
  const pattern = patternText(r['pattern']);
  if (pattern !== null) {
    const words = patternWords(pattern);
    if (words.length) return [words.sort((a, b) => b.length - a.length)[0]!];
    for (const name of pattern.match(/\$\$?\$?([A-Z_][A-Z0-9_]*)/g) ?? []) {
      const c = constraints[name.replace(/^\$+/, '')] as Record<string, unknown> | undefined;
      const alts = alternationWords(c?.['regex']);
      if (alts) return alts;
    }
  }
  const own = regexWords(r['regex']);
  if (own) return own;
  const has = r['has'] as Record<string, unknown> | undefined;
  if (has && typeof has === 'object' && !has['not']) return anchors(has, constraints);
  return null;
}

function escape(word: string): string {
  return word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** One text test for anchors: whole words, or substrings for literals taken from regexes. */
function anchorTest(words: string[]): TextTest {
  const whole: string[] = [];
  const parts: string[] = [];
  for (const w of new Set(words)) (w.startsWith(SUBSTRING) ? parts : whole).push(escape(w.replace(SUBSTRING, '')));
  return textTest([...(whole.length ? [`\\b(${whole.join('|')})\\b`] : []), ...parts].join('|'));
}

/**
 * What a node's text needs to match a rule, as alternatives (any one holds) of groups of words (every
 * group holds: one of its words occurs). Finer than `anchors`: it takes every constrained
 * metavariable of a pattern too (`$RES.$F($X)` with RES in res|response and F in send|write needs a
 * word of each), which matters when the text tested is one node's, not the whole file's.
 * Null when some alternative needs nothing we can test.
 */
function needs(rule: unknown, constraints: Record<string, unknown>): string[][][] | null {
  if (!rule || typeof rule !== 'object') return null;
  const r = rule as Record<string, unknown>;
  const groups: string[][] = [];
  if (Array.isArray(r['all'])) {
    for (const part of r['all']) {
      const n = needs(part, constraints);
      if (n?.length === 1) groups.push(...n[0]!);
    }
  }
  const pattern = patternText(r['pattern']);
  if (pattern !== null) {
    const words = patternWords(pattern);
    if (words.length) groups.push([words.sort((a, b) => b.length - a.length)[0]!]);
    // A single metavariable (not `$$$`, not the uncaptured `$_X`) is bound whenever the pattern matches,
    // so its constraint holds on a piece of the node's text.
    for (const m of pattern.replace(/(['"`]).*?\1/g, ' ').matchAll(/(?<!\$)\$([A-Z][A-Z0-9_]*)/g)) {
      const c = constraints[m[1]!] as Record<string, unknown> | undefined;
      const alts = regexWords(c?.['regex']);
      if (alts) groups.push(alts);
    }
  }
  const own = regexWords(r['regex']);
  if (own) groups.push(own);
  const has = r['has'] as Record<string, unknown> | undefined;
  if (has && typeof has === 'object' && !has['not']) {
    const n = needs(has, constraints);
    if (n?.length === 1) groups.push(...n[0]!);
  }
  if (Array.isArray(r['any'])) {
    const out: string[][][] = [];
    for (const branch of r['any']) {
      const n = needs(branch, constraints);
      if (!n) {
        if (!groups.length) return null;
        out.push(groups);
        continue;
      }
      for (const alt of n) out.push([...groups, ...alt]);
    }
    return out;
  }
  return groups.length ? [groups] : null;
}

/** A test of one node's text against a config's needs (see `needs`), or null when it has none. */
export function nodeFilter(config: NapiConfig): ((text: string) => boolean) | null {
  const c = config as { rule: unknown; constraints?: Record<string, unknown> };
  const alternatives = needs(c.rule, c.constraints ?? {});
  if (!alternatives?.length) return null;
  const tests = alternatives.map((groups) => groups.map(anchorTest));
  return (text) => tests.some((groups) => groups.every((g) => g.test(text)));
}

/** The prefilter of one config (a control's `present`/`requires` search), or null when it has no anchor words. */
export function configFilter(config: NapiConfig): TextTest | null {
  const c = config as { rule: unknown; constraints?: Record<string, unknown> };
  const words = anchors(c.rule, c.constraints ?? {});
  return words?.length ? anchorTest(words) : null;
}

const branchTests = new WeakMap<NapiConfig, Array<TextTest | null> | null>();

/**
 * `config` without the alternatives of its top-level `any` that cannot match `text` (none of their
 * anchor words occur), or null when no alternative can. ast-grep compiles every pattern and regex
 * of a config on each search, so a 40-pattern source list costs far more than the few a file uses.
 * Constraints whose metavariable no longer occurs are dropped too (ast-grep rejects them).
 */
export function pruneFor(config: NapiConfig, file: FileText): NapiConfig | null {
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
  const keptIndices = any.map((_, i) => i).filter((i) => !tests[i] || tests[i].testFile(file));
  if (keptIndices.length === any.length) return config;
  if (!keptIndices.length) return null;
  // The same pruning recurs across files: one object per pruning keeps searches' caches (keyed by object) warm.
  let byKept = pruned.get(config);
  if (!byKept) pruned.set(config, (byKept = new Map()));
  const key = keptIndices.join(',');
  let out = byKept.get(key);
  if (!out) byKept.set(key, (out = prunedConfig(c, keptIndices.map((i) => any[i]))));
  return out;
}

const pruned = new WeakMap<NapiConfig, Map<string, NapiConfig>>();

function prunedConfig(c: { rule: Record<string, unknown>; constraints?: Record<string, unknown> }, kept: unknown[]): NapiConfig {
  const rule = { ...c.rule, any: kept };
  if (!c.constraints) return { rule } as NapiConfig;
  const used = JSON.stringify(rule);
  const constraints = Object.fromEntries(Object.entries(c.constraints).filter(([name]) => new RegExp(`\\$${escape(name)}(?![A-Za-z0-9_])`).test(used)));
  return { rule, ...(Object.keys(constraints).length ? { constraints } : {}) } as NapiConfig;
}

export function prefilterOf(rule: CompiledRule): TextTest | null {
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
  return words.length ? anchorTest(words) : null;
}
