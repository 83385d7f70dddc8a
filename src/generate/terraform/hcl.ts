/**
 * A small HCL writer. Generators build an object model (blocks, attributes, typed values) and this
 * module serialises it deterministically, formatted the way `terraform fmt` lays files out: two-space
 * indents, `=` aligned across consecutive single-line attributes, one blank line between blocks.
 * Literal strings are always escaped (a `${` inside a literal can never become an interpolation);
 * expressions are a separate type, built with `expr`, `ref`, `interp` or `call`.
 */

/** A raw HCL expression (a reference, a function call, a conditional), written as is. */
export class HclExpr {
  constructor(readonly text: string) {}
}

export type HclValue = string | number | boolean | null | HclExpr | readonly HclValue[] | HclObject;
export interface HclObject {
  readonly [key: string]: HclValue;
}

export interface Attribute {
  kind: 'attribute';
  name: string;
  value: HclValue;
  comment?: string[];
}

export interface Block {
  kind: 'block';
  type: string;
  labels: string[];
  body: BodyItem[];
  comment?: string[];
}

/** A free-standing comment line (or lines) inside a body. */
export interface Comment {
  kind: 'comment';
  lines: string[];
}

export type BodyItem = Attribute | Block | Comment;

export function expr(text: string): HclExpr {
  return new HclExpr(text);
}

/** A traversal such as `var.region` or `module.network.vpc_id`. */
export function ref(...parts: string[]): HclExpr {
  return new HclExpr(parts.join('.'));
}

/** A function call whose arguments are values; written across lines when an argument is an object. */
export class HclCall extends HclExpr {
  constructor(
    readonly name: string,
    readonly args: readonly HclValue[],
  ) {
    super(`${name}(${args.map((a) => inlineValue(a)).join(', ')})`);
  }
}

/** call('cidrsubnet', ref('var.cidr'), 8, expr('count.index')) → cidrsubnet(var.cidr, 8, count.index). */
export function call(name: string, ...args: HclValue[]): HclCall {
  return new HclCall(name, args);
}

/** A template string: interp`${ref('var.name')}-alb` → "${var.name}-alb", literal parts escaped. */
export function interp(strings: TemplateStringsArray, ...values: HclExpr[]): HclExpr {
  let out = '';
  strings.forEach((s, i) => {
    out += escapeTemplate(s);
    const value = values[i];
    if (value) out += `\${${value.text}}`;
  });
  return new HclExpr(`"${out}"`);
}

export function attr(name: string, value: HclValue, comment?: string[]): Attribute {
  return comment ? { kind: 'attribute', name, value, comment } : { kind: 'attribute', name, value };
}

export function block(type: string, labels: string[], body: BodyItem[], comment?: string[]): Block {
  return comment ? { kind: 'block', type, labels, body, comment } : { kind: 'block', type, labels, body };
}

export function comment(...lines: string[]): Comment {
  return { kind: 'comment', lines };
}

/** Attributes from a record, in its key order, skipping undefined values. */
export function attrs(values: Record<string, HclValue | undefined>): Attribute[] {
  const out: Attribute[] = [];
  for (const [name, value] of Object.entries(values)) if (value !== undefined) out.push(attr(name, value));
  return out;
}

/**
 * One-line forms of the lists and objects of the file being rendered: deciding whether a value fits on a
 * line needs its one-line form, which is then written as is. Scoped to one renderFile call, so a value
 * changed between two files is never written from an old form.
 */
let inlineCache: WeakMap<object, string> | null = null;

/** A whole file: top-level items separated by blank lines, an optional header comment first. */
export function renderFile(items: readonly BodyItem[], header?: string): string {
  const chunks: string[] = [];
  if (header) chunks.push(`${header}\n`);
  const outer = inlineCache;
  inlineCache = new WeakMap();
  try {
    chunks.push(renderBody(items, 0));
  } finally {
    inlineCache = outer;
  }
  return chunks.join('\n').replace(/\n+$/, '') + '\n';
}

const IDENT = /^[A-Za-z_][A-Za-z0-9_-]*$/;
const MAX_INLINE = 80;

