/**
 * Intra-procedural taint tracking over one ast-grep tree. Every function (and the module) is a
 * scope; its state maps variable names to labels ('src' = request data, 'p0'…'pN' = the scope's
 * own parameters, used for function summaries). Assignments, destructuring, augmented assignments,
 * for-of loops and early-exit guards are replayed in source order, so a later `id = parseInt(id)`
 * or `if (!ALLOWED.includes(x)) return` cleans the value from that point on. Nested functions start
 * from their parent's state at their definition (closures).
 */
import type { NapiConfig } from '@ast-grep/napi';
import type { CodeNode } from '../code-node.js';
import type { RuleLanguage } from '../languages.js';
import { ARGUMENT_METHODS, NON_DATA_PARAMS, OO_PROPAGATING, PROPAGATING_FUNCTIONS, RECEIVER_METHODS } from './sources.js';
import type { FileStructure, Span } from './structure.js';

export type Labels = ReadonlySet<string>;
type State = Map<string, Labels>;

const EMPTY: Labels = new Set();
const SRC: Labels = new Set(['src']);

export const FUNCTION_KINDS = new Set([
  'function_declaration', 'function_expression', 'arrow_function', 'method_definition', 'generator_function_declaration',
  'generator_function', 'function_definition', 'lambda', 'method_declaration', 'func_literal',
  // Java, PHP
  'constructor_declaration', 'lambda_expression', 'anonymous_function',
]);
export const CALL_KIND: Record<RuleLanguage, string> = {
  javascript: 'call_expression', python: 'call', go: 'call_expression', java: 'method_invocation', php: 'function_call_expression',
};
/** Java/PHP calls name their method in `name` (and receiver in `object`/`scope`), not in `function`. */
const OO_CALL_KINDS = new Set(['method_invocation', 'member_call_expression', 'scoped_call_expression', 'nullsafe_member_call_expression']);
const CALL_KINDS = new Set(['call_expression', 'call', 'function_call_expression', ...OO_CALL_KINDS]);
const MEMBER_KINDS = new Set(['member_expression', 'attribute', 'selector_expression', 'field_access', 'member_access_expression']);
const SUBSCRIPT_KINDS = new Set(['subscript_expression', 'subscript', 'index_expression', 'slice_expression', 'array_access']);
/** Java builder calls whose receiver collects the argument's taint. */
const JAVA_BUILDER = /^(append|insert|add|addAll|put|putAll|write|print|println)$/;
/** Spring MVC parameter annotations that bind request data. */
const SPRING_PARAM = /@(RequestParam|PathVariable|RequestHeader|RequestBody|CookieValue|ModelAttribute|MatrixVariable|RequestPart)\b/;
const JAVA_SAFE_TYPES = /^(int|long|short|byte|double|float|boolean|Integer|Long|Short|Double|Float|Boolean|BigDecimal|BigInteger|UUID|LocalDate|LocalDateTime|Instant)$/;
const SPRING_MAPPING = /@(Get|Post|Put|Delete|Patch|Request)Mapping\b/;
const OPAQUE_KINDS = new Set([...FUNCTION_KINDS, 'comment', 'string_fragment', 'string_content', 'number', 'integer', 'float', 'type_annotation', 'type',
  'interpreted_string_literal', 'raw_string_literal', 'int_literal', 'float_literal', 'rune_literal', 'type_identifier', 'field_identifier',
  'modifiers', 'annotation', 'marker_annotation', 'class_literal', 'decimal_integer_literal', 'character_literal']);
