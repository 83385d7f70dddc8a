/**
 * Environment variables a Python service reads: `os.environ["X"]`, `os.environ.get("X", d)`,
 * `os.getenv("X", d)`, django-environ / environs (`env("X")`, `env.bool("X", default=…)`, `env.db()`),
 * python-decouple (`config("X", default=…)`), `dj_database_url.config()` and pydantic BaseSettings
 * fields (upper-cased, env_prefix honoured, a default makes them optional). Port variables are
 * returned as port hints instead.
 */
import type { ServicePlan } from '../../plan/schema.js';
import { addBackingService, addEvidence } from '../../plan/service.js';
import { backingFromUrl, isPortVar, recordEnvRead } from '../shared/env-vars.js';
import { parsePort } from '../shared/text.js';
import { maskCredentials } from './backing.js';
import {
  callArguments, findCalls, imports, keywordArgument, locate, positionalArgument, splitArguments, stringLiteral, type Located, type PySource,
} from './source.js';

export interface EnvRead extends Located {
  name: string;
  hasDefault: boolean;
  /** The default as text, when it is a literal. */
  default: string | null;
}

export interface PortHint {
  envVar: string;
  value: number | null;
  fact: Located;
}

/** Every env read in the sources, in file order. */
export function findEnvReads(sources: readonly PySource[]): EnvRead[] {
  const reads: EnvRead[] = [];
  const settingsClasses = settingsClassNames(sources);
  const envNames = envObjectNames(sources);
  for (const source of sources) {
    reads.push(...osEnviron(source), ...envObjects(source, envNames), ...decouple(source), ...databaseUrlHelpers(source), ...pydanticFields(source, settingsClasses));
  }
  return reads;
}

/** Records the reads on the service (env, evidence, backing services from URL defaults) and returns the port hints. */
export function applyEnvReads(service: ServicePlan, reads: readonly EnvRead[]): PortHint[] {
  const ports: PortHint[] = [];
  for (const read of reads) {
    if (isPortVar(read.name)) {
      ports.push({ envVar: read.name, value: parsePort(read.default), fact: read });
      continue;
    }
    const note = maskCredentials(read.note);
    recordEnvRead(service, { name: read.name, hasDefault: read.hasDefault, default: read.default, file: read.file, line: read.line, text: note });
    const kind = read.default ? backingFromUrl(read.default) : null;
    if (kind) {
      addBackingService(service, kind, read.name);
      addEvidence(service, `backing:${kind}`, read.file, note, read.line);
    }
  }
  return ports;
}

const NAME = /^[A-Z_][A-Z0-9_]*$/i;

function read(source: PySource, index: number, name: string | null, defaultExpr: string | null | undefined, optional = false): EnvRead | null {
  if (!name || !NAME.test(name)) return null;
  const hasDefault = optional || (defaultExpr !== null && defaultExpr !== undefined);
  return { ...locate(source, index), name, hasDefault, default: literalDefault(defaultExpr) };
}

/** A literal default as text: strings, numbers, booleans. `None` and expressions give null. */
function literalDefault(expr: string | null | undefined): string | null {
  if (!expr) return null;
  const text = stringLiteral(expr);
  if (text !== null) return text;
  const e = expr.trim();
  if (/^-?\d+(\.\d+)?$/.test(e) || e === 'True' || e === 'False') return e;
  return null;
}

