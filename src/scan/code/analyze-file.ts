/**
 * Runs every rule of a language over one parsed file (one tree, all rules): plain matches, taint
 * sinks, same-file function summaries, and what the cross-file pass and the missing-controls pass
 * need (exported summaries, calls into imported functions with request data, app creations).
 */
import type { NapiConfig } from '@ast-grep/napi';
import type { CodeNode } from './code-node.js';
import { anyOf, type CompiledRule } from './compile.js';
import { SANITIZERS, SOURCES } from './taint/sources.js';
import { imports, type ImportBinding } from './imports.js';
import { pruneFor } from './prefilter.js';
import { FileText } from './text-test.js';
import { FlatNode } from './flat/tree.js';
import { mergeable, emptySearches, matchKind, textFilter } from './merge-search.js';
import { CALL_KIND, functionName, TaintAnalyzer, union, type FunctionSummary, type Labels } from './taint/engine.js';
import { languageOf, type RuleLanguage } from './languages.js';
import { FileStructure } from './taint/structure.js';
import { KindIndex } from './taint/kind-index.js';

export interface Hit {
  rule: CompiledRule;
  file: string;
  /** Serialised at once: holding an CodeNode would keep the file's whole tree alive. */
  node: SerializedNode;
  note?: string;
}

/** A node kept after its tree is dropped (cross-file summaries). */
export interface SerializedNode {
  text: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export interface ExportedSink {
  param: number;
  rule: CompiledRule;
  node: SerializedNode;
}

export interface PendingCall {
  file: string;
  binding: ImportBinding;
  /** Argument positions carrying request data. */
  taintedArgs: number[];
  line: number;
}

export interface FileResult {
  hits: Hit[];
  exported: Map<string, ExportedSink[]>;
  pending: PendingCall[];
  apps: Array<{ rule: CompiledRule; node: SerializedNode }>;
  present: Set<string>;
  requires: Set<string>;
  /** Rules that failed on this file (a bug in a rule, reported as a scan problem). */
  errors: string[];
}

export function serialize(node: CodeNode): SerializedNode {
  const r = node.range();
  return { text: node.text(), line: r.start.line + 1, column: r.start.column + 1, endLine: r.end.line + 1, endColumn: r.end.column + 1 };
}

function focusNodes(match: CodeNode, focus: string | undefined): CodeNode[] {
  // Without a focus, a matched call is checked on its arguments (the call's own result is not the data).
  if (!focus) return [match.field('arguments') ?? match];
  if (focus.startsWith('$$$')) return match.getMultipleMatches(focus.slice(3)).filter((n) => n.isNamed());
  const n = match.getMatch(focus.slice(1));
  return n ? [n] : [];
}

const keys = new WeakMap<NapiConfig, string>();
function keyOf(config: NapiConfig): string {
  let key = keys.get(config);
  if (key === undefined) keys.set(config, (key = JSON.stringify(config)));
  return key;
}

/** Above this many candidate nodes, one search of the whole tree costs less (each check compiles the config). */
const MAX_CANDIDATES = 2;

/** A search that matches nothing (every alternative pruned). */
const NOTHING = { rule: { any: [] } } as unknown as NapiConfig;

/** The language's default source and sanitizer sets, expanded once per process. */
const DEFAULTS = new Map<RuleLanguage, { sources: NapiConfig; sanitizers: NapiConfig }>();
function defaults(language: RuleLanguage): { sources: NapiConfig; sanitizers: NapiConfig } {
  let d = DEFAULTS.get(language);
  if (!d) DEFAULTS.set(language, (d = { sources: anyOf(SOURCES[language], language), sanitizers: anyOf(SANITIZERS[language], language) }));
  return d;
}

function argsOf(call: CodeNode): CodeNode[] {
  return (call.field('arguments')?.namedChildren() ?? []).filter((a) => a.kind() !== 'comment').map((a) => a.field('value') ?? a);
}

export function analyzeFile(root: CodeNode, file: string, language: RuleLanguage, rules: CompiledRule[]): FileResult {
  const result: FileResult = { hits: [], exported: new Map(), pending: [], apps: [], present: new Set(), requires: new Set(), errors: [] };
  const analyzers = new Map<string, TaintAnalyzer>();
  const localSinks = new Map<string, FunctionSummary['sinks']>();
  const summaryCache = new Map<string, FunctionSummary | null>();
  let base: TaintAnalyzer | null = null;
  let structure: FileStructure | undefined;
  const text = root.text();
  const fileText = new FileText(text);
  const index = new KindIndex(root, language, text.includes('require'));

  const analyzer = (rule: CompiledRule): TaintAnalyzer => {
    const key = rule.taintKey ?? '';
    let a = analyzers.get(key);
    if (!a) {
      structure ??= new FileStructure(root, language, functionName, index);
      a = new TaintAnalyzer(root, language, prune(rule.sources ?? defaults(language).sources), prune(rule.sanitizers ?? defaults(language).sanitizers), structure);
      const self = a;
      // Same-file summaries: which parameters of a local function reach its return value.
      a.summaries = (name) => {
        if (summaryCache.has(name)) return summaryCache.get(name) ?? null;
        summaryCache.set(name, null); // recursion guard
        const fn = self.functions.get(name);
        self.summaryDepth++;
        try {
          const summary = fn ? { name, params: self.params(fn), returns: self.returnParams(fn), sinks: [] } : null;
          summaryCache.set(name, summary);
          return summary;
        } finally {
          self.summaryDepth--;
        }
      };
      analyzers.set(key, a);
      base ??= a;
    }
    return a;
  };

  const prune = (config: NapiConfig): NapiConfig => pruneFor(config, fileText) ?? NOTHING;
  // Every alternative pruned: no native call at all (each call compiles its config). Rules often share a
  // search (the same app creation for every missing-control rule): one tree walk per distinct config.
  const searched = new Map<string, CodeNode[]>();
  const grammar = languageOf(file)?.grammar;
  // byCandidate and emptySearches save native searches; on a flat tree a search is cheap, and they cost more than they save.
  const native = !(root instanceof FlatNode);
  /**
   * A search whose matches all have one kind the shared walk collected (merge-search.ts matchKind) and
   * whose needed words occur in at most one node of that kind: that node alone is checked (its own
   * subtree's search, whose first match is the node itself when it matches), skipping the tree walk.
   */
  const byCandidate = (key: string, config: NapiConfig): CodeNode[] | null => {
    const kind = grammar ? matchKind(grammar, key, config) : null;
    const filter = kind && index.covers(kind) ? textFilter(key, config) : null;
    if (!kind || !filter) return null;
    const candidates: CodeNode[] = [];
    for (const n of index.select([kind])) {
      if (!filter(index.textOf(n))) continue;
      if (candidates.length === MAX_CANDIDATES) return null;
      candidates.push(n.node);
    }
    const out: CodeNode[] = [];
    for (const c of candidates) {
      const m = c.find(config);
      if (m && m.id() === c.id()) out.push(m);
    }
    return out;
  };
  const findAll = (config: NapiConfig): CodeNode[] => {
    if (config === NOTHING) return [];
    const key = keyOf(config);
    let nodes = searched.get(key);
    if (!nodes) searched.set(key, (nodes = (native ? byCandidate(key, config) : null) ?? root.findAll(config)));
    return nodes;
  };
  const find = (config: NapiConfig): CodeNode | null => (config === NOTHING ? null : root.find(config));
  // Searches the rules below will ask for that one shared walk shows to find nothing (merge-search.ts).
  const plain = new Map<string, NapiConfig>();
  const want = (config: NapiConfig): void => {
    if (config !== NOTHING && mergeable(keyOf(config), config)) plain.set(keyOf(config), config);
  };
  for (const rule of native ? rules : []) {
    if (rule.prefilter && !rule.prefilter.testFile(fileText)) continue;
    if (rule.match) want(prune(rule.match));
    if (rule.control) want(prune(rule.control.app));
    for (const sink of rule.sinks ?? []) want(prune(sink.config));
  }
  if (native) for (const key of emptySearches(root, file.slice(file.lastIndexOf('.')), plain)) searched.set(key, []);
  for (const rule of rules) {
    // Controls must record `present` in every file, so only their app search is prefiltered.
    if (rule.prefilter && !rule.control && !rule.prefilter.testFile(fileText)) continue;
    try {
      runRule(rule);
    } catch (cause) {
      // A kind the grammar lacks (jsx_attribute in .ts): the rule does not apply to this file.
      if (!/Invalid Kind/.test(String(cause))) result.errors.push(`${rule.rule.id}: ${String(cause)}`);
    }
  }

  function runRule(rule: CompiledRule): void {
    if (rule.match) {
      for (const node of findAll(prune(rule.match))) result.hits.push({ rule, file, node: serialize(node) });
    }
    if (rule.control) {
      if (!rule.prefilter || rule.prefilter.testFile(fileText)) for (const node of findAll(prune(rule.control.app))) result.apps.push({ rule, node: serialize(node) });
      const filters = rule.controlFilters;
      if ((!filters?.present || filters.present.testFile(fileText)) && find(prune(rule.control.present))) result.present.add(rule.rule.id);
      if (rule.control.requires && (!filters?.requires || filters.requires.testFile(fileText)) && find(prune(rule.control.requires))) result.requires.add(rule.rule.id);
    }
    for (const sink of rule.sinks ?? []) {
      const matches = findAll(prune(sink.config));
      if (!matches.length) continue;
      const a = analyzer(rule);
      for (const match of matches) {
        let labels: Labels = new Set();
        for (const f of focusNodes(match, sink.focus)) labels = union(labels, a.labelsAt(f));
        if (labels.has('src')) {
          result.hits.push({ rule, file, node: serialize(match) });
          continue;
        }
        const scope = a.scopeOf(match);
        const name = scope.id() === root.id() ? null : functionName(scope);
        if (!name) continue;
        for (const label of labels) {
          if (!label.startsWith('p')) continue;
          const list = localSinks.get(name) ?? [];
          list.push({ param: Number(label.slice(1)), ruleId: rule.rule.id, node: match });
          localSinks.set(name, list);
          const exported = result.exported.get(name) ?? [];
          exported.push({ param: Number(label.slice(1)), rule, node: serialize(match) });
          result.exported.set(name, exported);
        }
      }
    }
  }

  // Same file: request data passed to a local function whose parameter reaches a sink.
  const bindings = imports(root, language, index);
  if (!localSinks.size && !bindings.size) return result;
  const a: TaintAnalyzer = base ?? analyzer(rules.find((r) => r.taintKey !== undefined) ?? rules[0]!);
  const byId = new Map(rules.map((r) => [r.rule.id, r]));
  for (const { node: call } of index.select([CALL_KIND[language]])) {
    // Java `helper(x)`: a method_invocation with a name and no receiver.
    const callee = call.field('function') ?? (language === 'java' && !call.field('object') ? call.field('name') : null);
    if (!callee) continue;
    const name = callee.text();
    const sinks = localSinks.get(name);
    const binding = bindings.get(name);
    if (!sinks && !binding) continue;
    const args = argsOf(call);
    const tainted = args.map((arg, i) => (a.labelsAt(arg).has('src') ? i : -1)).filter((i) => i >= 0);
    if (!tainted.length) continue;
    for (const s of sinks ?? []) {
      const rule = byId.get(s.ruleId);
      if (rule && tainted.includes(s.param)) result.hits.push({ rule, file, node: serialize(s.node), note: `request data passed to ${name}() at line ${call.range().start.line + 1}` });
    }
    if (binding) result.pending.push({ file, binding, taintedArgs: tainted, line: call.range().start.line + 1 });
  }
  return result;
}
