/**
 * Turns loaded rules into ast-grep configs once per process: plain matches, taint sinks (with their
 * focus metavariable), and the source/sanitizer sets (language defaults + the rule's extras), keyed
 * so rules that share the defaults share one TaintAnalyzer per file.
 */
import { parse, type NapiConfig, type SgNode } from '@ast-grep/napi';
import { ensureLanguages, type RuleLanguage } from './languages.js';
import type { AstRule, CodeRule } from './rule-schema.js';
import type { LoadedRule } from './rules.js';
import { SANITIZERS, SOURCES } from './taint/sources.js';
import { configFilter, prefilterOf } from './prefilter.js';
import { textTest, type TextTest } from './text-test.js';

export interface CompiledSink {
  config: NapiConfig;
  focus?: string;
}

export interface CompiledRule {
  rule: CodeRule;
  family: RuleLanguage;
  match?: NapiConfig;
  sinks?: CompiledSink[];
  /** Key of the source+sanitizer set: rules with the same key share a TaintAnalyzer. */
  taintKey?: string;
  sources?: NapiConfig;
  sanitizers?: NapiConfig;
  control?: { app: NapiConfig; present: NapiConfig; requires?: NapiConfig };
  /** Text prefilters of `control.present` / `control.requires`: no anchor word in the file, no search. */
  controlFilters?: { present: TextTest | null; requires: TextTest | null };
  /** Skip the rule on files whose text does not match (see prefilter.ts). */
  prefilter?: TextTest | null;
}

const OPTIONAL_REST = /,\s*\$\$\$\)/g;

const ASCII: Record<string, string> = { w: '0-9A-Za-z_', d: '0-9', s: ' \\t\\r\\n' };

/**
 * ast-grep compiles a rule's regexes on every search, and Unicode `\w`/`\s`/`\d` classes are costly to
 * compile in Rust's regex crate; code is ASCII where it matters, so rewrite them as ASCII classes.
 */
export function asciiRegex(source: string): string {
  // `(?i)` means Unicode case folding, also slow to compile: spell ASCII letters as [xX] instead.
  const fold = source.startsWith('(?i)') && !/\[[^\]]*[A-Za-z]/.test(source.replace(/\\./g, ''));
  if (fold) source = source.slice(4);
  let out = '';
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    if (c === '\\' && i + 1 < source.length) {
      const next = source[i + 1]!;
      const ascii = ASCII[next];
      out += ascii ? (inClass ? ascii : `[${ascii}]`) : c + next;
      i++;
      continue;
    }
    if (c === '[' && !inClass) inClass = true;
    else if (c === ']' && inClass) inClass = false;
    // Capture groups cost compile time and ast-grep only asks whether the text matches: `(` → `(?:`.
    else if (c === '(' && !inClass && source[i + 1] !== '?') {
      out += '(?:';
      continue;
    }
    out += fold && !inClass && /[A-Za-z]/.test(c) ? `[${c.toLowerCase()}${c.toUpperCase()}]` : c;
  }
  return out;
}

/**
 * ast-grep's `f($A, $$$)` does not match `f(a)`. Rule authors write the natural form and this
 * expands it into both shapes, in every nested rule object.
 */
export function expandPatterns(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(expandPatterns);
  if (!value || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    if (k === 'regex' && typeof v === 'string') out[k] = asciiRegex(v);
    else out[k] = k === 'constraints' ? expandPatterns(v) : expandPatterns(v);
  }
  const pattern = out['pattern'];
  if (typeof pattern === 'string' && /,\s*\$\$\$\)/.test(pattern)) {
    delete out['pattern'];
    const alternatives = { any: [{ pattern }, { pattern: pattern.replace(OPTIONAL_REST, ')') }] };
    if (out['any']) return { all: [alternatives, out] };
    Object.assign(out, alternatives);
  }
  return out;
}

/**
 * Go snippets such as `db.Query($Q)` or `r.FormValue($$$)` are not valid Go on their own (tree-sitter
 * reads them as type conversions), so ast-grep finds nothing. Each Go pattern becomes a pattern
 * object with a function-body context and, as selector, the kind of the node the snippet parses to.
 */
