/**
 * ast-grep's rule matching over a FlatTree, for the JavaScript family. A config is compiled once per
 * grammar and process (ast-grep compiles it again on every call), and matching reads plain arrays.
 *
 * The pattern algorithm follows ast-grep's own (core/src/match_tree, "smart" strictness): a pattern is
 * the innermost single-child node of its parse; `$X` binds one named node, `$$X` any node, `$$$X` a run
 * of nodes; a named leaf matches on kind and text, an unnamed one on kind; unnamed candidate nodes and
 * comments may be skipped, trailing candidate nodes are ignored. `any` keeps its first matching
 * branch; a metavariable bound twice must match the same code (does_node_match_exactly); constraints
 * are checked on the single captures.
 *
 * Supported rule keys: pattern, kind, regex, all, any, not, has and inside (stopBy neighbor or end,
 * with or without field), plus constraints. A config using anything else (or a pattern that does not
 * parse cleanly) is answered by @ast-grep/napi on the same source (`fallback`), so answers never
 * depend on what is modelled here; flat-match.test.ts holds every shipped rule to this engine.
 */
import { parse, type NapiConfig, type SgNode } from '@ast-grep/napi';
import { nodeFilter } from '../prefilter.js';
import type { FlatGrammar } from './grammar.js';
import { FlatNode, FlatTree } from './tree.js';

export interface Captures {
  single: Map<string, number>;
  multi: Map<string, number[]>;
}

type MetaVar =
  | { k: 'capture'; name: string; named: boolean }
  | { k: 'dropped'; named: boolean }
  | { k: 'multi' }
  | { k: 'multi-capture'; name: string };

type PatternNode =
  | { t: 'var'; v: MetaVar }
  | { t: 'leaf'; key: number; named: boolean; text: string }
  | { t: 'inner'; key: number; children: PatternNode[] };

type Rule =
  | { t: 'pattern'; p: PatternNode; anchor: string }
  | { t: 'kind'; key: number }
  | { t: 'regex'; re: RegExp }
  | { t: 'all'; rules: Rule[] }
  | { t: 'any'; rules: Rule[]; byKind: Map<number, Rule[]>; unbounded: Rule[] }
  | { t: 'not'; rule: Rule }
  | { t: 'has' | 'inside'; rule: Rule; end: boolean; field: number };

/** A config this engine does not model: answered by ast-grep instead. */
class Unsupported extends Error {}

/**
 * Captures of one match. A failed attempt undoes its bindings back to a mark, so attempts need no
 * copies. As in ast-grep, a metavariable matched again takes the later node (undo restores the earlier).
 */
class Env implements Captures {
  readonly single = new Map<string, number>();
  readonly multi = new Map<string, number[]>();
  private readonly log: Array<{ name: string; multi: boolean; before: number | number[] | undefined }> = [];

  mark(): number {
    return this.log.length;
  }

  undo(mark: number): void {
    while (this.log.length > mark) {
      const { name, multi, before } = this.log.pop()!;
      const map: Map<string, unknown> = multi ? this.multi : this.single;
      if (before === undefined) map.delete(name);
      else map.set(name, before);
    }
  }

  bind(name: string, i: number): void {
    this.log.push({ name, multi: false, before: this.single.get(name) });
    this.single.set(name, i);
  }

  bindRun(name: string, nodes: number[]): void {
    this.log.push({ name, multi: true, before: this.multi.get(name) });
    this.multi.set(name, nodes);
  }
}

// --- patterns ------------------------------------------------------------------------------------

const VAR_CHAR = /^[A-Z0-9_]*$/;

/** ast-grep's extract_meta_var for the `$` expando character. */
function metaVar(text: string): MetaVar | null {
  if (text === '$$$') return { k: 'multi' };
  if (text.startsWith('$$$')) {
    const name = text.slice(3);
    if (!VAR_CHAR.test(name)) return null;
    return name.startsWith('_') ? { k: 'multi' } : { k: 'multi-capture', name };
  }
  if (!text.startsWith('$')) return null;
  let rest = text.slice(1);
  let named = true;
  if (rest.startsWith('$')) {
    rest = rest.slice(1);
    named = false;
  }
  if (!/^[A-Z_]/.test(rest) || !VAR_CHAR.test(rest)) return null;
  return rest.startsWith('_') ? { k: 'dropped', named } : { k: 'capture', name: rest, named };
}

