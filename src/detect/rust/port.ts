/**
 * Where a Rust binary listens: the address given to TcpListener::bind, actix's .bind, hyper's
 * Server::bind, warp's .run or tonic's .serve, followed back to a literal or env var; for Rocket,
 * its figment config in code, Rocket.toml (global > release > default) and the 8000 default.
 */
import type { RepoFs } from '../../core/repo/repo-fs.js';
import { joinPath } from '../../core/repo/repo-fs.js';
import { isPortVar } from '../shared/env-vars.js';
import { lineAt, lineOf, lineText, matchAll, parsePort } from '../shared/text.js';
import { ancestors } from '../shared/versions.js';
import { GENERIC_SERVES, type RustFramework } from './frameworks/index.js';
import type { RustResolver} from './resolve.js';
import { type Resolved } from './resolve.js';
import { callArgs, stringLiteral, type RustFile } from './source.js';

export interface RustEvidence {
  file: string;
  line?: number;
  note: string;
}

export interface RustPortResult {
  listening: boolean;
  port: number | null;
  envVar: string | null;
  bindAddress: string | null;
  evidence: RustEvidence[];
}

export function findRustPort(repo: RepoFs, dir: string, files: readonly RustFile[], frameworks: readonly RustFramework[], resolver: RustResolver): RustPortResult {
  const patterns = [...frameworks.flatMap((f) => f.serves), ...GENERIC_SERVES];
  const result: RustPortResult = { listening: files.some((f) => patterns.some((re) => re.test(f.code))), port: null, envVar: null, bindAddress: null, evidence: [] };
  const rocket = frameworks.find((f) => f.id === 'rocket');
  if (rocket) {
    if (result.listening) rocketPort(repo, dir, files, resolver, result);
    return result;
  }
  for (const call of bindCalls(files)) {
    for (const r of call.candidates.map((arg) => resolver.resolve(arg, call.file))) {
      // Calls that are not always listeners (`.start(…)`, `.listen(…)`) only count with a full address.
      if (call.loose && (r.value === null || !/:\d+$/.test(r.value) || looksLikeClient(r, lineText(call.file.code, call.line)))) continue;
      if (!apply(result, r)) continue;
      result.listening = true;
      result.evidence.push({ file: call.file.file, line: call.line, note: lineText(call.file.raw, call.line) });
      if (r.where && r.where.line !== call.line) result.evidence.push(r.where);
      return result;
    }
  }
  if (result.listening) portFromEnvRead(result, files, resolver);
  if (result.port !== null || result.envVar !== null) return result;
  // No bind call resolved: a server address written in the code still tells (`Server::builder("0.0.0.0:8080")`,
  // `ServerConfigurations::bind("0.0.0.0", 8080)`, `.port(8080)`, `const PORT: u16 = 8080`).
  const generic = genericAddress(files);
  if (generic) {
    result.listening = true;
    apply(result, { value: generic.value, envVar: null, host: null, where: null });
    result.evidence.push({ ...generic.where, note: `${generic.where.note} (a server address in the code)` });
    return result;
  }
  const fallback = result.listening ? frameworks.find((f) => f.defaultPort !== undefined) : undefined;
  if (fallback?.defaultPort) {
    result.port = fallback.defaultPort.port;
    result.envVar = fallback.defaultPort.envVar;
    const call = files.flatMap((f) => fallback.serves.map((re) => ({ f, m: re.exec(f.code) }))).find((x) => x.m !== null);
    const line = call?.m ? lineAt(call.f.code, call.m.index) : undefined;
    result.evidence.push({ file: call?.f.file ?? files[0]?.file ?? joinPath(dir, 'Cargo.toml'), line, note: `${call && line ? `${lineText(call.f.raw, line)} ` : ''}(${fallback.defaultPort.note})` });
  }
  return result;
}