function osEnviron(source: PySource): EnvRead[] {
  const out: EnvRead[] = [];
  const { code } = source;
  for (const m of code.matchAll(/(?<![\w.])(?:os\.)?environ\s*\[\s*(["'])(\w+)\1\s*\](?!\s*=[^=])/g)) {
    const r = read(source, m.index ?? 0, m[2] ?? null, null);
    if (r) out.push(r);
  }
  for (const call of findCalls(source, '(?:os\\.)?environ\\.get|(?:os\\.)?getenv|(?:os\\.)?environ\\.setdefault')) {
    const name = stringLiteral(positionalArgument(call.args, 0));
    const fallback = positionalArgument(call.args, 1) ?? keywordArgument(call.args, 'default');
    const r = read(source, call.index, name, fallback, true);
    if (r) out.push(r);
  }
  return out;
}

/** Names bound to a django-environ / environs `Env(...)` object anywhere in the sources (usually `env`). */
function envObjectNames(sources: readonly PySource[]): Set<string> {
  const names = new Set<string>();
  for (const source of sources) {
    if (!imports(source, 'environ') && !imports(source, 'environs')) continue;
    for (const m of source.code.matchAll(/^(\w+)\s*=\s*(?:environ\.|environs\.)?Env\s*\(/gm)) names.add(m[1] ?? 'env');
  }
  return names;
}

/**
 * django-environ (`env = environ.Env(DEBUG=(bool, False))`) and environs (`env = Env()`) reads, in the
 * file that builds the object and in files that get it by import (`from .base import *`, `from x import env`).
 */
function envObjects(source: PySource, names: Set<string>): EnvRead[] {
  const out: EnvRead[] = [];
  for (const m of source.code.matchAll(/^(\w+)\s*=\s*(?:environ\.|environs\.)?Env\s*\(/gm)) {
    if (!names.has(m[1] ?? '')) continue;
    const open = (m.index ?? 0) + m[0].length - 1;
    // Env(DEBUG=(bool, False)) declares casts and defaults
    for (const arg of splitArguments(callArguments(source.code, open))) {
      const kw = /^(\w+)\s*=\s*\(\s*\w+\s*,\s*([\s\S]+)\)$/.exec(arg);
      const r = kw ? read(source, open, kw[1] ?? null, kw[2] ?? null) : null;
      if (r) out.push(r);
    }
  }
  for (const variable of names) {
    const defines = new RegExp(`^${variable}\\s*=\\s*(?:environ\\.|environs\\.)?Env\\s*\\(`, 'm').test(source.code);
    const receives = /^from\s+\S+\s+import\s+\*/m.test(source.code) || new RegExp(`^from\\s+\\S+\\s+import\\s+[^\\n]*\\b${variable}\\b`, 'm').test(source.code);
    if (!defines && !receives) continue;
    for (const call of findCalls(source, `${variable}(?:\\.\\w+)?`)) {
      const method = call.callee.includes('.') ? call.callee.slice(call.callee.indexOf('.') + 1) : null;
      if (method === 'read_env' || method === 'prefixed' || method === 'smart_cast') continue;
      const implicit = method ? IMPLICIT_NAMES[method] : undefined;
      const name = stringLiteral(positionalArgument(call.args, 0)) ?? implicit ?? null;
      const fallback = keywordArgument(call.args, 'default') ?? (stringLiteral(positionalArgument(call.args, 0)) !== null ? positionalArgument(call.args, 1) : null);
      const r = read(source, call.index, name, fallback);
      if (r) out.push(r);
    }
  }
  return out;
}

/** django-environ helpers that read a conventional variable when called without a name. */
const IMPLICIT_NAMES: Record<string, string> = { db: 'DATABASE_URL', db_url: 'DATABASE_URL', cache: 'CACHE_URL', cache_url: 'CACHE_URL', email_url: 'EMAIL_URL', search_url: 'SEARCH_URL' };

function decouple(source: PySource): EnvRead[] {
  if (!imports(source, 'decouple')) return [];
  const out: EnvRead[] = [];
  for (const call of findCalls(source, 'config')) {
    const name = stringLiteral(positionalArgument(call.args, 0));
    const r = read(source, call.index, name, keywordArgument(call.args, 'default') ?? positionalArgument(call.args, 1));
    if (r) out.push(r);
  }
  return out;
}

/** dj_database_url.config() reads DATABASE_URL (or `env=`); `default=` makes it optional. */
function databaseUrlHelpers(source: PySource): EnvRead[] {
  const out: EnvRead[] = [];
  for (const call of findCalls(source, 'dj_database_url\\.config|db_url\\.config')) {
    const name = stringLiteral(keywordArgument(call.args, 'env')) ?? 'DATABASE_URL';
    const r = read(source, call.index, name, keywordArgument(call.args, 'default'));
    if (r) out.push(r);
  }
  return out;
}

/** Names of classes that are pydantic settings (subclass BaseSettings, directly or through another settings class). */
function settingsClassNames(sources: readonly PySource[]): Set<string> {
  const names = new Set(['BaseSettings']);
  for (let pass = 0; pass < 3; pass++) {
    for (const source of sources) {
      for (const m of source.code.matchAll(/^class\s+(\w+)\s*\(([^)]*)\)\s*:/gm)) {
        const bases = (m[2] ?? '').split(',').map((b) => b.trim().replace(/^[\w.]*\./, ''));
        if (bases.some((b) => names.has(b))) names.add(m[1] ?? '');
      }
    }
  }
  return names;
}

function pydanticFields(source: PySource, settingsClasses: Set<string>): EnvRead[] {
  if (!/BaseSettings/.test(source.code) && ![...settingsClasses].some((c) => c !== 'BaseSettings' && source.code.includes(c))) return [];
  const out: EnvRead[] = [];
  const lines = source.code.split('\n');
  const offsets: number[] = [];
  let total = 0;
  for (const line of lines) {
    offsets.push(total);
    total += line.length + 1;
  }
  for (const m of source.code.matchAll(/^([ \t]*)class\s+(\w+)\s*\(([^)]*)\)\s*:/gm)) {
    const bases = (m[3] ?? '').split(',').map((b) => b.trim().replace(/^[\w.]*\./, ''));
    if (!bases.some((b) => settingsClasses.has(b))) continue;
    const classIndent = (m[1] ?? '').length;
    const startLine = source.code.slice(0, m.index).split('\n').length; // 1-based line of `class`
    const body: Array<{ text: string; index: number }> = [];
    let bodyIndent = -1;
    let end = source.code.length;
    for (let i = startLine; i < lines.length; i++) {
      const text = lines[i] ?? '';
      const offset = offsets[i] ?? 0;
      if (text.trim() === '') continue;
      const indent = text.length - text.trimStart().length;
      if (indent <= classIndent) {
        end = offset;
        break;
      }
      if (bodyIndent === -1) bodyIndent = indent;
      if (indent === bodyIndent) body.push({ text, index: offset });
    }
    // env_prefix in `model_config = SettingsConfigDict(...)` or a nested `class Config:`
    const classText = source.code.slice(m.index ?? 0, end);
    const prefix = (/env_prefix["']?\s*[=:]\s*["']([^"']*)["']/.exec(classText)?.[1] ?? '').toUpperCase();
    for (const line of body) {
      const field = /^\s*([a-zA-Z]\w*)\s*:\s*([^=\n]+?)\s*(?:=\s*(.+))?$/.exec(line.text);
      if (!field?.[1] || field[1] === 'model_config' || /^ClassVar\b/.test(field[2] ?? '')) continue;
      const value = field[3]?.trim();
      let name = `${prefix}${field[1]}`.toUpperCase();
      let defaultExpr: string | null = value ?? null;
      const fieldCall = value !== undefined ? /^(?:pydantic\.)?Field\s*\(/.exec(value) : null;
      if (fieldCall) {
        const open = line.index + line.text.indexOf(value!) + fieldCall[0].length - 1;
        const args = callArguments(source.code, open);
        const alias = stringLiteral(keywordArgument(args, 'validation_alias') ?? keywordArgument(args, 'alias') ?? keywordArgument(args, 'env'));
        if (alias) name = alias.toUpperCase();
        const first = positionalArgument(args, 0);
        defaultExpr = keywordArgument(args, 'default') ?? (first !== null && first !== '...' ? first : null);
        if (keywordArgument(args, 'default_factory') !== null) defaultExpr = 'None';
      }
      const optional = defaultExpr !== null || /\bOptional\[|\|\s*None\b|\bNone\s*\|/.test(field[2] ?? '');
      const r = read(source, line.index + (line.text.length - line.text.trimStart().length), name, defaultExpr, optional);
      if (r) out.push(r);
    }
  }
  return out;
}