const NEEDS_ESCAPE = /[\\"\n\r\t]/;

function escapeString(value: string): string {
  if (!NEEDS_ESCAPE.test(value)) return value;
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t');
}

function escapeTemplate(value: string): string {
  // A function replacement: in a replacement string `$$` would collapse to a single `$`.
  if (!value.includes('{')) return escapeString(value);
  return escapeString(value).replace(/\$\{/g, () => '$${').replace(/%\{/g, () => '%%{');
}

function quote(value: string): string {
  return `"${escapeTemplate(value)}"`;
}

function key(name: string): string {
  return IDENT.test(name) ? name : quote(name);
}

function isObject(value: HclValue): value is HclObject {
  return typeof value === 'object' && value !== null && !(value instanceof HclExpr) && !Array.isArray(value);
}

/** A value written on one line: `{ Name = var.name }`, `["a", "b"]`. */
export function inline(value: HclValue): string {
  return inlineValue(value);
}

function inlineValue(value: HclValue): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return quote(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof HclExpr) return value.text;
  const known = inlineCache?.get(value);
  if (known !== undefined) return known;
  let text: string;
  if (Array.isArray(value)) text = `[${value.map((v) => inlineValue(v)).join(', ')}]`;
  else {
    const entries = Object.entries(value as HclObject);
    text = entries.length === 0 ? '{}' : `{ ${entries.map(([k, v]) => `${key(k)} = ${inlineValue(v)}`).join(', ')} }`;
  }
  inlineCache?.set(value, text);
  return text;
}

function fitsInline(value: HclValue): boolean {
  if (value instanceof HclCall) return value.args.every((a) => fitsInline(a));
  if (isObject(value)) return Object.keys(value).length === 0;
  if (Array.isArray(value)) return value.every((v) => !isObject(v) && !Array.isArray(v)) && inlineValue(value).length <= MAX_INLINE;
  return true;
}

function renderValue(value: HclValue, indent: number): string {
  if (fitsInline(value)) return inlineValue(value);
  const pad = '  '.repeat(indent + 1);
  const close = '  '.repeat(indent);
  if (value instanceof HclCall) {
    // jsonencode({ … }) and friends: the argument opens on the call's line, like terraform fmt keeps it.
    if (value.args.length === 1) return `${value.name}(${renderValue(value.args[0]!, indent)})`;
    return `${value.name}(\n${value.args.map((a) => `${pad}${renderValue(a, indent + 1)},`).join('\n')}\n${close})`;
  }
  if (Array.isArray(value)) {
    return `[\n${value.map((v) => `${pad}${renderValue(v, indent + 1)},`).join('\n')}\n${close}]`;
  }
  const lines = alignedLines(Object.entries(value as HclObject), indent + 1);
  return `{\n${lines.join('\n')}\n${close}}`;
}

/**
 * `name = value` lines with `=` aligned over each run of single-line values. A value that opens a
 * multi-line object or list ends its run unpadded, the way terraform fmt lays them out.
 */
function alignedLines(entries: ReadonlyArray<readonly [string, HclValue]>, indent: number): string[] {
  const pad = '  '.repeat(indent);
  const out: string[] = [];
  let start = 0;
  while (start < entries.length) {
    let end = start;
    while (end < entries.length && fitsInline(entries[end]![1])) end++;
    const width = Math.max(0, ...entries.slice(start, end).map(([k]) => key(k).length));
    for (const [k, v] of entries.slice(start, end)) out.push(`${pad}${key(k).padEnd(width)} = ${renderValue(v, indent)}`);
    if (end < entries.length) out.push(`${pad}${key(entries[end]![0])} = ${renderValue(entries[end]![1], indent)}`);
    start = end + 1;
  }
  return out;
}

function renderComment(lines: readonly string[], pad: string): string[] {
  return lines.map((l) => (l === '' ? `${pad}#` : `${pad}# ${l}`));
}

function renderBody(items: readonly BodyItem[], indent: number): string {
  const pad = '  '.repeat(indent);
  const out: string[] = [];
  let run: Attribute[] = [];
  let previous: BodyItem['kind'] | null = null;
  const flush = (): void => {
    // A run holds no comments except on its first attribute (a comment starts a new run).
    if (run[0]?.comment) out.push(...renderComment(run[0].comment, pad));
    out.push(...alignedLines(run.map((a) => [a.name, a.value] as const), indent));
    run = [];
  };
  for (const item of items) {
    if (item.kind === 'attribute') {
      const breaks = run.length > 0 && (Boolean(item.comment) || !fitsInline(run[run.length - 1]!.value));
      if (breaks) flush();
      if (previous === 'block' || (previous === 'attribute' && breaks && item.comment)) out.push('');
      run.push(item);
    } else {
      flush();
      if (previous !== null && (item.kind === 'block' || previous === 'block')) out.push('');
      if (item.kind === 'comment') out.push(...renderComment(item.lines, pad));
      else out.push(renderBlock(item, indent));
    }
    previous = item.kind;
  }
  flush();
  return out.join('\n');
}

function renderBlock(b: Block, indent: number): string {
  const pad = '  '.repeat(indent);
  const head = [b.type, ...b.labels.map((l) => quote(l))].join(' ');
  const lines = b.comment ? renderComment(b.comment, pad) : [];
  if (b.body.length === 0) lines.push(`${pad}${head} {}`);
  else lines.push(`${pad}${head} {`, renderBody(b.body, indent + 1), `${pad}}`);
  return lines.join('\n');
}
