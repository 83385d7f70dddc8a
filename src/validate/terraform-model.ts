/**
 * Reading hcl2json's output: blocks of a parsed .tf file, the expressions inside them, and the
 * references those expressions make (var.x, local.x, module.x.y, data.t.n, t.n). hcl2json turns every
 * expression into a "${…}" string, so references are found by scanning interpolations with string
 * literals removed (a literal "aws_s3_bucket.logs" in a description is not a reference).
 */
import type { HclJson } from './terraform-hcl.js';

export type Json = Record<string, unknown>;

export interface ParsedFile {
  path: string;
  content: string;
  json: HclJson;
}

export interface Entity {
  type: string;
  name: string;
  body: Json;
  file: ParsedFile;
}

export function isJson(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Bodies of a nested block (`ingress { … }` arrives as an array of objects). */
export function blocks(body: Json, name: string): Json[] {
  const value = body[name];
  if (Array.isArray(value)) return value.filter(isJson);
  return isJson(value) ? [value] : [];
}

/** resource "type" "name" / data "type" "name" blocks of one file. */
export function typedBlocks(file: ParsedFile, kind: 'resource' | 'data'): Entity[] {
  const out: Entity[] = [];
  const group = file.json[kind];
  if (!isJson(group)) return out;
  for (const [type, byName] of Object.entries(group)) {
    if (!isJson(byName)) continue;
    for (const [name, bodies] of Object.entries(byName)) {
      for (const body of Array.isArray(bodies) ? bodies.filter(isJson) : []) out.push({ type, name, body, file });
    }
  }
  return out;
}

/** variable / output / module blocks: name → bodies. */
export function namedBlocks(file: ParsedFile, kind: 'variable' | 'output' | 'module' | 'provider'): Array<{ name: string; body: Json }> {
  const group = file.json[kind];
  if (!isJson(group)) return [];
  return Object.entries(group).flatMap(([name, bodies]) => (Array.isArray(bodies) ? bodies.filter(isJson).map((body) => ({ name, body })) : []));
}

export function localNames(file: ParsedFile): string[] {
  const locals = file.json.locals;
  return (Array.isArray(locals) ? locals.filter(isJson) : []).flatMap((l) => Object.keys(l));
}

/** `terraform { … }` bodies of one file. */
export function terraformBlocks(file: ParsedFile): Json[] {
  const value = file.json.terraform;
  return Array.isArray(value) ? value.filter(isJson) : [];
}

/** 1-based line of the first match of `pattern` in the file, or undefined. */
export function lineOf(content: string, pattern: RegExp | string): number | undefined {
  const index = typeof pattern === 'string' ? content.indexOf(pattern) : content.search(pattern);
  return index < 0 ? undefined : content.slice(0, index).split('\n').length;
}

function escapeRe(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function blockLine(file: ParsedFile, kind: string, ...labels: string[]): number | undefined {
  return lineOf(file.content, new RegExp(`^[ \\t]*${kind}\\s+${labels.map((l) => `"${escapeRe(l)}"`).join('\\s+')}`, 'm'));
}

/** An attribute's literal value: booleans, numbers and strings as written, undefined for expressions. */
export function literal(value: unknown): string | number | boolean | undefined {
  if (typeof value === 'boolean' || typeof value === 'number') return value;
  if (typeof value === 'string') {
    if (value.includes('${')) return undefined;
    return value;
  }
  return undefined;
}

export function isTrue(value: unknown): boolean {
  return value === true || value === 'true';
}

/** Whether an attribute is an expression devsquad cannot evaluate (so a rule should not judge it). */
export function isExpression(value: unknown): boolean {
  return typeof value === 'string' && value.includes('${');
}

/** The expressions inside "${…}" segments of one string, nested template interpolations included. */
export function interpolations(text: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '$' && text[i + 1] === '$') { i++; continue; }
    if (text[i] === '$' && text[i + 1] === '{') i = scanExpression(text, i + 2, out);
  }
  return out;
}

/** Reads one expression from `start` to its closing brace; pushes it (string literals blanked) and nested ones. */
function scanExpression(text: string, start: number, out: string[]): number {
  let depth = 0;
  let code = '';
  let i = start;
  while (i < text.length) {
    const c = text[i]!;
    if (c === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"') {
        if (text[j] === '\\') j += 2;
        else if (text[j] === '$' && text[j + 1] === '{') j = scanExpression(text, j + 2, out) + 1;
        else j++;
      }
      code += '""';
      i = j + 1;
      continue;
    }
    if (c === '{') depth++;
    if (c === '}') {
      if (depth === 0) break;
      depth--;
    }
    code += c;
    i++;
  }
  out.push(code);
  return i;
}

export interface Reference {
  kind: 'var' | 'local' | 'module' | 'data' | 'resource';
  /** var/local/module name, or the resource/data type. */
  name: string;
  /** module output, or the resource/data name. */
  attribute?: string;
  text: string;
}

const NAMED = /(?<![\w.])(var|local|module|data)\.([A-Za-z_][\w-]*)(?:\.([A-Za-z_][\w-]*))?/g;
const RESOURCE = /(?<![\w.-])([a-z][a-z0-9]*_[a-z0-9_]*)\.([A-Za-z_][\w-]*)/g;
const ITERATORS = /\bfor\s+([A-Za-z_]\w*)(?:\s*,\s*([A-Za-z_]\w*))?\s+in\b/g;

/** References made by one expression; `scoped` names (dynamic block iterators) are not references. */
export function referencesIn(expression: string, scoped: ReadonlySet<string>): Reference[] {
  const local = new Set(scoped);
  for (const m of expression.matchAll(ITERATORS)) {
    local.add(m[1]!);
    if (m[2]) local.add(m[2]);
  }
  const out: Reference[] = [];
  for (const m of expression.matchAll(NAMED)) {
    const kind = m[1] as Reference['kind'];
    out.push({ kind, name: m[2]!, attribute: m[3], text: m[0] });
  }
  for (const m of expression.matchAll(RESOURCE)) {
    if (local.has(m[1]!)) continue;
    out.push({ kind: 'resource', name: m[1]!, attribute: m[2], text: m[0] });
  }
  return out;
}

/** Labels of every `dynamic "x"` block and `iterator = x` in a file: x.value is not a resource. */
export function dynamicIterators(value: unknown, into = new Set<string>()): Set<string> {
  if (Array.isArray(value)) for (const v of value) dynamicIterators(v, into);
  else if (isJson(value)) {
    for (const [k, v] of Object.entries(value)) {
      if (k === 'dynamic' && isJson(v)) {
        for (const [label, bodies] of Object.entries(v)) {
          into.add(label);
          for (const body of Array.isArray(bodies) ? bodies.filter(isJson) : []) {
            const iterator = literal(body.iterator) ?? /^\$\{(\w+)\}$/.exec(String(body.iterator ?? ''))?.[1];
            if (typeof iterator === 'string') into.add(iterator);
          }
        }
      }
      dynamicIterators(v, into);
    }
  }
  return into;
}

/** Every string under a value, skipping keys that hold no references (variable types, ignore_changes). */
export function strings(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const v of value) strings(v, out);
  else if (isJson(value)) {
    for (const [k, v] of Object.entries(value)) {
      if (k === 'ignore_changes') continue;
      strings(v, out);
    }
  }
  return out;
}
