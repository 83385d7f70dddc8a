/**
 * Where a Rust binary listens: the address given to TcpListener::bind, actix's .bind, hyper's
 * Server::bind, warp's .run or tonic's .serve, followed back to a literal or env var; for Rocket,
 * its figment config in code, Rocket.toml (global > release > default) and the 8000 default.
 */
import type { RepoFs } from '../../core/repo/repo-fs.js';
import { joinPath } from '../../core/repo/repo-fs.js';
import { isPortVar } from '../shared/env-vars.js';
import { lineOf, lineText, matchAll, parsePort } from '../shared/text.js';
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

interface BindCall {
  file: RustFile;
  index: number;
  line: number;
  arg: string;
}

export function findRustPort(repo: RepoFs, dir: string, files: readonly RustFile[], frameworks: readonly RustFramework[], resolver: RustResolver): RustPortResult {
  const patterns = [...frameworks.flatMap((f) => f.serves), ...GENERIC_SERVES];
  const result: RustPortResult = { listening: files.some((f) => patterns.some((re) => re.test(f.code))), port: null, envVar: null, bindAddress: null, evidence: [] };
  if (!result.listening) return result;
  const rocket = frameworks.find((f) => f.id === 'rocket');
  if (rocket) {
    rocketPort(repo, dir, files, resolver, result);
    return result;
  }
  for (const call of bindCalls(files)) {
    const r = resolver.resolve(call.arg, call.file);
    if (!apply(result, r)) continue;
    result.evidence.push({ file: call.file.file, line: call.line, note: lineText(call.file.raw, call.line) });
    if (r.where && r.where.line !== call.line) result.evidence.push(r.where);
    return result;
  }
  portFromEnvRead(result, files, resolver);
  return result;
}

/** Port, env var and bind host from a resolved address; false when nothing usable came out. */
function apply(result: RustPortResult, r: Resolved): boolean {
  let host = r.host;
  if (r.value !== null) {
    const m = /^(.*):(\d{1,5})$/.exec(r.value);
    if (m) {
      result.port = parsePort(m[2]);
      if (m[1]) host = m[1];
    } else {
      result.port = parsePort(r.value);
    }
  }
  if (r.envVar !== null && (isPortVar(r.envVar) || /PORT/.test(r.envVar) || (r.value !== null && /^\d+$/.test(r.value)))) result.envVar = r.envVar;
  if (host) result.bindAddress = host.replace(/^\[|\]$/g, '');
  return result.port !== null || result.envVar !== null;
}

function bindCalls(files: readonly RustFile[]): BindCall[] {
  const out: BindCall[] = [];
  for (const file of files) {
    const res: RegExp[] = [/\b(?:TcpListener|Server|HttpServer|poem::listener::TcpListener)::(?:bind|try_bind)\s*\(/g];
    if (/HttpServer|Listener|Server::/.test(file.code)) res.push(/\.bind(?:_rustls\w*|_openssl|_auto_h2c|_uds)?\s*\(/g);
    if (/warp::serve/.test(file.code)) res.push(/\.run\s*\(/g);
    if (/Server::builder/.test(file.code)) res.push(/\.serve(?:_with_shutdown)?\s*\(/g);
    for (const re of res) {
      for (const m of matchAll(file.code, re)) {
        const parsed = callArgs(file.code, m.match.index + m.match[0].length - 1);
        const arg = parsed?.args[0];
        if (arg !== undefined) out.push({ file, index: m.match.index, line: m.line, arg });
      }
    }
  }
  const order = new Map(files.map((f, i) => [f, i]));
  return out.sort((a, b) => (order.get(a.file) ?? 0) - (order.get(b.file) ?? 0) || a.index - b.index);
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