/** Port, env var and bind host from a resolved address; false when nothing usable came out. */
function apply(result: RustPortResult, r: Resolved): boolean {
  let host = r.host;
  if (r.value !== null) {
    const m = /^(.*):(\d{1,5})$/.exec(r.value.replace(/^[a-z][a-z0-9+]*:\/\//i, '').replace(/\/$/, ''));
    if (m) {
      result.port = parsePort(m[2]);
      if (m[1]) host = m[1];
    } else {
      result.port = parsePort(r.value);
    }
  }
  if (r.envVar !== null && (isPortVar(r.envVar) || /PORT/.test(r.envVar) || (r.value !== null && /^\d+$/.test(r.value)))) result.envVar = r.envVar;
  const found = result.port !== null || result.envVar !== null;
  if (host && found) result.bindAddress = host.replace(/^\[|\]$/g, '');
  return found;
}

interface BindCall {
  file: RustFile;
  index: number;
  line: number;
  /** Argument expressions that may carry the address, in the order to try them. */
  candidates: string[];
  /** A method name that is not always a listener: only a full `host:port` counts. */
  loose: boolean;
}

function bindCalls(files: readonly RustFile[]): BindCall[] {
  const out: BindCall[] = [];
  for (const file of files) {
    const res: Array<{ re: RegExp; loose: boolean }> = [{ re: /\b(?:TcpListener|Server|HttpServer|poem::listener::TcpListener)::(?:bind|try_bind)\s*\(/g, loose: false }];
    if (/HttpServer|Listener|Server::|server::build|web::server/.test(file.code)) res.push({ re: /\.bind(?:_rustls\w*|_openssl|_auto_h2c|_uds)?\s*\(/g, loose: false });
    if (/warp::serve/.test(file.code)) res.push({ re: /\.run\s*\(/g, loose: false });
    if (/Server::builder/.test(file.code)) res.push({ re: /\.serve(?:_with_shutdown)?\s*\(/g, loose: false });
    // Listener constructors and start methods of the smaller frameworks: tide `listen`, may_minihttp
    // `start`, ohkami `howl`, salvo `TcpListener::new`, `Server::new(app, addr)`, `Server::builder(addr)`.
    res.push({ re: /(?:\.(?:listen|start|howl|interface|bind)|\b\w+::(?:new|builder|bind|listen|serve|run))\s*\(/g, loose: true });
    const seen = new Set<number>();
    for (const { re, loose } of res) {
      for (const m of matchAll(file.code, re)) {
        const open = m.match.index + m.match[0].length - 1;
        if (seen.has(open)) continue;
        seen.add(open);
        const parsed = callArgs(file.code, open);
        const args = parsed?.args ?? [];
        if (args.length === 0) continue;
        const candidates = args.slice(0, 3);
        // ("0.0.0.0", 8080) spread over two arguments: ServerConfigurations::bind("0.0.0.0", 8080).
        for (let i = 0; i + 1 < args.length && i < 3; i++) if (/^"[\d.:[\]a-z]*"$/.test(args[i] ?? '')) candidates.push(`(${args[i]}, ${args[i + 1]})`);
        out.push({ file, index: m.match.index, line: m.line, candidates, loose });
      }
    }
  }
  const order = new Map(files.map((f, i) => [f, i]));
  return out.sort((a, b) => (order.get(a.file) ?? 0) - (order.get(b.file) ?? 0) || Number(a.loose) - Number(b.loose) || a.index - b.index);
}

/** Ports of the services an app talks to, never the one it serves on. */
const BACKING_PORTS = new Set([5432, 3306, 6379, 27017, 5672, 9092, 11211, 1433, 9200, 4222, 2181, 9042, 26257]);
const NOT_A_LISTENER = /\b(?:e?println|print|format|info|debug|warn|error|trace|panic|assert\w*)!|postgres|redis|mongo|amqp|Client|connect|Connect|[dD]atabase|DB_|db_/;

/** A backing-service port, or an address that a log line or a client configuration holds. */
function looksLikeClient(r: Resolved, callLine: string): boolean {
  const port = parsePort(r.value?.replace(/^.*:/, '') ?? '');
  return (port !== null && BACKING_PORTS.has(port)) || NOT_A_LISTENER.test(callLine) || (r.where !== null && NOT_A_LISTENER.test(r.where.note));
}

/**
 * A server address literal in the binary's code (`"0.0.0.0:8080"`, `("0.0.0.0", 8080)`,
 * `([0, 0, 0, 0], 8080)`), a port setter (`.port(8080)`, `.with_port(8080)`) or a `PORT`
 * constant, main file first. Log lines, client configuration and backing-service ports are skipped.
 */
function genericAddress(files: readonly RustFile[]): { value: string; where: { file: string; line: number; note: string } } | null {
  const shapes: Array<{ re: RegExp; value: (m: RegExpExecArray) => string }> = [
    { re: /"((?:0\.0\.0\.0|127\.0\.0\.1|localhost|\[::\]|::)?):(\d{2,5})"/g, value: (m) => `${m[1] ?? ''}:${m[2]}` },
    { re: /"(0\.0\.0\.0|127\.0\.0\.1|localhost|::|\[::\])"\s*,\s*(\d{2,5})\b/g, value: (m) => `${m[1]}:${m[2]}` },
    { re: /\[\s*(\d{1,3})\s*,\s*(\d{1,3})\s*,\s*(\d{1,3})\s*,\s*(\d{1,3})\s*\]\s*\)?\s*,\s*(\d{2,5})\b/g, value: (m) => `${m[1]}.${m[2]}.${m[3]}.${m[4]}:${m[5]}` },
    { re: /\b[A-Z_]*HOST[A-Z_]*\s*,\s*(\d{2,5})\s*\)/g, value: (m) => m[1] ?? '' },
    { re: /\.(?:port|with_port|set_port|listen_port)\s*\(\s*(\d{2,5})\s*\)/g, value: (m) => m[1] ?? '' },
    { re: /\b(?:const|static)\s+(?:[A-Z_]*_)?PORT\s*:\s*[\w&']+\s*=\s*"?(\d{2,5})"?/g, value: (m) => m[1] ?? '' },
  ];
  for (const f of files) {
    const hits: Array<{ index: number; value: string; line: number }> = [];
    for (const { re, value } of shapes) for (const m of matchAll(f.code, re)) hits.push({ index: m.match.index, value: value(m.match), line: m.line });
    hits.sort((a, b) => a.index - b.index);
    for (const hit of hits) {
      const port = parsePort(hit.value.replace(/^.*:/, ''));
      if (port === null || BACKING_PORTS.has(port) || NOT_A_LISTENER.test(lineText(f.code, hit.line))) continue;
      return { value: hit.value, where: { file: f.file, line: hit.line, note: lineText(f.raw, hit.line) } };
    }
  }
  return null;
}

/** The bind address could not be followed: a PORT read with a default still tells. */
function portFromEnvRead(result: RustPortResult, files: readonly RustFile[], resolver: RustResolver): void {
  for (const f of files) {
    for (const m of matchAll(f.code, /\blet\s+(?:mut\s+)?(\w+)\s*(?::[^=]+)?=\s*(?:std::)?env::var\(\s*"(\w*PORT)"\s*\)/g)) {
      const r = resolver.resolve(m.match[1] ?? '', f);
      result.envVar = m.match[2] ?? null;
      if (r.value !== null) result.port = parsePort(r.value.replace(/^.*:/, ''));
      result.evidence.push({ file: f.file, line: m.line, note: m.text });
      return;
    }
  }
}

/**
 * Rocket reads ROCKET_PORT / ROCKET_ADDRESS, then Rocket.toml, then its defaults (8000 on
 * 127.0.0.1). Code that builds its own figment (`.merge(("port", 8080))`) wins over the file.
 */
function rocketPort(repo: RepoFs, dir: string, files: readonly RustFile[], resolver: RustResolver, result: RustPortResult): void {
  result.envVar = 'ROCKET_PORT';
  for (const f of files) {
    const settings: Array<{ key: string; expr: string; line: number; text: string }> = [];
    // figment: .merge(("port", 8080)) / .join(("address", "0.0.0.0"))
    for (const m of matchAll(f.code, /\.(?:merge|join|adjoin|admerge)\(\s*\(\s*"(port|address)"\s*,\s*([^)]+?)\s*\)\s*\)/g)) {
      settings.push({ key: m.match[1] ?? '', expr: m.match[2] ?? '', line: m.line, text: m.text });
    }
    // rocket::Config { port: 8080, address: Ipv4Addr::UNSPECIFIED.into(), ..Config::default() }
    for (const m of matchAll(f.code, /\bConfig\s*\{([^}]*)\}/g)) {
      for (const field of (m.match[1] ?? '').matchAll(/\b(port|address)\s*:\s*([^,}]+)/g)) {
        settings.push({ key: field[1] ?? '', expr: field[2] ?? '', line: m.line, text: m.text });
      }
    }
    for (const { key, expr, line, text } of settings) {
      const r = resolver.resolve(expr, f);
      if (key === 'port' && result.port === null && r.value !== null) {
        result.port = parsePort(r.value);
        result.evidence.push({ file: f.file, line, note: text });
      } else if (key === 'address' && result.bindAddress === null) {
        const address = r.value ?? (/UNSPECIFIED/.test(expr) ? '0.0.0.0' : /LOCALHOST/.test(expr) ? '127.0.0.1' : null);
        if (address !== null) {
          result.bindAddress = address;
          result.evidence.push({ file: f.file, line, note: text });
        }
      }
    }
  }
  const toml = rocketToml(repo, dir);
  if (toml) {
    if (result.port === null && toml.port !== null) {
      result.port = toml.port;
      result.evidence.push({ file: toml.file, line: toml.portLine, note: `port = ${toml.port} (${toml.profile} profile)` });
    }
    if (result.bindAddress === null && toml.address !== null) {
      result.bindAddress = toml.address;
      result.evidence.push({ file: toml.file, line: toml.addressLine, note: `address = "${toml.address}" (${toml.profile} profile)` });
    }
  }
  if (result.port === null) {
    result.port = 8000;
    result.evidence.push({ file: files[0]?.file ?? joinPath(dir, 'Cargo.toml'), note: 'Rocket listens on ROCKET_PORT or 8000 by default' });
  }
}

interface RocketToml {
  file: string;
  profile: string;
  port: number | null;
  portLine?: number;
  address: string | null;
  addressLine?: number;
}

function rocketToml(repo: RepoFs, dir: string): RocketToml | null {
  for (const at of ancestors(dir)) {
    const file = joinPath(at, 'Rocket.toml');
    const data = repo.readToml(file);
    if (!data) continue;
    const text = repo.readText(file) ?? '';
    const out: RocketToml = { file, profile: 'default', port: null, address: null };
    // A release build runs the release profile; [global] overrides every profile.
    for (const profile of ['default', 'release', 'global']) {
      const table = data[profile];
      if (typeof table !== 'object' || table === null) continue;
      const { port, address } = table as { port?: unknown; address?: unknown };
      const section = lineOf(text, new RegExp(`^\\s*\\[${profile}\\]`)) ?? 0;
      const after = (re: RegExp): number | undefined => {
        const lines = text.split('\n');
        for (let i = section; i < lines.length; i++) if (re.test(lines[i] ?? '')) return i + 1;
        return undefined;
      };
      if (typeof port === 'number') {
        out.port = port;
        out.portLine = after(/^\s*port\s*=/);
        out.profile = profile;
      }
      const addr = typeof address === 'string' ? address : null;
      if (addr !== null) {
        out.address = stringLiteral(`"${addr}"`) ?? addr;
        out.addressLine = after(/^\s*address\s*=/);
      }
    }
    return out;
  }
  return null;
}
