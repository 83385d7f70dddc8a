/**
 * What taint analysis needs from one file that does not depend on a rule's sources or sanitizers:
 * the functions (scopes) with their byte ranges, and the state-changing statements ("events") of each
 * scope in document order. Built once per file and shared by every TaintAnalyzer of that file.
 * Scopes are resolved from byte ranges in JS: walking parent() through N-API costs ~10 µs a level,
 * and every event, sink and return statement needs its scope.
 */
import type { CodeNode } from '../code-node.js';
import type { RuleLanguage } from '../languages.js';
import type { KindIndex } from './kind-index.js';

/** Kinds valid per grammar (ast-grep rejects a kind its grammar does not have). */
export const LANG_KINDS: Record<RuleLanguage, { events: string[]; functions: string[] }> = {
  javascript: {
    events: ['variable_declarator', 'assignment_expression', 'augmented_assignment_expression', 'for_in_statement', 'if_statement'],
    functions: ['function_declaration', 'function_expression', 'arrow_function', 'method_definition', 'generator_function_declaration', 'generator_function'],
  },
  python: { events: ['assignment', 'augmented_assignment', 'for_statement', 'if_statement'], functions: ['function_definition', 'lambda'] },
  // Go: `:=`, `=`, `var x = …`, range loops, guards, and calls that fill an out-parameter (see OUT_PARAM).
  go: {
    events: ['short_var_declaration', 'assignment_statement', 'var_spec', 'range_clause', 'if_statement', 'call_expression'],
    functions: ['function_declaration', 'method_declaration', 'func_literal'],
  },
  // Java: declarators, `=`/`+=`, guards, and builder calls (`sb.append(x)` taints sb).
  java: {
    events: ['variable_declarator', 'assignment_expression', 'if_statement', 'method_invocation'],
    functions: ['method_declaration', 'constructor_declaration', 'lambda_expression'],
  },
  php: {
    events: ['assignment_expression', 'augmented_assignment_expression', 'if_statement'],
    functions: ['function_definition', 'method_declaration', 'anonymous_function', 'arrow_function'],
  },
};

export interface Span {
  start: number;
  end: number;
  node: CodeNode;
  /** The node's kind, read once (each kind() is a native call). */
  kind: string;
}

export interface Scope extends Span {
  id: number;
}

export class FileStructure {
  readonly rootId: number;
  /** Every function of the file, in document order. */
  readonly functions: Scope[] = [];
  readonly scopeById = new Map<number, Scope>();
  /** Events by the id of their scope (the root's id for module level), in document order. */
  readonly events = new Map<number, Span[]>();
  /** Parameter names by function id (see TaintAnalyzer.params). */
  readonly params = new Map<number, string[]>();
  private names: Map<string, CodeNode> | null = null;

  constructor(
    readonly root: CodeNode,
    readonly language: RuleLanguage,
    private readonly nameOf: (fn: CodeNode) => string | null,
    index: KindIndex,
  ) {
    this.rootId = root.id();
    for (const { node, kind } of index.select(LANG_KINDS[language].functions)) {
      const r = node.range();
      const scope = { id: node.id(), start: r.start.index, end: r.end.index, node, kind };
      this.functions.push(scope);
      this.scopeById.set(scope.id, scope);
    }
    for (const { node, kind } of index.select(LANG_KINDS[language].events)) {
      const r = node.range();
      const id = this.enclosing(r.start.index, r.end.index)?.id ?? this.rootId;
      const list = this.events.get(id) ?? [];
      list.push({ start: r.start.index, end: r.end.index, node, kind });
      this.events.set(id, list);
    }
  }

  /**
   * The innermost function enclosing the node spanning [start, end), or null at module level. A function
   * with exactly that span is the node itself (or a wrapper of it, such as an expression statement),
   * never its scope: a function always has children besides its whole extent.
   */
  enclosing(start: number, end: number): Scope | null {
    let best: Scope | null = null;
    for (const fn of this.functions) {
      if (fn.start > start) break;
      if (end > fn.end || (fn.start === start && fn.end === end)) continue;
      if (!best || fn.end - fn.start <= best.end - best.start) best = fn;
    }
    return best;
  }

  /** Local function definitions by name (the first one wins), for same-file summaries. */
  get byName(): Map<string, CodeNode> {
    if (this.names) return this.names;
    this.names = new Map();
    for (const fn of this.functions) {
      const name = this.nameOf(fn.node);
      if (name && !this.names.has(name)) this.names.set(name, fn.node);
    }
    return this.names;
  }
}
