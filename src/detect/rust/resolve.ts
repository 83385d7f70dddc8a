/**
 * Follows a Rust expression back to a literal address or port and the env var it comes from:
 * `"0.0.0.0:3000"`, `("0.0.0.0", port)`, `SocketAddr::from(([0, 0, 0, 0], 3000))`,
 * `format!("0.0.0.0:{port}")`, `env::var("PORT").unwrap_or_else(|_| "3000".into())`, `let`
 * bindings, consts, and clap `#[arg(env = "PORT", default_value_t = 8080)]` fields.
 */
import { lineAt, lineText } from '../shared/text.js';
import type { ConfigLookup } from './config-files.js';
import { callArgs, escapeRe, numberLiteral, splitTopLevel, statementAt, stringLiteral, type RustFile } from './source.js';

export interface Resolved {
  value: string | null;
  envVar: string | null;
  host: string | null;
  where: { file: string; line: number; note: string } | null;
}

const NOTHING: Resolved = { value: null, envVar: null, host: null, where: null };
const MAX_DEPTH = 6;
/** std::env::var("X"), dotenvy::var("X"), and project helpers such as var_parsed("PORT") or env_or("PORT", …). */
const ENV_READ = /^(?:(?:std::)?(?:env::var(?:_os)?|dotenvy::var|dotenv::var)\(\s*"([A-Za-z_][A-Za-z0-9_]*)"\s*\)|(?:\w+::)*(?!set_var|remove_var)\w*(?:var|env)\w*\(\s*"([A-Z][A-Z0-9_]*)"\s*\))/;

/** IPv4/IPv6 constants and constructors → address text. */
function ipOf(expr: string): string | null {
  const e = expr.trim();
  const lit = stringLiteral(e);
  if (lit !== null && /^[\d.:a-fA-F[\]]+$|^localhost$/.test(lit)) return lit;
  if (/Ipv4Addr::UNSPECIFIED/.test(e)) return '0.0.0.0';
  if (/Ipv4Addr::LOCALHOST/.test(e)) return '127.0.0.1';
  if (/Ipv6Addr::UNSPECIFIED/.test(e)) return '::';
  if (/Ipv6Addr::LOCALHOST/.test(e)) return '::1';
  const octets = /\[\s*(\d+)\s*,\s*(\d+)\s*,\s*(\d+)\s*,\s*(\d+)\s*\]|Ipv4Addr::new\(\s*(\d+)\s*,\s*(\d+)\s*,\s*(\d+)\s*,\s*(\d+)\s*\)/.exec(e);
  if (octets) return octets.slice(1).filter((o) => o !== undefined).join('.');
  return null;
}

/** A field of an envy-loaded config struct: the env var it reads and its serde default. */
export interface EnvyField {
  name: string;
  default: string | null;
  optional: boolean;
  file: string;
  line: number;
  text: string;
}