/** A zero-width unnamed child: a token tree-sitter inserted to recover (is_missing). */
const isMissing = (t: FlatTree, i: number): boolean => !t.named(i) && t.start[i] === t.end[i];

function convert(t: FlatTree, i: number): PatternNode {
  const name = t.grammar.names[t.kind[i]!]!;
  if (name === 'ERROR') throw new Unsupported('pattern with a syntax error');
  const v = metaVar(t.text(i));
  if (v) return { t: 'var', v };
  if (t.firstChild(i) < 0) return { t: 'leaf', key: t.kindKey(i), named: t.named(i), text: t.text(i) };
  const children: PatternNode[] = [];
  for (let c = t.firstChild(i); c >= 0; c = t.next[c]!) if (!isMissing(t, c)) children.push(convert(t, c));
  return { t: 'inner', key: t.kindKey(i), children };
}

const patterns = new Map<string, PatternNode | Unsupported>();

/**
 * A pattern's tree, parsed once per grammar and process: searches built per file (merge-search's
 * combined search, the kind walk) repeat the rules' patterns in ever new configs.
 */
function compilePattern(grammar: FlatGrammar, source: string): PatternNode {
  const key = `${grammar.name}\u0000${source}`;
  let p = patterns.get(key);
  if (!p) {
    try {
      p = parsePattern(grammar, source);
    } catch (e) {
      if (!(e instanceof Unsupported)) throw e;
      p = e;
    }
    patterns.set(key, p);
  }
  if (p instanceof Unsupported) throw p;
  return p;
}

/** ast-grep's single_matcher: the pattern is the innermost node of a chain of single children. */
function parsePattern(grammar: FlatGrammar, source: string): PatternNode {
  const t = new FlatTree(grammar, source);
  if (t.firstChild(0) < 0) throw new Unsupported('empty pattern');
  let i = 0;
  for (;;) {
    const first = t.firstChild(i);
    if (first < 0) break;
    const second = t.next[first]!;
    const single = second < 0 || (t.next[second]! < 0 && isMissing(t, second));
    if (!single) break;
    i = first;
  }
  const p = convert(t, i);
  if (p.t === 'var' && (p.v.k === 'multi' || p.v.k === 'multi-capture')) throw new Unsupported('a pattern that is only $$$');
  return p;
}

/**
 * The longest text of a named leaf in the pattern. A named leaf matches only a node with that exact
 * text, inside the candidate, so a candidate whose text lacks it cannot match: one substring test
 * rules out most candidates before any matching (sources are ~100 patterns like `$R.query`).
 */
function anchorOf(p: PatternNode): string {
  if (p.t === 'leaf') return p.named ? p.text : '';
  if (p.t === 'var') return '';
  let best = '';
  for (const c of p.children) {
    const a = anchorOf(c);
    if (a.length > best.length) best = a;
  }
  return best;
}

// --- pattern matching (ast-grep match_tree, smart strictness) ------------------------------------

const enum One {
  Matched,
  SkipCandidate,
  NoMatch,
}

const isNamedLeaf = (t: FlatTree, i: number): boolean => t.named(i) && t.firstChild(i) < 0;

/** ast-grep's does_node_match_exactly. */
function sameNode(t: FlatTree, a: number, b: number): boolean {
  if (a === b) return true;
  if (isNamedLeaf(t, a) || isNamedLeaf(t, b)) return t.text(a) === t.text(b);
  if (t.kind[a] !== t.kind[b]) return false;
  let x = t.firstChild(a);
  let y = t.firstChild(b);
  while (x >= 0 && y >= 0) {
    if (!sameNode(t, x, y)) return false;
    x = t.next[x]!;
    y = t.next[y]!;
  }
  return x < 0 && y < 0;
}

/** ast-grep's match_multi_var: a run bound again must have the same named nodes. */
function sameRun(t: FlatTree, a: number[], b: number[]): boolean {
  const x = a.filter((i) => t.named(i));
  const y = b.filter((i) => t.named(i));
  return x.length === y.length && x.every((i, k) => sameNode(t, i, y[k]!));
}

class PatternMatcher {
  constructor(
    private readonly t: FlatTree,
    private readonly env: Env,
    /** Kind keys of comments (extras a pattern skips). */
    private readonly extras: Set<number>,
  ) {}

  private isExtra(i: number): boolean {
    return this.extras.has(this.t.kindKey(i));
  }

