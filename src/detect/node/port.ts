/**
 * Where a Node server listens. Finds listen sites (`app.listen(…)`, `server.listen(port, host)`,
 * `fastify.listen({ port, host })`, hono `serve({ fetch, port })`, `Bun.serve`, `export default
 * { port, fetch }`, `Hapi.server({ port, host })`) and resolves their arguments through the code a
 * human would follow: literals, `process.env.PORT || 3000`, `Number(…)`, a `const PORT = …` in the
 * same or another file, destructuring from process.env, `config.port` properties, `app.get('port')`,
 * and env schemas (`PORT: z.coerce.number().default(3000)`).
 */
import { lineAt, lineText } from '../shared/text.js';
import { isPortVar } from '../shared/env-vars.js';
import type { SourceSet } from './scan.js';
import { literalValue } from './scan.js';
import { clean, escape, isCallback, objectProps, readArgs, readBalanced, readExpression, splitTernary, splitTop } from './js-expr.js';

export interface Trail {
  file: string;
  line: number;
  text: string;
}

export interface Resolved {
  /** The literal value (port number or host), when the code gives one. */
  value: string | null;
  /** The env var the value is read from. */
  envVar: string | null;
  /** Where the value and env var were found, nearest first. */
  trail: Trail[];
}

export interface ListenSite {
  file: string;
  line: number;
  text: string;
  via: 'listen' | 'serve' | 'bun-serve' | 'export-default' | 'hapi';
  port: Resolved;
  /** False when the call passes no port at all (the library default applies). */
  portGiven: boolean;
  /** The host argument, or null when the call gives none. */
  host: Resolved | null;
}

const EMPTY: Resolved = { value: null, envVar: null, trail: [] };
const MAX_DEPTH = 6;
const TS_TYPE = /^(number|string|boolean|any|unknown|undefined|null)(\s*\|\s*(number|string|undefined|null))*$/;