const TYPE_LIKE = /^(?:&'?\w*\s*)?(?:[A-Z][\w:]*(?:<.*>)?|u8|u16|u32|u64|usize|i32|i64|isize|f32|f64|bool|str|\[.*\])$/;

export class RustResolver {
  constructor(
    private readonly files: readonly RustFile[],
    private readonly envyFields: ReadonlyMap<string, EnvyField> = new Map(),
    private readonly config: ConfigLookup | null = null,
  ) {}

  resolve(expr: string, file: RustFile, depth = 0): Resolved {
    if (depth > MAX_DEPTH) return NOTHING;
    const e = unwrap(expr);
    if (e === '') return NOTHING;
    const literal = stringLiteral(e) ?? numberLiteral(e);
    if (literal !== null) return { ...NOTHING, value: literal };

    const env = ENV_READ.exec(e);
    if (env) return this.envRead(env[1] ?? env[2] ?? '', e.slice(env[0].length), file, depth);

    // (host, port) tuples and SocketAddr constructors.
    const tuple = /^\(([\s\S]*)\)$/.exec(e);
    const ctor = /^(?:std::net::)?(?:SocketAddr(?:V4|V6)?::(?:new|from)|IpAddr::from)\s*\(/.exec(e);
    if (ctor) {
      const parsed = callArgs(e, ctor[0].length - 1);
      if (parsed && parsed.args.length === 1) return this.resolve(parsed.args[0] ?? '', file, depth + 1);
      if (parsed && parsed.args.length === 2) return this.hostPort(parsed.args[0] ?? '', parsed.args[1] ?? '', file, depth);
    }
    if (tuple) {
      const parts = splitTopLevel(tuple[1] ?? '');
      if (parts.length === 2) return this.hostPort(parts[0] ?? '', parts[1] ?? '', file, depth);
      if (parts.length === 1) return this.resolve(parts[0] ?? '', file, depth + 1);
    }
    if (/^format!\s*\(/.test(e)) return this.format(e, file, depth);
    // `cli.port.unwrap_or(DEFAULT_PORT)`: the value when it is set, else the fallback.
    const orElse = /^([\s\S]+?)\.unwrap_or(?:_else)?\s*\($/.exec(e.slice(0, e.lastIndexOf('(') + 1));
    if (orElse) {
      const parsed = callArgs(e, e.lastIndexOf('('));
      if (parsed && parsed.end === e.length - 1 && parsed.args.length === 1) {
        const base = this.resolve(orElse[1] ?? '', file, depth + 1);
        const fallback = this.resolve((parsed.args[0] ?? '').replace(/^\|[^|]*\|\s*/, ''), file, depth + 1);
        return { value: base.value ?? fallback.value, envVar: base.envVar ?? fallback.envVar, host: base.host ?? fallback.host, where: fallback.where ?? base.where };
      }
    }
    if (/^[A-Za-z_][\w.:]*$/.test(e)) return this.resolveName(e, file, depth);
    return NOTHING;
  }

  private hostPort(hostExpr: string, portExpr: string, file: RustFile, depth: number): Resolved {
    const host = ipOf(hostExpr) ?? this.resolve(hostExpr, file, depth + 1).value;
    const port = this.resolve(portExpr, file, depth + 1);
    return { value: port.value === null ? null : `${host ?? ''}:${port.value}`, envVar: port.envVar, host, where: port.where };
  }

  /** env::var("X") followed by .unwrap_or(…) / .unwrap_or_else(|_| …) / .parse()…: the default. */
  private envRead(name: string, chain: string, file: RustFile, depth: number): Resolved {
    const m = /\.unwrap_or(?:_else)?\s*\(/g;
    let fallback: string | null = null;
    for (let x = m.exec(chain); x !== null; x = m.exec(chain)) {
      const parsed = callArgs(chain, x.index + x[0].length - 1);
      const arg = parsed?.args[0];
      if (arg === undefined) continue;
      const body = arg.replace(/^\|[^|]*\|\s*/, '').replace(/^\{\s*|\s*\}$/g, '');
      fallback = this.resolve(body, file, depth + 1).value ?? fallback;
    }
    return { value: fallback, envVar: name, host: null, where: null };
  }

  /** format!("0.0.0.0:{}", port) and format!("{host}:{port}"). */
  private format(e: string, file: RustFile, depth: number): Resolved {
    const parsed = callArgs(e, e.indexOf('('));
    const fmt = parsed ? stringLiteral(parsed.args[0] ?? '') : null;
    if (!parsed || fmt === null) return NOTHING;
    const args = parsed.args.slice(1);
    const pieces: Resolved[] = [];
    let positional = 0;
    let last = 0;
    const re = /\{([A-Za-z_]\w*|\d*)(?::[^}]*)?\}/g;
    for (let m = re.exec(fmt); m !== null; m = re.exec(fmt)) {
      if (m.index > last) pieces.push({ ...NOTHING, value: fmt.slice(last, m.index) });
      const key = m[1] ?? '';
      const arg = key === '' ? args[positional++] : /^\d+$/.test(key) ? args[Number(key)] : key;
      pieces.push(arg === undefined ? NOTHING : this.resolve(arg, file, depth + 1));
      last = m.index + m[0].length;
    }
    if (last < fmt.length) pieces.push({ ...NOTHING, value: fmt.slice(last) });
    const known = pieces.every((p) => p.value !== null);
    const first = pieces[0];
    const hostPrefix = first && first.envVar === null && first.value !== null ? /^([^:]+):$/.exec(first.value)?.[1] ?? null : null;
    return {
      value: known ? pieces.map((p) => p.value).join('') : null,
      envVar: [...pieces].reverse().find((p) => p.envVar !== null)?.envVar ?? null,
      host: hostPrefix,
      // The port comes last in an address, so its source is the evidence worth showing.
      where: [...pieces].reverse().find((p) => p.where !== null)?.where ?? null,
    };
  }

  /** `let port = …;`, `const PORT: u16 = 8080;`, a clap field or a struct-literal field. */
  private resolveName(name: string, file: RustFile, depth: number): Resolved {
    const last = name.split(/\.|::/).pop() ?? name;
    const id = escapeRe(last);
    for (const f of [file, ...this.files.filter((x) => x !== file)]) {
      for (const binding of f.code.matchAll(new RegExp(`\\b(?:let\\s+(?:mut\\s+)?|const\\s+|static\\s+)${id}\\s*(?::\\s*[^=;]+)?=\\s*`, 'g'))) {
        const rhs = statementAt(f.code, binding.index + binding[0].length);
        const r = this.resolve(rhs, f, depth + 1);
        if (r.value !== null || r.envVar !== null) return { ...r, where: r.where ?? this.at(f, binding.index) };
      }
      const clap = new RegExp(`#\\[(?:arg|clap|structopt)\\(([^\\]]*)\\)\\]\\s*(?:#\\[[^\\]]*\\]\\s*)*(?:pub\\s+)?${id}\\s*:`).exec(f.code);
      if (clap) {
        const attrs = clap[1] ?? '';
        const env = /\benv\s*=\s*"([A-Za-z_][A-Za-z0-9_]*)"/.exec(attrs)?.[1] ?? (/\benv\b(?!\s*=)/.test(attrs) ? last.toUpperCase() : null);
        const def = /\bdefault_value(?:_t)?\s*=\s*("(?:[^"\\]|\\.)*"|[\w.]+)/.exec(attrs)?.[1];
        const value = def === undefined ? null : (stringLiteral(def) ?? numberLiteral(def));
        if (env !== null || value !== null) return { value, envVar: env, host: null, where: this.at(f, clap.index) };
      }
      const envy = this.envyFields.get(last);
      if (envy) return { value: envy.default, envVar: envy.name, host: null, where: { file: envy.file, line: envy.line, note: envy.text } };
      // Config { port: env::var("PORT")…, … }: a struct-literal field (a type after the colon is a declaration).
      for (const field of f.code.matchAll(new RegExp(`\\b${id}\\s*:(?!:)\\s*`, 'g'))) {
        const rhs = fieldValue(f.code, field.index + field[0].length);
        if (TYPE_LIKE.test(rhs)) continue;
        const r = this.resolve(rhs, f, depth + 1);
        if (r.value !== null || r.envVar !== null) return { ...r, where: r.where ?? this.at(f, field.index) };
      }
    }
    // settings.application.port loaded by the config crate: look the path up in its files.
    const segments = name.split('.');
    if (this.config && segments.length > 1) return this.config(segments.slice(1)) ?? NOTHING;
    return NOTHING;
  }

  private at(f: RustFile, index: number): Resolved['where'] {
    const line = lineAt(f.code, index);
    return { file: f.file, line, note: lineText(f.raw, line) };
  }
}

/** A struct-literal field's value: up to the `,` or `}` that ends it. */
function fieldValue(code: string, start: number): string {
  const stmt = statementAt(code, start);
  return splitTopLevel(stmt)[0] ?? '';
}

/** Strips `&`, `*`, `?` and value-preserving calls (.parse(), .unwrap(), .to_string(), .into()…). */
function unwrap(expr: string): string {
  let e = expr.trim();
  for (let i = 0; i < 10; i++) {
    const before = e;
    e = e.replace(/^[&*]\s*/, '').replace(/\?$/, '').trim();
    e = e.replace(/\.(?:parse(?:::<[^>]*>)?\(\)|unwrap\(\)|expect\("(?:[^"\\]|\\.)*"\)|to_string\(\)|to_owned\(\)|into\(\)|as_str\(\)|clone\(\)|await)$/, '').trim();
    if (/^String::from\(/.test(e) && e.endsWith(')')) e = e.slice('String::from('.length, -1).trim();
    if (e === before) break;
  }
  return e;
}