  metaVar(v: MetaVar, i: number): boolean {
    const t = this.t;
    switch (v.k) {
      case 'capture': {
        if (v.named && !t.named(i)) return false;
        const bound = this.env.single.get(v.name);
        if (bound !== undefined && !sameNode(t, bound, i)) return false;
        this.env.bind(v.name, i);
        return true;
      }
      case 'dropped':
        return !(v.named && !t.named(i));
      case 'multi':
        return true;
      case 'multi-capture':
        return this.bindRun(v.name, [i]);
    }
  }

  private bindRun(name: string, nodes: number[]): boolean {
    const bound = this.env.multi.get(name);
    if (bound && !sameRun(this.t, bound, nodes)) return false;
    this.env.bindRun(name, nodes);
    return true;
  }

  one(goal: PatternNode, i: number): One {
    const t = this.t;
    if (goal.t === 'leaf') {
      if (goal.key === t.kindKey(i) && (!goal.named || goal.text === t.text(i))) return One.Matched;
      if (this.isExtra(i)) return One.SkipCandidate;
      return t.named(i) ? One.NoMatch : One.SkipCandidate;
    }
    if (goal.t === 'var') {
      if (this.isExtra(i)) return One.SkipCandidate;
      return this.metaVar(goal.v, i) ? One.Matched : One.NoMatch;
    }
    if (goal.key !== t.kindKey(i)) return One.NoMatch;
    return this.children(goal.children, t.childList(i)) ? One.Matched : One.NoMatch;
  }

  private ellipsisRun(name: string | null, nodes: number[], skippedAnonymous: number): boolean {
    if (!name) return true;
    return this.bindRun(name, nodes.slice(0, Math.max(0, nodes.length - skippedAnonymous)));
  }

  /** ast-grep's may_match_ellipsis_impl. */
  private ellipsis(goals: PatternNode[], cands: readonly number[], at: Cursor): Flow {
    if (at.g >= goals.length) return Flow.Return;
    const current = goals[at.g]!;
    if (!isEllipsis(current)) return Flow.Fallthrough;
    const name = ellipsisName(current);
    const matched: number[] = [];
    at.g++;
    if (at.g >= goals.length) {
      const ok = this.ellipsisRun(name, matched.concat(cands.slice(at.c)), 0);
      at.c = cands.length;
      return ok ? Flow.Return : Flow.Fail;
    }
    let skipped = 0;
    while (isTrivial(goals[at.g]!)) {
      at.g++;
      skipped++;
      if (at.g >= goals.length) {
        const ok = this.ellipsisRun(name, matched.concat(cands.slice(at.c)), skipped);
        at.c = cands.length;
        return ok ? Flow.Return : Flow.Fail;
      }
    }
    if (isEllipsis(goals[at.g]!)) {
      matched.push(cands[at.c++]!);
      if (at.c >= cands.length) return Flow.Fail;
      return this.ellipsisRun(name, matched, skipped) ? Flow.Continue : Flow.Fail;
    }
    for (;;) {
      const mark = this.env.mark();
      const probe = this.one(goals[at.g]!, cands[at.c]!);
      this.env.undo(mark);
      if (probe === One.Matched) return this.ellipsisRun(name, matched, skipped) ? Flow.Fallthrough : Flow.Fail;
      matched.push(cands[at.c++]!);
      if (at.c >= cands.length) return Flow.Fail;
    }
  }

  /** ast-grep's match_single_node_while_skip_trivial (smart: goals are never skipped). */
  private single(goals: PatternNode[], cands: readonly number[], at: Cursor): Flow {
    for (;;) {
      if (at.c >= cands.length) {
        // should_skip_goal: only `$$$` goals may be left over.
        while (at.g < goals.length) {
          if (!isEllipsis(goals[at.g]!)) return Flow.Fail;
          at.g++;
        }
        return Flow.Fallthrough;
      }
      const one = this.one(goals[at.g]!, cands[at.c]!);
      if (one === One.Matched) return Flow.Fallthrough;
      if (one === One.NoMatch) return Flow.Fail;
      at.c++;
    }
  }

  /** ast-grep's match_nodes_impl_recursive. */
  children(goals: PatternNode[], cands: readonly number[]): boolean {
    if (!cands.length) return false;
    const at: Cursor = { g: 0, c: 0 };
    for (;;) {
      const e = this.ellipsis(goals, cands, at);
      if (e === Flow.Fail) return false;
      if (e === Flow.Return) return true;
      if (e === Flow.Continue) continue;
      if (this.single(goals, cands, at) === Flow.Fail) return false;
      if (at.g < goals.length) {
        at.g++;
        at.c++;
      }
      // Smart strictness ignores whatever candidate nodes remain once every goal is matched.
      if (at.g >= goals.length) return true;
      if (at.c >= cands.length) return false;
    }
  }
}

