/**
 * One file through the scanner (parse, every rule of its language), as a plain outcome that can cross
 * a thread boundary: rules travel as ids and are looked up again on the receiving side. The scan loop
 * (scan.ts) and the worker threads (worker.ts) both call runFile, so a file gives the same outcome
 * whichever thread analysed it.
 */
import { analyzeFile, type FileResult, type SerializedNode } from './analyze-file.js';
import { compileRule, type CompiledRule } from './compile.js';
import { ensureLanguages, languageOf, type LanguageInfo, type RuleLanguage } from './languages.js';
import { loadRulesOf } from './rules.js';
import type { ImportBinding } from './imports.js';
import type { CodeNode } from './code-node.js';
import { flatArraysOf, parseSource } from './parse-source.js';
import type { FlatArrays } from './flat/tree.js';

const compiled = new Map<RuleLanguage, CompiledRule[]>();
const byId = new Map<RuleLanguage, Map<string, CompiledRule>>();

/** The compiled rules of one family, built on first use (a JS-only repository never loads the Go rules). */
export function compiledRulesOf(family: RuleLanguage): CompiledRule[] {
  let list = compiled.get(family);
  if (!list) compiled.set(family, (list = loadRulesOf(family).map(compileRule)));
  return list;
}

function ruleById(family: RuleLanguage, id: string): CompiledRule {
  let map = byId.get(family);
  if (!map) byId.set(family, (map = new Map(compiledRulesOf(family).map((r) => [r.rule.id, r]))));
  const rule = map.get(id);
  if (!rule) throw new Error(`unknown code rule ${id}`);
  return rule;
}

/** Minified or generated: very long lines. */
function looksMinified(text: string): boolean {
  if (text.length < 5000) return false;
  const lines = text.split('\n', 50);
  return lines.some((l) => l.length > 1000);
}

export type Outcome =
  | { kind: 'skipped' }
  | { kind: 'parse-error'; message: string }
  | { kind: 'failed'; message: string }
  | { kind: 'done'; family: RuleLanguage; result: FileResult };

/** The language of a file runFile analyses, or null for one it skips (unknown language, unreadable, minified). */
function analysable(file: string, text: string | null): { info: LanguageInfo; text: string } | null {
  const info = languageOf(file);
  return info && text !== null && !looksMinified(text) ? { info, text } : null;
}

/** `parsed`: the file's flat tree arrays when another thread parsed it (see `parseAhead`). */
export function runFile(file: string, source: string | null, parsed?: FlatArrays): Outcome {
  ensureLanguages();
  const target = analysable(file, source);
  if (!target) return { kind: 'skipped' };
  const { info, text } = target;
  let root: CodeNode;
  try {
    root = parseSource(info.grammar, text, parsed);
  } catch (cause) {
    return { kind: 'parse-error', message: `could not parse: ${String(cause)}` };
  }
  try {
    return { kind: 'done', family: info.family, result: analyzeFile(root, file, info.family, compiledRulesOf(info.family)) };
  } catch (cause) {
    return { kind: 'failed', message: String(cause) };
  }
}

/**
 * The flat tree of a file that runFile would parse, made on this thread for another one to analyse,
 * or undefined (not parsed here: that thread parses it, and reports what runFile reports).
 */
export function parseAhead(file: string, source: string | null): FlatArrays | undefined {
  const target = analysable(file, source);
  return (target && flatArraysOf(target.info.grammar, target.text)) ?? undefined;
}

/** A FileResult with rule ids in place of compiled rules (structured-clone friendly). */
interface WireResult {
  hits: Array<{ rule: string; file: string; node: SerializedNode; note?: string }>;
  exported: Array<[string, Array<{ param: number; rule: string; node: SerializedNode }>]>;
  pending: Array<{ file: string; binding: ImportBinding; taintedArgs: number[]; line: number }>;
  apps: Array<{ rule: string; node: SerializedNode }>;
  present: string[];
  requires: string[];
  errors: string[];
}

export type WireOutcome = Exclude<Outcome, { kind: 'done' }> | { kind: 'done'; family: RuleLanguage; result: WireResult };

export function toWire(outcome: Outcome): WireOutcome {
  if (outcome.kind !== 'done') return outcome;
  const r = outcome.result;
  return {
    kind: 'done',
    family: outcome.family,
    result: {
      hits: r.hits.map((h) => ({ ...h, rule: h.rule.rule.id })),
      exported: [...r.exported].map(([name, list]) => [name, list.map((s) => ({ ...s, rule: s.rule.rule.id }))]),
      pending: r.pending,
      apps: r.apps.map((a) => ({ ...a, rule: a.rule.rule.id })),
      present: [...r.present],
      requires: [...r.requires],
      errors: r.errors,
    },
  };
}

export function fromWire(outcome: WireOutcome): Outcome {
  if (outcome.kind !== 'done') return outcome;
  const { family, result: r } = outcome;
  const rule = (id: string): CompiledRule => ruleById(family, id);
  return {
    kind: 'done',
    family,
    result: {
      hits: r.hits.map((h) => ({ ...h, rule: rule(h.rule) })),
      exported: new Map(r.exported.map(([name, list]) => [name, list.map((s) => ({ ...s, rule: rule(s.rule) }))])),
      pending: r.pending,
      apps: r.apps.map((a) => ({ ...a, rule: rule(a.rule) })),
      present: new Set(r.present),
      requires: new Set(r.requires),
      errors: r.errors,
    },
  };
}