const GUARD = /\b(url_has_allowed_host_and_scheme|is_safe_url|includes|has|indexOf|test|match|fullmatch|startsWith|startswith|isValid\w*|is_valid\w*|validate\w*|isdigit|isalnum|isnumeric|isInteger|isSafeInteger|HasPrefix|HasSuffix|Contains|ContainsAny|MatchString|IsValid\w*|Validate\w*|IsLocal|contains|containsKey|matches|equals|equalsIgnoreCase|in_array|array_key_exists|preg_match|ctype_digit|ctype_alnum|is_numeric|is_int)\s*\(|\bnot\s+in\b|\bin\s+[A-Z_a-z][\w.]*\s*[):]?|\b(===?|!==?)\s*['"]|(^|[^\w.])!?ok\b|\b\w*([Aa]llow|[Vv]alid|[Pp]ermit|[Ss]afe|[Ww]hitelist)\w*\[/;
/**
 * Go calls that write request data into their pointer argument: `json.NewDecoder(r.Body).Decode(&u)`,
 * `json.Unmarshal(body, &u)`, gin/echo `c.ShouldBindJSON(&u)` / `c.Bind(&u)`, fiber `c.BodyParser(&u)`,
 * and string builders (`sb.WriteString(x)` taints sb).
 */
const OUT_PARAM = /(^|\.)(Decode|Unmarshal|ShouldBind\w*|Bind\w*|BodyParser|QueryParser|ParamsParser|ReqHeaderParser|Scan)$/;
const BUILDER = /^(WriteString|WriteByte|WriteRune|Write)$/;
const EXIT = /^\s*(return|throw|raise|abort|continue|break)\b|\b(return|throw|raise|abort\(|continue|break|exit|die)\b/;
const ROUTE_DECORATOR = /^@\w+(\.\w+)*\.(get|post|put|delete|patch|route|api_route|websocket|head|options)\(/;
const NEST_DECORATOR = /^@(Body|Query|Param|Headers|Req|Request|UploadedFile|Cookies)\(/;

export interface FunctionSummary {
  name: string;
  params: string[];
  /** Parameters whose taint reaches the return value. */
  returns: Set<number>;
  /** Parameters that reach a sink: rule id and the sink's node. */
  sinks: Array<{ param: number; ruleId: string; node: CodeNode }>;
}

/** Resolves a called name to a summary (same file or one imported module level). */
export type SummaryLookup = (callee: string) => FunctionSummary | null;

export class TaintAnalyzer {
  private readonly sourceIds: Set<number>;
  private readonly sanitizerIds: Set<number>;
  private readonly stateCache = new Map<string, State>();
  /** Per scope id: states after its first `applied` events (see stateBefore). */
  private readonly prefixes = new Map<number, Array<{ applied: number; state: State }>>();
  /** Function summaries being computed right now (analyze-file's lookup counts them). */
  summaryDepth = 0;
  /** Functions and events of the file, shared by the analyzers of one file (see structure.ts). */
  readonly structure: FileStructure;
  summaries: SummaryLookup = () => null;

  constructor(
    private readonly root: CodeNode,
    readonly language: RuleLanguage,
    sources: NapiConfig,
    sanitizers: NapiConfig,
    structure: FileStructure,
  ) {
    this.sourceIds = new Set(root.findAll(sources).map((n) => n.id()));
    this.sanitizerIds = new Set(root.findAll(sanitizers).map((n) => n.id()));
    this.structure = structure;
  }

  /** Local function definitions by name, for same-file summaries. */
  get functions(): Map<string, CodeNode> {
    return this.structure.byName;
  }

  /** The nearest enclosing function (or the module root). */
  scopeOf(node: CodeNode): CodeNode {
    const r = node.range();
    return this.structure.enclosing(r.start.index, r.end.index)?.node ?? this.root;
  }

  /** Parameter names of a function, in order (destructured parameters share their index). */
  params(fn: CodeNode): string[] {
    const cached = this.structure.params.get(fn.id());
    if (cached) return cached;
    const list = fn.field('parameters') ?? fn.field('parameter');
    const names: string[] = [];
    if (list) {
      const items = list.kind().toString() === 'identifier' ? [list] : list.namedChildren().filter((c) => c.kind().toString() !== 'comment');
      for (const p of items) {
        const own = p.fieldChildren('name');
        // Go `(a, b string)`: one declaration, two positional parameters.
        if (this.language === 'go' && own.length > 1) for (const n of own) names.push(n.text());
        else names.push(ownNames(this.language, p).join(','));
      }
    }
    this.structure.params.set(fn.id(), names);
    return names;
  }

  /** Request data entering through parameters: NestJS decorators, Flask/FastAPI route functions, Django views. */
  private paramIsSource(fn: CodeNode, index: number, param: CodeNode): boolean {
    if (param.children().some((c) => c.kind().toString() === 'decorator' && NEST_DECORATOR.test(c.text()))) return true;
    if (this.language === 'java') {
      const modifiers = param.children().find((c) => c.kind() === 'modifiers')?.text() ?? '';
      // Spring converts to these types before the handler runs: the value cannot carry a payload.
      if (JAVA_SAFE_TYPES.test(param.field('type')?.text() ?? '')) return false;
      if (SPRING_PARAM.test(modifiers)) return true;
      // Spring binds an unannotated simple parameter of a handler method from the query string.
      const handler = fn.children().find((c) => c.kind() === 'modifiers')?.text() ?? '';
      return !modifiers.includes('@') && SPRING_MAPPING.test(handler) && /^(String|String\[\]|List<String>)$/.test(param.field('type')?.text() ?? '');
    }
    if (this.language !== 'python') return false;
    const names = identifiersIn(param);
    if (names.length !== 1 || NON_DATA_PARAMS.test(names[0] ?? '')) return false;
    if (/Depends\(|Session|Request|BackgroundTasks|Security\(/.test(param.text())) return false;
    const decorated = fn.parent()?.kind().toString() === 'decorated_definition' ? fn.parent() : null;
    if (decorated?.children().some((c) => c.kind().toString() === 'decorator' && ROUTE_DECORATOR.test(c.text()))) return true;
    // Django function views: `def view(request, slug)` gets URL parts after the request.
    return index > 0 && this.params(fn)[0] === 'request';
  }

  private initialState(scope: CodeNode): State {
    const own = this.structure.scopeById.get(scope.id());
    if (!own) return new Map();
    const state = new Map(this.stateBefore(this.structure.enclosing(own.start, own.end)?.node ?? this.root, own.start));
    const list = scope.field('parameters') ?? scope.field('parameter');
    const items = list ? (list.kind().toString() === 'identifier' ? [list] : list.namedChildren().filter((c) => c.kind().toString() !== 'comment')) : [];
    let i = 0;
    for (const p of items) {
      const own = this.language === 'go' ? p.fieldChildren('name') : [];
      if (own.length > 1) {
        for (const n of own) state.set(n.text(), new Set([`p${i++}`]));
        continue;
      }
      const label: Labels = this.paramIsSource(scope, i, p) ? SRC : new Set([`p${i}`]);
      for (const name of ownNames(this.language, p)) state.set(name, label);
      i++;
    }
    return state;
  }

  /** The state of `scope` just before byte offset `at`. */
  stateBefore(scope: CodeNode, at: number): State {
    const id = scope.id();
    const key = `${id}:${at}`;
    const hit = this.stateCache.get(key);
    if (hit) return hit;
    const events = this.structure.events.get(id) ?? [];
    let state: State;
    let i = 0;
    if (this.summaryDepth === 0) {
      // The events applied whole from the first one on are shared with every later query of this
      // scope: resume from the longest stored prefix instead of replaying the scope from its start.
      // Not while a summary is being computed: its recursion guard makes calls to it look clean.
      let p = 0;
      while (p < events.length && events[p]!.start < at && events[p]!.end <= at) p++;
      let prefixes = this.prefixes.get(id);
      if (!prefixes) this.prefixes.set(id, (prefixes = [{ applied: 0, state: this.initialState(scope) }]));
      let base = prefixes[0]!;
      for (const c of prefixes) if (c.applied <= p && c.applied > base.applied) base = c;
      state = new Map(base.state);
      for (i = base.applied; i < p; i++) this.apply(events[i]!, state);
      if (p > base.applied) prefixes.push({ applied: p, state: new Map(state) });
    } else {
      state = this.initialState(scope);
    }
    for (; i < events.length; i++) {
      const ev = events[i]!;
      // Events are in document order; an enclosing statement (ending after `at`) is skipped, not a stop.
      if (ev.start >= at) break;
      if (ev.end > at) continue;
      this.apply(ev, state);
    }
    this.stateCache.set(key, state);
    return state;
  }


  private apply(event: Span, state: State): void {
    const { node, kind } = event;
    if (kind === 'if_statement') return this.applyGuard(node, state);
    if (this.language === 'go') return this.applyGo(node, kind, state);
    if (kind === 'method_invocation') return this.applyBuilder(node, state);
    const target = node.field('name') ?? node.field('left');
    const value = node.field('value') ?? node.field('right');
    if (!target || !value) return;
    const labels = this.labels(value, state);
    const op = node.field('operator')?.text();
    const augmented = kind.startsWith('augmented') || kind === 'for_in_statement' || kind === 'for_statement' || (op !== undefined && op !== '=');
    if ((target.kind().toString() === 'identifier' || target.kind().toString() === 'variable_name') && !augmented) {
      if (labels.size) state.set(target.text(), labels);
      else state.delete(target.text());
      return;
    }
    if (!labels.size) return;
    // `obj.where = tainted` taints obj; destructuring taints every bound name.
    const names = MEMBER_KINDS.has(target.kind().toString()) || SUBSCRIPT_KINDS.has(target.kind().toString()) ? [rootName(target)] : identifiersIn(target);
    for (const name of names) if (name) state.set(name, union(state.get(name) ?? EMPTY, labels));
  }

  /** Go: multi-value assignments pair up left and right; one call on the right taints every name. */
  private applyGo(node: CodeNode, kind: string, state: State): void {
    if (kind === 'call_expression') return this.applyOutParam(node, state);
    const target = node.field('left') ?? node.field('name');
    const value = node.field('right') ?? node.field('value');
    if (!target || !value) return;
    const left = target.kind() === 'expression_list' ? target.namedChildren() : [target];
    const right = value.kind() === 'expression_list' ? value.namedChildren() : [value];
    const names = kind === 'var_spec' ? node.fieldChildren('name') : left;
    const op = node.children().find((c) => !c.isNamed() && /=$/.test(c.text()))?.text();
    const augmented = kind === 'range_clause' || (op !== undefined && op !== '=' && op !== ':=');
    names.forEach((n, i) => {
      const labels = this.labels(right.length === names.length ? right[i]! : value, state);
      const plain = n.kind() === 'identifier';
      const name = plain ? n.text() : rootName(n);
      if (!name || name === '_') return;
      if (plain && !augmented) {
        if (labels.size) state.set(name, labels);
        else state.delete(name);
      } else if (labels.size) state.set(name, union(state.get(name) ?? EMPTY, labels));
    });
  }

  private applyOutParam(call: CodeNode, state: State): void {
    const callee = call.field('function');
    if (!callee || callee.kind() !== 'selector_expression') return;
    const method = callee.field('field')?.text() ?? '';
    const receiver = callee.field('operand');
    const args = (call.field('arguments')?.namedChildren() ?? []).filter((a) => a.kind() !== 'comment');
    if (BUILDER.test(method)) {
      const name = receiver ? rootName(receiver) : '';
      const labels = this.argLabels(call.field('arguments'), state);
      if (name && labels.size) state.set(name, union(state.get(name) ?? EMPTY, labels));
      return;
    }
    if (!OUT_PARAM.test(callee.text())) return;
    let labels: Labels = this.sourceIds.has(call.id()) || this.sourceIds.has(callee.id()) ? SRC : EMPTY;
    if (!labels.size && receiver) labels = receiver.kind() === 'identifier' && /^(json|xml|yaml|toml)$/.test(receiver.text()) && args[0] ? this.labels(args[0], state) : this.labels(receiver, state);
    if (!labels.size) return;
    for (const arg of args) {
      if (arg.kind() !== 'unary_expression' || !arg.text().startsWith('&')) continue;
      const name = rootName(arg.namedChildren()[0] ?? arg);
      if (name) state.set(name, union(state.get(name) ?? EMPTY, labels));
    }
  }

  /** Java `sb.append(x)` / `list.add(x)`: the receiver variable now holds x's taint. */
  private applyBuilder(call: CodeNode, state: State): void {
    const receiver = call.field('object');
    if (!receiver || !JAVA_BUILDER.test(call.field('name')?.text() ?? '')) return;
    const name = rootName(receiver);
    const labels = this.argLabels(call.field('arguments'), state);
    if (name && labels.size) state.set(name, union(state.get(name) ?? EMPTY, labels));
  }

  /** `if (!ALLOWED.includes(x)) return;`: x is clean after the guard. */
  private applyGuard(node: CodeNode, state: State): void {
    const cond = node.field('condition');
    const body = node.field('consequence') ?? node.field('body');
    if (!cond || !body || !GUARD.test(cond.text()) || !EXIT.test(body.text())) return;
    for (const name of identifiersIn(cond)) state.delete(name);
    // Go: `if _, ok := allowed[u.Host]; !ok { return }` checks the names in the initializer.
    const init = node.field('initializer');
    if (init) for (const name of identifiersIn(init.field('right') ?? init)) state.delete(name);
  }

  /** Labels of the value at `node`, using the state of its scope just before it. */
  labelsAt(node: CodeNode): Labels {
    const r = node.range();
    const start = r.start.index;
    const end = r.end.index;
    const own = this.structure.enclosing(start, end);
    const scope = own?.node ?? this.root;
    // Copied only when a guard below removes names: the cached state is shared.
    const before = this.stateBefore(scope, start);
    let state = before;
    // Inside `if (ALLOWED.has(x)) { sink(x) }` x is checked. The if statements around the node are
    // events of its scope (those whose span strictly contains it), found without walking ancestors.
    for (const ev of this.structure.events.get(own?.id ?? this.structure.rootId) ?? []) {
      if (ev.start > start) break;
      if (ev.end < end || (ev.start === start && ev.end === end)) continue;
      if (ev.kind !== 'if_statement') continue;
      const a = ev.node;
      const cond = a.field('condition');
      const body = a.field('consequence') ?? a.field('body');
      if (cond && body && GUARD.test(cond.text()) && !/^!|\bnot\b/.test(cond.text().replace(/^\(/, '')) && within(node, body)) {
        if (state === before) state = new Map(before);
        for (const name of identifiersIn(cond)) state.delete(name);
      }
    }
    return this.labels(node, state);
  }

  labels(node: CodeNode, state: State): Labels {
    const id = node.id();
    if (this.sanitizerIds.has(id)) return EMPTY;
    if (this.sourceIds.has(id)) return SRC;
    const kind = node.kind().toString();
    if (kind === 'identifier' || kind === 'shorthand_property_identifier' || kind === 'variable_name') return state.get(node.text()) ?? EMPTY;
    if (OPAQUE_KINDS.has(kind)) return EMPTY;
    if (CALL_KINDS.has(kind)) return this.callLabels(node, state);
    if (kind === 'new_expression') {
      const ctor = node.field('constructor')?.text() ?? '';
      return PROPAGATING_FUNCTIONS.has(ctor) ? this.argLabels(node.field('arguments'), state) : EMPTY;
    }
    if (kind === 'object_creation_expression') {
      // Java `new StringBuilder(x)`, `new File(dir, x)`, `new URL(x)`.
      const ctor = node.field('type')?.text() ?? '';
      return OO_PROPAGATING.has(ctor) ? this.argLabels(node.field('arguments'), state) : EMPTY;
    }
    if (MEMBER_KINDS.has(kind) || SUBSCRIPT_KINDS.has(kind)) {
      const obj = node.field('object') ?? node.field('value') ?? node.field('operand') ?? node.field('array') ?? (this.language === 'php' ? node.namedChildren()[0] : null);
      return obj ? this.labels(obj, state) : EMPTY;
    }
    if (kind === 'pair') {
      const v = node.field('value');
      return v ? this.labels(v, state) : EMPTY;
    }
    if (kind === 'ternary_expression' || kind === 'conditional_expression') {
      // `x === 'desc' ? 'desc' : 'asc'` is one of its branches; the condition is not the value.
      const cond = node.field('condition');
      if (cond) {
        let out: Labels = EMPTY;
        for (const child of node.namedChildren()) if (child.id() !== cond.id()) out = union(out, this.labels(child, state));
        return out;
      }
    }
    let out: Labels = EMPTY;
    for (const child of node.namedChildren()) out = union(out, this.labels(child, state));
    return out;
  }

  private argLabels(args: CodeNode | null, state: State): Labels {
    let out: Labels = EMPTY;
    for (const a of args?.namedChildren() ?? []) out = union(out, this.labels(a.field('value') ?? a, state));
    return out;
  }

  /** Java method invocations and PHP calls: `name` + receiver (`object`) or class (`scope`). */
  private ooCallLabels(node: CodeNode, state: State): Labels {
    const nameNode = node.field('name');
    const args = node.field('arguments');
    if (!nameNode) return EMPTY;
    if (this.sourceIds.has(nameNode.id())) return SRC;
    const method = nameNode.text();
    const obj = node.field('object') ?? node.field('scope');
    if (obj && OO_PROPAGATING.has(`${obj.text()}.${method}`)) return this.argLabels(args, state);
    if (!obj) {
      // Java `helper(x)`: a method of this class.
      const summary = this.summaries(method);
      if (!summary) return EMPTY;
      const list = (args?.namedChildren() ?? []).filter((a) => a.kind().toString() !== 'comment');
      let out: Labels = EMPTY;
      for (const i of summary.returns) if (list[i]) out = union(out, this.labels(list[i]!, state));
      return out;
    }
    if (node.kind() === 'scoped_call_expression') return EMPTY;
    let out: Labels = EMPTY;
    // Getters on bound request objects (`form.getName()`) carry the object's data.
    if (RECEIVER_METHODS.has(method) || (this.language === 'java' && /^((get|to)[A-Z]\w*|resolve|resolveSibling|strip|substring)$/.test(method))) out = this.labels(obj, state);
    if (ARGUMENT_METHODS.has(method) || /^(append|resolve|resolveSibling)$/.test(method)) out = union(out, this.argLabels(args, state));
    return out;
  }

  private callLabels(node: CodeNode, state: State): Labels {
    if (OO_CALL_KINDS.has(node.kind().toString())) return this.ooCallLabels(node, state);
    if (node.kind() === 'function_call_expression') {
      const fn = node.field('function')?.text() ?? '';
      if (fn && OO_PROPAGATING.has(fn)) return this.argLabels(node.field('arguments'), state);
    }
    const callee = node.field('function');
    const args = node.field('arguments');
    if (!callee) return EMPTY;
    if (this.sourceIds.has(callee.id())) return SRC;
    const text = callee.text();
    if (PROPAGATING_FUNCTIONS.has(text)) return this.argLabels(args, state);
    if (MEMBER_KINDS.has(callee.kind().toString())) {
      const obj = callee.field('object') ?? callee.field('operand');
      const method = (callee.field('property') ?? callee.field('attribute') ?? callee.field('field'))?.text() ?? '';
      let out: Labels = EMPTY;
      if (obj && RECEIVER_METHODS.has(method)) out = this.labels(obj, state);
      if (ARGUMENT_METHODS.has(method)) out = union(out, this.argLabels(args, state));
      if (obj && (method === 'path' || PROPAGATING_FUNCTIONS.has(method)) && /^(path|os\.path|posixpath)$/.test(obj.text())) out = union(out, this.argLabels(args, state));
      return out;
    }
    if (callee.kind().toString() === 'identifier') {
      const summary = this.summaries(text);
      if (!summary) return EMPTY;
      let out: Labels = EMPTY;
      const list = (args?.namedChildren() ?? []).filter((a) => a.kind().toString() !== 'comment');
      for (const i of summary.returns) {
        const arg = list[i];
        if (arg) out = union(out, this.labels(arg.field('value') ?? arg, state));
      }
      return out;
    }
    return EMPTY;
  }

  /** Parameters of `fn` whose taint reaches one of its return values. */
  returnParams(fn: CodeNode): Set<number> {
    const out = new Set<number>();
    const body = fn.field('body');
    if (!body) return out;
    const returns = ['statement_block', 'block', 'compound_statement'].includes(body.kind().toString())
      ? body.findAll({ rule: { kind: 'return_statement' } }).filter((r) => this.scopeOf(r).id() === fn.id())
      : [body];
    for (const r of returns) {
      const value = r.kind().toString() === 'return_statement' ? r.namedChildren()[0] : r;
      if (!value) continue;
      for (const label of this.labelsAt(value)) if (label.startsWith('p')) out.add(Number(label.slice(1)));
    }
    return out;
  }
}

export function union(a: Labels, b: Labels): Labels {
  if (!b.size) return a;
  if (!a.size) return b;
  return new Set([...a, ...b]);
}

function within(node: CodeNode, container: CodeNode): boolean {
  const r = node.range();
  const c = container.range();
  return r.start.index >= c.start.index && r.end.index <= c.end.index;
}

/** The left-most name of `a.b.c` / `a[b]`. */
function rootName(node: CodeNode): string {
  let cur: CodeNode | null = node;
  while (cur && (MEMBER_KINDS.has(cur.kind().toString()) || SUBSCRIPT_KINDS.has(cur.kind().toString()))) {
    cur = cur.field('object') ?? cur.field('value') ?? cur.field('operand') ?? cur.field('array') ?? (cur.kind() === 'subscript_expression' ? cur.namedChildren()[0] ?? null : null);
  }
  return cur?.kind().toString() === 'identifier' || cur?.kind().toString() === 'variable_name' ? cur.text() : '';
}

/** Variable names bound or read in a pattern/expression (not property keys, not types). */
export function identifiersIn(node: CodeNode): string[] {
  const kind = node.kind().toString();
  if (kind === 'identifier' || kind === 'shorthand_property_identifier_pattern' || kind === 'shorthand_property_identifier' || kind === 'variable_name') return [node.text()];
  if (kind === 'decorator' || kind === 'type_annotation' || kind === 'type' || kind === 'property_identifier' || kind === 'modifiers') return [];
  if (kind === 'pair_pattern' || kind === 'pair') {
    const v = node.field('value');
    return v ? identifiersIn(v) : [];
  }
  if (kind === 'assignment_pattern' || kind === 'default_parameter' || kind === 'typed_default_parameter') {
    const left = node.field('left') ?? node.field('name');
    return left ? identifiersIn(left) : [];
  }
  if (MEMBER_KINDS.has(kind)) return [rootName(node)].filter(Boolean);
  if (CALL_KINDS.has(kind)) {
    const callee = node.field('function');
    const object = node.field('object');
    const receiver = callee && MEMBER_KINDS.has(callee.kind().toString()) ? [rootName(callee)].filter(Boolean) : object ? identifiersIn(object) : [];
    return [...receiver, ...(node.field('arguments')?.namedChildren() ?? []).flatMap(identifiersIn)];
  }
  const out: string[] = [];
  for (const c of node.namedChildren()) out.push(...identifiersIn(c));
  return out;
}

/** Names a Java/PHP parameter binds (its `name`, not its annotations or type); other languages: every identifier. */
function ownNames(language: RuleLanguage, param: CodeNode): string[] {
  const name = language === 'java' || language === 'php' ? param.field('name') : null;
  return name ? [name.text()] : identifiersIn(param);
}

/** A function's name: declarations, methods, and `const f = () => …`. */
export function functionName(fn: CodeNode): string | null {
  const name = fn.field('name');
  if (name) return name.text();
  const parent = fn.parent();
  if (parent?.kind().toString() === 'variable_declarator') return parent.field('name')?.text() ?? null;
  return null;
}