const isEllipsis = (p: PatternNode): boolean => p.t === 'var' && (p.v.k === 'multi' || p.v.k === 'multi-capture');
const ellipsisName = (p: PatternNode): string | null => (p.t === 'var' && p.v.k === 'multi-capture' ? p.v.name : null);
const isTrivial = (p: PatternNode): boolean => p.t === 'leaf' && !p.named;

const enum Flow {
  Continue,
  Fallthrough,
  Return,
  Fail,
}

interface Cursor {
  g: number;
  c: number;
}

// --- rules ---------------------------------------------------------------------------------------

/** Rust regex syntax JS reads differently (or not at all): such a config is left to ast-grep. */
const RUST_ONLY = /\\[AzZpPhHQEbB]|\[\[:|\(\?[a-zA-Z]|\(\?P?</;

/** Rust's Unicode classes spelled as JS Unicode property escapes (usable inside a class too). */
const UNICODE_CLASS: Record<string, string> = {
  d: '\\p{Nd}',
  D: '\\P{Nd}',
  s: '\\p{White_Space}',
  S: '\\P{White_Space}',
  w: '\\p{Alphabetic}\\p{M}\\p{Nd}\\p{Pc}\\p{Join_Control}',
};

/**
 * A Rust regex as a JS one with the same answers on any text: Unicode mode (code points, as Rust reads
 * text), Rust's Unicode `\d`, `\s` and `\w`, and `.` outside a class stands for any character but a
 * line feed (JS's `.` also refuses \r, \u2028 and \u2029).
 */
function compileRegex(source: string): RegExp {
  let flags = 'u';
  let body = source;
  if (body.startsWith('(?i)')) {
    flags += 'i';
    body = body.slice(4);
  }
  if (RUST_ONLY.test(body.replace(/\\\\/g, ''))) throw new Unsupported(`regex ${source}`);
  let out = '';
  let inClass = false;
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (c === '\\') {
      const next = body[i + 1] ?? '';
      i++;
      const cls = UNICODE_CLASS[next];
      if (cls) out += inClass || next !== 'w' ? cls : `[${cls}]`;
      else if (next === 'W') {
        if (inClass) throw new Unsupported(`regex ${source}`);
        out += `[^${UNICODE_CLASS['w']}]`;
      } else out += c + next;
      continue;
    }
    if (c === '[' && !inClass) inClass = true;
    else if (c === ']' && inClass) inClass = false;
    out += c === '.' && !inClass ? '[^\\n]' : c;
  }
  try {
    return new RegExp(out, flags);
  } catch {
    throw new Unsupported(`regex ${source}`);
  }
}

/** ast-grep builds a rule object's parts in this order (atomic, relational, composite). */
const ORDER = ['pattern', 'kind', 'regex', 'inside', 'has', 'all', 'any', 'not'];

function compileRule(grammar: FlatGrammar, value: unknown): Rule {
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new Unsupported('rule is not an object');
  const r = value as Record<string, unknown>;
  for (const k of Object.keys(r)) if (!ORDER.includes(k)) throw new Unsupported(`rule key ${k}`);
  const parts: Rule[] = [];
  for (const key of ORDER) {
    if (!(key in r)) continue;
    const v = r[key];
    if (key === 'pattern') {
      if (typeof v !== 'string') throw new Unsupported('pattern object');
      const p = compilePattern(grammar, v);
      parts.push({ t: 'pattern', p, anchor: anchorOf(p) });
    } else if (key === 'kind') {
      if (typeof v !== 'string') throw new Unsupported('kind');
      const k = grammar.namedKind(v);
      // ast-grep refuses the whole config (the caller skips the rule for this grammar).
      if (k === null) throw new Error(`Invalid Kind: ${v} is not a kind of ${grammar.name}`);
      parts.push({ t: 'kind', key: k });
    } else if (key === 'regex') {
      if (typeof v !== 'string') throw new Unsupported('regex');
      parts.push({ t: 'regex', re: compileRegex(v) });
    } else if (key === 'has' || key === 'inside') {
      const rel = v as Record<string, unknown> | null;
      const stopBy = rel?.['stopBy'] ?? 'neighbor';
      const field = rel?.['field'];
      if (!rel || typeof rel !== 'object' || (stopBy !== 'neighbor' && stopBy !== 'end') || (field !== undefined && typeof field !== 'string')) throw new Unsupported(`${key} form`);
      const { stopBy: _s, field: _f, ...inner } = rel;
      let fieldId = 0;
      if (typeof field === 'string') {
        fieldId = grammar.fieldId(field);
        if (!fieldId) throw new Unsupported(`field ${field}`);
      }
      parts.push({ t: key, rule: compileRule(grammar, inner), end: stopBy === 'end', field: fieldId });
    } else if (key === 'all' || key === 'any') {
      if (!Array.isArray(v)) throw new Unsupported(key);
      const rules = v.map((x) => compileRule(grammar, x));
      if (key === 'all') parts.push({ t: 'all', rules });
      else parts.push(anyRule(rules));
    } else {
      parts.push({ t: 'not', rule: compileRule(grammar, v) });
    }
  }
  if (!parts.length) throw new Unsupported('empty rule');
  return parts.length === 1 ? parts[0]! : { t: 'all', rules: parts };
}

/**
 * An `any` with its branches listed per kind: a node is tried only against the branches that can match
 * its kind (sources and sanitizers are `any`s of ~100 patterns), in their order.
 */
function anyRule(rules: Rule[]): Rule {
  const kinds = rules.map(kindsOf);
  const byKind = new Map<number, Rule[]>();
  for (const set of kinds) for (const k of set ?? []) byKind.set(k, []);
  const unbounded: Rule[] = [];
  rules.forEach((rule, i) => {
    const set = kinds[i];
    if (!set) unbounded.push(rule);
    for (const [k, list] of byKind) if (!set || set.has(k)) list.push(rule);
  });
  return { t: 'any', rules, byKind, unbounded };
}

/** Whether some pattern of the rule has an anchor (a named leaf's text). */
function anchored(rule: Rule): boolean {
  switch (rule.t) {
    case 'pattern':
      return rule.anchor !== '';
    case 'all':
    case 'any':
      return rule.rules.some(anchored);
    case 'not':
    case 'has':
    case 'inside':
      return anchored(rule.rule);
    default:
      return false;
  }
}

/** Kind keys every node the rule can match has (ast-grep's potential_kinds), or null when unbounded. */
function kindsOf(rule: Rule): Set<number> | null {
  switch (rule.t) {
    case 'pattern':
      return rule.p.t === 'var' ? null : new Set([rule.p.key]);
    case 'kind':
      return new Set([rule.key]);
    case 'all':
      for (const r of rule.rules) {
        const k = kindsOf(r);
        if (k) return k;
      }
      return null;
    case 'any':
      return rule.unbounded.length ? null : new Set(rule.byKind.keys());
    default:
      return null;
  }
}

class RuleMatcher {
  private readonly patterns: PatternMatcher;

  constructor(
    private readonly t: FlatTree,
    readonly env: Env,
    extras: Set<number>,
  ) {
    this.patterns = new PatternMatcher(t, env, extras);
  }

  private textAt = -1;
  private textValue = '';

  /** Node i's text; kept for the next call, which is mostly about the same node (an any's branches). */
  private text(i: number): string {
    if (i !== this.textAt) {
      this.textAt = i;
      this.textValue = this.t.text(i);
    }
    return this.textValue;
  }

  evaluate(rule: Rule, i: number): boolean {
    const t = this.t;
    switch (rule.t) {
      case 'pattern': {
        if (rule.anchor && !this.text(i).includes(rule.anchor)) return false;
        const mark = this.env.mark();
        const p = rule.p;
        const ok = p.t === 'var' ? this.patterns.metaVar(p.v, i) : this.patterns.one(p, i) === One.Matched;
        if (!ok) this.env.undo(mark);
        return ok;
      }
      case 'kind':
        return t.named(i) && t.kindKey(i) === rule.key;
      case 'regex':
        return rule.re.test(this.text(i));
      case 'all':
        for (const r of rule.rules) if (!this.evaluate(r, i)) return false;
        return true;
      case 'any':
        // A branch whose matches have other kinds cannot match here.
        for (const branch of rule.byKind.get(t.kindKey(i)) ?? rule.unbounded) {
          const mark = this.env.mark();
          if (this.evaluate(branch, i)) return true;
          this.env.undo(mark);
        }
        return false;
      case 'not': {
        const mark = this.env.mark();
        const out = this.evaluate(rule.rule, i);
        this.env.undo(mark);
        return !out;
      }
      case 'has': {
        // With a field, ast-grep looks at that one child (and, to the end, its whole subtree).
        if (rule.field) {
          const f = t.fieldChild(i, rule.field);
          if (f < 0) return false;
          return rule.end ? this.someIn(rule.rule, f, t.after[f]!) : this.some(rule.rule, f);
        }
        if (rule.end) return this.someIn(rule.rule, i + 1, t.after[i]!);
        for (let c = t.firstChild(i); c >= 0; c = t.next[c]!) if (this.some(rule.rule, c)) return true;
        return false;
      }
      case 'inside': {
        let from = i;
        for (let p = t.parent[i]!; p >= 0; p = rule.end ? t.parent[p]! : -1) {
          // With a field, an ancestor counts only when the node it was reached from is that field of it.
          if (!rule.field || t.fieldChild(p, rule.field) === from) {
            if (this.some(rule.rule, p)) return true;
          }
          from = p;
        }
        return false;
      }
    }
  }

  /** Whether the rule matches node i; a match commits its captures (ast-grep's relational rules). */
  private some(rule: Rule, i: number): boolean {
    const mark = this.env.mark();
    if (this.evaluate(rule, i)) return true;
    this.env.undo(mark);
    return false;
  }

  /** The first node of the index range [from, to) (a subtree in document order) the rule matches. */
  private someIn(rule: Rule, from: number, to: number): boolean {
    for (let i = from; i < to; i++) if (this.some(rule, i)) return true;
    return false;
  }
}

/** One config compiled for one grammar. */
class CompiledConfig {
  constructor(
    private readonly rule: Rule,
    private readonly constraints: Map<string, Rule>,
    /** Kind keys a match can have, or null (any node). */
    readonly kinds: Set<number> | null,
    private readonly extras: Set<number>,
    /**
     * Words a matching node's text must hold (prefilter.ts nodeFilter, from the patterns' and the
     * constraints' anchor words): `$DB.$M($Q)` with M one of a few method names is tried on every call
     * otherwise.
     */
    private readonly words: ((text: string) => boolean) | null,
  ) {}

  /** A matcher for one search over a tree (its captures are reset per candidate). */
  matcher(t: FlatTree): RuleMatcher {
    return new RuleMatcher(t, new Env(), this.extras);
  }

  /** Whether the config matches node i; the captures are left in `m.env`. */
  test(t: FlatTree, m: RuleMatcher, i: number): boolean {
    if (this.kinds && !this.kinds.has(t.kindKey(i))) return false;
    if (this.words && !this.words(t.text(i))) return false;
    const env = m.env;
    env.undo(0);
    if (!m.evaluate(this.rule, i)) return false;
    for (const [name, node] of env.single) {
      const rule = this.constraints.get(name);
      if (!rule) continue;
      const mark = env.mark();
      const ok = m.evaluate(rule, node);
      env.undo(mark);
      if (!ok) return false;
    }
    return true;
  }
}

type Compiled = CompiledConfig | Unsupported | Error;

function compileConfig(grammar: FlatGrammar, config: NapiConfig): Compiled {
  try {
    const c = config as unknown as Record<string, unknown>;
    for (const k of Object.keys(c)) if (k !== 'rule' && k !== 'constraints' && k !== 'language') throw new Unsupported(`config key ${k}`);
    const rule = compileRule(grammar, c['rule']);
    const constraints = new Map<string, Rule>();
    for (const [name, value] of Object.entries((c['constraints'] as Record<string, unknown> | undefined) ?? {})) constraints.set(name, compileRule(grammar, value));
    const extras = new Set([grammar.key('comment', true), grammar.key('html_comment', true)]);
    // Where the patterns have anchors they reject candidates sooner; the words help the anchorless ones.
    return new CompiledConfig(rule, constraints, kindsOf(rule), extras, anchored(rule) ? null : nodeFilter(config));
  } catch (e) {
    return e instanceof Error ? e : new Error(String(e));
  }
}

const byObject = new WeakMap<object, Map<string, Compiled>>();
const byJson = new Map<string, Compiled>();

function compiled(grammar: FlatGrammar, config: NapiConfig): Compiled {
  let perGrammar = byObject.get(config);
  if (!perGrammar) byObject.set(config, (perGrammar = new Map()));
  let c = perGrammar.get(grammar.name);
  if (!c) {
    // Configs built per file (pruned per file text) repeat across files: share by their JSON too.
    const key = `${grammar.name}\u0000${JSON.stringify(config)}`;
    c = byJson.get(key);
    if (!c) byJson.set(key, (c = compileConfig(grammar, config)));
    perGrammar.set(grammar.name, c);
  }
  return c;
}

/** Whether this engine answers `config` on the grammar's files (else ast-grep does, in `fallback`). */
export function modelled(grammar: FlatGrammar, config: NapiConfig): boolean {
  return compiled(grammar, config) instanceof CompiledConfig;
}

/**
 * The nodes of the subtree at `root` (itself included) that `config` matches, in document order, as
 * ast-grep's find (first only) and findAll return them.
 */
export function findInTree(t: FlatTree, root: number, config: NapiConfig, first: boolean): FlatNode[] {
  const c = compiled(t.grammar, config);
  if (c instanceof Unsupported) return fallback(t, root, config, first);
  if (!(c instanceof CompiledConfig)) throw c;
  const out: FlatNode[] = [];
  const end = t.after[root]!;
  const m = c.matcher(t);
  const check = (i: number): boolean => {
    if (!c.test(t, m, i)) return false;
    const { single, multi } = m.env;
    out.push(new FlatNode(t, i, single.size || multi.size ? { single: new Map(single), multi: new Map(multi) } : NO_CAPTURES));
    return first;
  };
  if (!c.kinds) {
    for (let i = root; i < end; i++) if (check(i)) break;
    return out;
  }
  for (const i of candidates(t, c.kinds, root, end)) if (check(i)) break;
  return out;
}

const NO_CAPTURES: Captures = { single: new Map(), multi: new Map() };

/** The nodes in [from, to) whose kind key is in `kinds`, in document order. */
function candidates(t: FlatTree, kinds: Set<number>, from: number, to: number): number[] {
  const out: number[] = [];
  for (const key of kinds) {
    const list = t.ofKind(key);
    for (let k = lowerBound(list, from); k < list.length && list[k]! < to; k++) out.push(list[k]!);
  }
  if (kinds.size > 1) out.sort((a, b) => a - b);
  return out;
}

function lowerBound(list: readonly number[], value: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

// --- fallback: ast-grep on the same source -------------------------------------------------------

const napiRoots = new WeakMap<FlatTree, { root: SgNode; at: Map<string, number> }>();

/** Each ast-grep node's flat index, by range and kind (the outermost when a chain shares both). */
function napiOf(t: FlatTree): { root: SgNode; at: Map<string, number> } {
  let n = napiRoots.get(t);
  if (!n) {
    const at = new Map<string, number>();
    for (let i = 0; i < t.size; i++) {
      const key = `${t.start[i]}:${t.end[i]}:${t.grammar.names[t.kind[i]!]}`;
      if (!at.has(key)) at.set(key, i);
    }
    napiRoots.set(t, (n = { root: parse(t.grammar.name, t.source).root(), at }));
  }
  return n;
}

function indexOf(at: Map<string, number>, node: SgNode): number {
  const r = node.range();
  const i = at.get(`${r.start.index}:${r.end.index}:${node.kind() as string}`);
  if (i === undefined) throw new Error(`ast-grep node ${node.kind() as string} at ${r.start.index} has no flat twin`);
  return i;
}

const META_NAME = /\${1,3}([A-Z_][A-Z0-9_]*)/g;

function fallback(t: FlatTree, root: number, config: NapiConfig, first: boolean): FlatNode[] {
  const { root: napiRoot, at } = napiOf(t);
  const names = new Set([...JSON.stringify(config).matchAll(META_NAME)].map((m) => m[1]!));
  const out: FlatNode[] = [];
  for (const node of napiRoot.findAll(config)) {
    const i = indexOf(at, node);
    if (i < root || i >= t.after[root]!) continue;
    const captures: Captures = { single: new Map(), multi: new Map() };
    for (const name of names) {
      const one = node.getMatch(name);
      if (one) captures.single.set(name, indexOf(at, one));
      const run = node.getMultipleMatches(name);
      if (run.length) captures.multi.set(name, run.map((n) => indexOf(at, n)));
    }
    out.push(new FlatNode(t, i, captures));
    if (first) break;
  }
  return out;
}