function goPattern(pattern: string): unknown {
  ensureLanguages();
  const context = `func _() {\n${pattern}\n}`;
  const want = pattern.trim().replace(/\$/g, 'µ');
  const body = parse('go', context.replace(/\$/g, 'µ')).root().find({ rule: { kind: 'block' } });
  let found: SgNode | null = null;
  const walk = (node: SgNode): void => {
    for (const child of node.namedChildren()) {
      if (child.text() === want) found = child;
      walk(child);
    }
  };
  if (body) walk(body);
  const kind = (found as SgNode | null)?.kind();
  return kind && kind !== 'ERROR' ? { context, selector: kind } : pattern;
}

function goPatterns(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(goPatterns);
  if (!value || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = k === 'pattern' && typeof v === 'string' ? goPattern(v) : goPatterns(v);
  return out;
}

/**
 * PHP snippets need the `<?php` tag to parse at all; like Go, each becomes a pattern object with that
 * context and the kind of the snippet's node (or of its statement, for `echo $X`) as selector.
 */
function phpPattern(pattern: string): unknown {
  ensureLanguages();
  const want = pattern.trim();
  const context = `<?php ${want};`;
  let found: SgNode | null = null;
  let statement: SgNode | null = null;
  const walk = (node: SgNode): void => {
    for (const child of node.namedChildren()) {
      if (child.text() === want) found = child;
      else if (child.text() === `${want};`) statement = child;
      walk(child);
    }
  };
  walk(parse('php', context).root());
  const kind = ((found ?? statement) as SgNode | null)?.kind();
  return kind && kind !== 'ERROR' ? { context, selector: kind } : pattern;
}

function mapPatterns(value: unknown, f: (pattern: string) => unknown): unknown {
  if (Array.isArray(value)) return value.map((v) => mapPatterns(v, f));
  if (!value || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = k === 'pattern' && typeof v === 'string' ? f(v) : mapPatterns(v, f);
  return out;
}

/** expandPatterns, plus the Go / PHP pattern objects for those families. */
export function expandFor(value: unknown, family?: RuleLanguage): unknown {
  const expanded = expandPatterns(value);
  if (family === 'php') return mapPatterns(expanded, phpPattern);
  return family === 'go' ? goPatterns(expanded) : expanded;
}

/** `{ any: [...] }` of rules, hoisting each one's `constraints` to the config (ast-grep's shape). */
export function anyOf(rules: AstRule[], family?: RuleLanguage): NapiConfig {
  const constraints: Record<string, unknown> = {};
  const parts = (expandFor(rules, family) as AstRule[]).map((r) => {
    const { constraints: c, ...rest } = r as AstRule & { constraints?: Record<string, unknown> };
    if (c) Object.assign(constraints, c);
    return rest;
  });
  return { rule: { any: parts }, ...(Object.keys(constraints).length ? { constraints } : {}) } as NapiConfig;
}

export function compileRule(loaded: LoadedRule): CompiledRule {
  const { family } = loaded;
  const rule = { ...loaded.rule, ...(expandFor({ match: loaded.rule.match, taint: loaded.rule.taint, control: loaded.rule.control }, family) as Pick<CodeRule, 'match' | 'taint' | 'control'>) };
  const out: CompiledRule = { rule, family };
  if (rule.match) out.match = { rule: rule.match.rule, ...(rule.match.constraints ? { constraints: rule.match.constraints } : {}) } as NapiConfig;
  if (rule.taint) {
    out.sinks = rule.taint.sinks.map((s) => ({
      config: { rule: s.rule, ...(s.constraints ? { constraints: s.constraints } : {}) } as NapiConfig,
      ...(s.focus ? { focus: s.focus } : {}),
    }));
    out.sources = anyOf([...SOURCES[family], ...loaded.rule.taint!.sources], family);
    out.sanitizers = anyOf([...SANITIZERS[family], ...loaded.rule.taint!.sanitizers], family);
    out.taintKey = JSON.stringify([rule.taint.sources, rule.taint.sanitizers]);
  }
  if (rule.control) {
    out.control = {
      app: { rule: rule.control.app.rule, ...(rule.control.app.constraints ? { constraints: rule.control.app.constraints } : {}) } as NapiConfig,
      present: anyOf(loaded.rule.control!.present, family),
      ...(loaded.rule.control!.requires ? { requires: anyOf(loaded.rule.control!.requires, family) } : {}),
    };
  }
  if (out.control) out.controlFilters = { present: configFilter(out.control.present), requires: out.control.requires ? configFilter(out.control.requires) : null };
  const pf = loaded.rule.prefilter;
  out.prefilter = pf ? textTest(pf) : prefilterOf(out);
  return out;
}