/** Cheap check: does this code start a server? */
export function looksLikeServer(code: string): boolean {
  return /\.listen\s*\(|\bcreateServer\s*\(|Bun\.serve\s*\(|\bserve\s*\(\s*\{[^}]*\bfetch\b|export\s+default\s*\{[^}]*\bfetch\b|\bHapi\.server\s*\(/.test(code);
}

export function findListenSites(sources: SourceSet): ListenSite[] {
  const resolver = new Resolver(sources);
  const sites: ListenSite[] = [];
  for (const file of sources.files) {
    const code = sources.code(file);
    if (code === null || !/listen|serve|export\s+default|[sS]erver\s*\(/.test(code)) continue;
    const raw = sources.raw(file) ?? code;
    const at = (index: number): { line: number; text: string } => {
      const line = lineAt(code, index);
      return { line, text: lineText(raw, line) };
    };
    for (const m of code.matchAll(/\.listen\s*\(/g)) {
      const args = readArgs(code, m.index + m[0].length - 1);
      if (!args || args.length === 0) continue;
      const a0 = args[0]!;
      let port: Resolved;
      let host: Resolved | null = null;
      const props = objectProps(a0);
      if (props) {
        const p = props.get('port');
        port = p === undefined ? EMPTY : resolver.resolve(p, file, 0);
        const h = props.get('host') ?? props.get('hostname');
        if (h !== undefined) host = resolver.resolve(h, file, 0);
      } else {
        port = resolver.resolve(a0, file, 0);
        const a1 = args[1];
        if (a1 !== undefined && !isCallback(a1)) host = resolver.resolve(a1, file, 0);
      }
      const portish = port.value !== null && /^\d+$/.test(port.value) || port.envVar !== null || /port/i.test(a0);
      if (!portish) continue;
      sites.push({ file, ...at(m.index), via: 'listen', port, portGiven: true, host });
    }
    if (/@hono\/node-server/.test(code)) {
      for (const m of code.matchAll(/\bserve\s*\(/g)) {
        const args = readArgs(code, m.index + m[0].length - 1);
        if (!args || args.length === 0) continue;
        const props = objectProps(args[0]!);
        const p = props?.get('port');
        const h = props?.get('hostname') ?? props?.get('host');
        sites.push({ file, ...at(m.index), via: 'serve', port: p === undefined ? EMPTY : resolver.resolve(p, file, 0), portGiven: p !== undefined, host: h === undefined ? null : resolver.resolve(h, file, 0) });
      }
    }
    for (const m of code.matchAll(/Bun\.serve\s*\(\s*\{/g)) {
      sites.push(objectSite(resolver, code, file, m.index, m.index + m[0].length - 1, 'bun-serve', at));
    }
    for (const m of code.matchAll(/export\s+default\s*\{/g)) {
      const obj = readBalanced(code, m.index + m[0].length - 1);
      if (obj && /\bfetch\b/.test(obj)) sites.push(objectSite(resolver, code, file, m.index, m.index + m[0].length - 1, 'export-default', at));
    }
    if (/@hapi\/hapi|['"]hapi['"]/.test(code)) {
      for (const m of code.matchAll(/(?:\bHapi\.server|\bnew\s+(?:Hapi\.)?Server|\bserver)\s*\(\s*\{/g)) {
        sites.push(objectSite(resolver, code, file, m.index, m.index + m[0].length - 1, 'hapi', at));
      }
    }
  }
  return sites;
}

function objectSite(
  resolver: Resolver,
  code: string,
  file: string,
  index: number,
  brace: number,
  via: ListenSite['via'],
  at: (i: number) => { line: number; text: string },
): ListenSite {
  const props = objectProps(readBalanced(code, brace) ?? '{}') ?? new Map<string, string>();
  const p = props.get('port');
  const h = props.get('hostname') ?? props.get('host');
  return { file, ...at(index), via, port: p === undefined ? EMPTY : resolver.resolve(p, file, 0), portGiven: p !== undefined, host: h === undefined ? null : resolver.resolve(h, file, 0) };
}

/** `process.env.PORT || 3000` anywhere in the sources: the app's port when no listen call resolved. */
export function portDefaultAnywhere(sources: SourceSet): { value: number; envVar: string; trail: Trail } | null {
  // `process.env.PORT || 3000`, and env helpers such as Strapi's `env.int('PORT', 1337)`.
  const re = /(?:(?:process\.env|Bun\.env)(?:\.([A-Z_]*PORT)\b|\[\s*['"]([A-Z_]*PORT)['"]\s*\])\s*\)?\s*(?:\|\||\?\?)\s*|\benv(?:\.int)?\(\s*['"]([A-Z_]*PORT)['"]\s*,\s*)['"]?(\d{2,5})\b/g;
  for (const file of sources.files) {
    const code = sources.code(file);
    if (code === null || !code.includes('PORT')) continue;
    for (const m of code.matchAll(re)) {
      const envVar = m[1] ?? m[2] ?? m[3] ?? 'PORT';
      if (!isPortVar(envVar)) continue;
      const line = lineAt(code, m.index);
      return { value: Number(m[4]), envVar, trail: { file, line, text: lineText(sources.raw(file) ?? code, line) } };
    }
  }
  return null;
}

/** Resolves JS expressions to a literal and/or the env var they read. */
class Resolver {
  constructor(private readonly sources: SourceSet) {}

  resolve(expression: string, file: string, depth: number): Resolved {
    const e = clean(expression);
    if (e === '' || depth > MAX_DEPTH) return EMPTY;
    const literal = literalValue(e);
    if (literal !== null) return { value: literal, envVar: null, trail: [] };
    for (const op of ['||', '??']) {
      const parts = splitTop(e, op);
      if (parts.length > 1) return combine(parts.map((p) => this.resolve(p, file, depth + 1)));
    }
    const ternary = splitTernary(e);
    if (ternary) {
      const [cond, yes, no] = ternary.map((p) => this.resolve(p, file, depth + 1)) as [Resolved, Resolved, Resolved];
      return combine([{ ...yes, envVar: yes.envVar ?? cond.envVar }, no]);
    }
    const env = /^(?:process\.env|Bun\.env|import\.meta\.env|(?:[\w$]+\.)*env)(?:\.([A-Za-z_]\w*)|\[\s*['"]([A-Za-z_]\w*)['"]\s*\])$/.exec(e);
    if (env) {
      const name = env[1] ?? env[2] ?? '';
      // `env.PORT` may be a parsed env schema with a default: `PORT: z.coerce.number().default(3000)`.
      const schema = e.startsWith('process.env') || e.startsWith('Bun.env') ? EMPTY : this.property(name, file, depth);
      return { value: schema.value, envVar: name, trail: schema.trail };
    }
    if (e.startsWith('+')) return this.resolve(e.slice(1), file, depth + 1);
    const getter = /^[\w$.]*\.get\s*(?:<[^>]*>)?\(\s*['"]([\w.]+)['"]\s*\)$/.exec(e);
    if (getter) {
      const key = getter[1] ?? '';
      const set = this.setCall(key, file, depth);
      if (set.value !== null || set.envVar !== null) return set;
      return this.property(key.slice(key.lastIndexOf('.') + 1), file, depth);
    }
    const call = /^([\w$.]+)\s*\(/.exec(e);
    if (call && e.endsWith(')')) {
      const args = readArgs(e, call[0].length - 1);
      return args && args[0] !== undefined ? this.resolve(args[0], file, depth + 1) : EMPTY;
    }
    if (/^[A-Za-z_$][\w$]*$/.test(e)) return this.identifier(e, file, depth);
    const member = /^[A-Za-z_$][\w$]*(?:\??\.[A-Za-z_$][\w$]*)+$/.exec(e);
    if (member) return this.property(e.slice(e.lastIndexOf('.') + 1), file, depth);
    return EMPTY;
  }

  private identifier(name: string, file: string, depth: number): Resolved {
    const files = [file, ...this.sources.files.filter((f) => f !== file)].slice(0, 60);
    for (const f of files) {
      const code = this.sources.code(f);
      if (code === null || !code.includes(name)) continue;
      for (const decl of declarations(code, name)) {
        if (decl.fromEnv) {
          return { value: decl.expr === '' ? null : literalValue(decl.expr), envVar: decl.fromEnv, trail: [this.trail(f, code, decl.index)] };
        }
        const r = this.resolve(decl.expr, f, depth + 1);
        if (r.value !== null || r.envVar !== null) return { ...r, trail: [this.trail(f, code, decl.index), ...r.trail] };
      }
    }
    return EMPTY;
  }

  /** `port: <expr>` in an object literal (config modules, env schemas, convict). */
  private property(key: string, file: string, depth: number): Resolved {
    const re = new RegExp(`(?:^|[{,\\s])['"]?${escape(key)}['"]?\\s*:\\s*`, 'g');
    const files = [file, ...this.sources.files.filter((f) => f !== file)].slice(0, 60);
    for (const f of files) {
      const code = this.sources.code(f);
      if (code === null || !code.includes(key)) continue;
      for (const m of code.matchAll(re)) {
        const expr = readExpression(code, m.index + m[0].length, true);
        if (expr === '' || TS_TYPE.test(expr)) continue;
        const trail = this.trail(f, code, m.index + m[0].indexOf(key));
        const schemaDefault = /\.default\(\s*['"]?(\d{2,5})['"]?\s*\)|\bdefault:\s*['"]?(\d{2,5})\b/.exec(expr);
        const envName = /\benv:\s*['"]([A-Z_][A-Z0-9_]*)['"]/.exec(expr)?.[1] ?? (isPortVar(key) ? key : null);
        if (schemaDefault) return { value: schemaDefault[1] ?? schemaDefault[2] ?? null, envVar: envName, trail: [trail] };
        const r = this.resolve(expr, f, depth + 1);
        if (r.value !== null || r.envVar !== null) return { ...r, trail: [trail, ...r.trail] };
      }
    }
    return EMPTY;
  }

  /** Express `app.set('port', …)`. */
  private setCall(key: string, file: string, depth: number): Resolved {
    const code = this.sources.code(file) ?? '';
    const m = new RegExp(`\\.set\\(\\s*['"]${escape(key)}['"]\\s*,`).exec(code);
    if (!m) return EMPTY;
    const args = readArgs(code, code.indexOf('(', m.index));
    const r = args?.[1] === undefined ? EMPTY : this.resolve(args[1], file, depth + 1);
    return { ...r, trail: [this.trail(file, code, m.index), ...r.trail] };
  }

  private trail(file: string, code: string, index: number): Trail {
    const line = lineAt(code, index);
    return { file, line, text: lineText(this.sources.raw(file) ?? code, line) };
  }
}

interface Declaration {
  expr: string;
  index: number;
  /** Set when the name is destructured from process.env: the env var's name. */
  fromEnv?: string;
}

function declarations(code: string, name: string): Declaration[] {
  const out: Declaration[] = [];
  const n = escape(name);
  for (const m of code.matchAll(new RegExp(`\\b(?:const|let|var)\\s+${n}\\b\\s*(?::[^=;\\n]+)?=(?![=>])\\s*`, 'g'))) {
    out.push({ expr: readExpression(code, m.index + m[0].length, false), index: m.index });
  }
  for (const m of code.matchAll(/\{([^{}]*)\}\s*(?::\s*[^=]+)?=\s*(?:process\.env|Bun\.env|import\.meta\.env)\b/g)) {
    for (const part of (m[1] ?? '').split(',')) {
      const entry = /^\s*([A-Za-z_]\w*)\s*(?::\s*([A-Za-z_$][\w$]*))?\s*(?:=\s*(.+?))?\s*$/s.exec(part);
      if (entry && (entry[2] ?? entry[1]) === name) out.push({ expr: entry[3] ?? '', index: m.index, fromEnv: entry[1] ?? name });
    }
  }
  for (const m of code.matchAll(new RegExp(`(?<![\\w$.])${n}\\s*=(?![=>])\\s*`, 'g'))) {
    if (/(?:const|let|var)\s+$/.test(code.slice(Math.max(0, m.index - 8), m.index))) continue;
    out.push({ expr: readExpression(code, m.index + m[0].length, false), index: m.index });
  }
  return out;
}

function combine(parts: Resolved[]): Resolved {
  const withEnv = parts.find((p) => p.envVar !== null);
  const withValue = parts.find((p) => p.value !== null);
  return { value: withValue?.value ?? null, envVar: withEnv?.envVar ?? null, trail: [...(withEnv?.trail ?? []), ...(withValue && withValue !== withEnv ? withValue.trail : [])] };
}
