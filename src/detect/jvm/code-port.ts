/**
 * Where a plain JVM server listens, read from Java / Kotlin sources: an env read with a default
 * (`System.getenv("PORT") ?: "8080"`), then the argument of a listen call (Vert.x `listen(8080)`,
 * Netty `bind(port)`, Undertow `addHttpListener(8080, …)`, Javalin `start(7070)`, Jetty
 * `new Server(8080)`, `new InetSocketAddress(port)`, Helidon / Spark / Jooby `port(8080)`, Armeria
 * `http(8080)`, Ktor `embeddedServer(Netty, port = 8080)`, ServiceTalk `forPort(8080)`, Muserver
 * `withHttpPort(8080)`…) followed back through fields, constants, `args.length > 0 ? … : 8080`,
 * `System.getProperty("port", "8080")` and `config.getInteger("http.port", 8080)`, then a
 * `port = 8080` constant or a `http://0.0.0.0:8080` URL literal.
 */
import type { RepoFs } from '../../core/repo/repo-fs.js';
import { isPortVar } from '../shared/env-vars.js';
import { lineAt, lineText, matchAll, parsePort, stripCComments } from '../shared/text.js';

export interface CodePort {
  port: number | null;
  envVar: string | null;
  bindAddress: string | null;
  file: string;
  line: number;
  note: string;
  /**
   * What told: an env read with its default, a listen call or server URL (the app is a server),
   * or only a constant named like a port (weaker than a server config file).
   */
  source: 'env' | 'listen' | 'constant';
}

interface Source {
  file: string;
  raw: string;
  code: string;
}

/** Ports of the services an app talks to, never the one it serves on. */
export const BACKING_PORTS = new Set([5432, 3306, 6379, 27017, 5672, 9092, 11211, 1433, 9200, 4222, 2181, 9042, 26257, 1521]);
/** Lines that configure a client (database, cache, broker), whose ports are not the app's. */
const CLIENT_LINE = /jdbc|datasource|DataSource|Hikari|[pP]g(?:Connect|Pool)|[pP]ostgres|[mM]y[sS]ql|[rR]edis|[mM]ongo|[sS]ql[A-Z]|ConnectOptions|ConnectionFactory|[kK]afka|[rR]abbit|amqp|[eE]lastic|[cC]lient\b|[cC]lient\(|proxy|Proxy|[dD][bB][A-Z_.]|\bdb\w*\.|smtp|[mM]ail/;

/** Classes that configure clients: a port in them is a database's or a broker's. */
const CLIENT_FILE = /(?:^|\/)\w*(?:Db|DB|Database|Repository|Repo|Dao|DAO|Sql|SQL|Jdbc|Redis|Mongo|Cache|Client|Store)\w*\.(?:java|kt)$/;

/**
 * The statement text before a match on its line, with argument lists already closed removed:
 * `new PgConnectOptions().setPort(5432)` keeps `new PgConnectOptions.` (a client), while
 * `Server(PostgresDatabase()).start(` keeps `Server.` (not one).
 */
function receiverText(code: string, index: number): string {
  const lineStart = code.lastIndexOf('\n', index - 1) + 1;
  let text = code.slice(lineStart, index);
  for (let i = 0; i < 10 && /\([^()]*\)/.test(text); i++) text = text.replace(/\([^()]*\)/g, '');
  return text.slice(text.lastIndexOf('(') + 1);
}

/** Calls that start listening; the match ends at the `(`. */
const LISTEN_CALL =
  /(?:\.(listen|bind|port|http|forPort|withPort|withHttpPort|setPort|setHttpPort|start|addHttpListener|serverPort|httpPort|listenPort)|\b(new\s+(?:Server|InetSocketAddress|HTTPServer|HttpServer|NanoHTTPD|WebServer))|\b(embeddedServer)|\b(On\.port)|(?<![\w.])(port|ipPort|listenPort))\s*\(/g;

const MAX_DEPTH = 4;

export function portFromCode(repo: RepoFs, files: readonly string[]): CodePort | null {
  const sources: Source[] = [];
  for (const file of files) {
    const raw = repo.readText(file);
    if (raw !== null) sources.push({ file, raw, code: stripCComments(raw) });
  }
  return envRead(sources) ?? listenCall(sources) ?? serverConstructor(sources) ?? portConstant(sources);
}

/** `System.getenv("PORT")` with its fallback (`?:`, `orElse`, `getOrDefault`, `? … : 8080`). */
function envRead(sources: readonly Source[]): CodePort | null {
  for (const s of sources) {
    for (const m of matchAll(s.code, /getenv\s*\(\s*"([A-Z][A-Z0-9_]*)"\s*\)([^\n;]{0,100})|getenv\(\)\.getOrDefault\(\s*"([A-Z][A-Z0-9_]*)"\s*,\s*"(\d{2,5})"/g)) {
      const name = m.match[1] ?? m.match[3] ?? '';
      if (!isPortVar(name)) continue;
      const def = m.match[4] ?? /(?:\?:|orElse\(|,|:)\s*"?(\d{2,5})"?/.exec(m.match[2] ?? '')?.[1];
      const note = lineText(s.raw, m.line);
      return { port: def ? parsePort(def) : 8080, envVar: name, bindAddress: null, file: s.file, line: m.line, note: def ? note : `${note} (no default in code: 8080 assumed)`, source: 'env' };
    }
  }
  return null;
}

function listenCall(sources: readonly Source[]): CodePort | null {
  for (const s of sources) {
    if (CLIENT_FILE.test(s.file)) continue;
    for (const m of matchAll(s.code, LISTEN_CALL)) {
      if (CLIENT_LINE.test(receiverText(s.code, m.match.index))) continue;
      const method = m.match[1] ?? m.match[5] ?? '';
      const ctor = m.match[2] ?? '';
      const args = callArgs(s.code, m.match.index + m.match[0].length - 1);
      if (!args || args.length === 0) continue;
      const arg = portArgument(method, ctor, m.match[3] !== undefined, args);
      if (arg === null) continue;
      const value = evaluate(arg, s, sources, 0);
      if (!value || value.port === null || BACKING_PORTS.has(value.port)) continue;
      const host = ctor !== '' && args.length >= 2 ? hostOf(args[0] ?? '') : method === 'addHttpListener' || method === 'listen' ? hostOf(args[1] ?? '') : null;
      const note = lineText(s.raw, m.line);
      return { port: value.port, envVar: value.envVar, bindAddress: host, file: s.file, line: m.line, note: value.where && value.where !== note ? `${note} (${value.where})` : note, source: 'listen' };
    }
    const url = /"https?:\/\/(0\.0\.0\.0|\*|\+|\[::\]):(\d{2,5})\/?[^"]*"/.exec(s.code);
    const port = url ? parsePort(url[2]) : null;
    if (url && port !== null && !BACKING_PORTS.has(port)) {
      const line = lineAt(s.code, url.index);
      return { port, envVar: null, bindAddress: '0.0.0.0', file: s.file, line, note: lineText(s.raw, line), source: 'listen' };
    }
  }
  return null;
}

/** Which argument carries the port for each kind of call. */
function portArgument(method: string, ctor: string, ktor: boolean, args: readonly string[]): string | null {
  if (ktor) {
    const named = args.find((a) => /^port\s*=/.test(a));
    if (named) return named.replace(/^port\s*=\s*/, '');
    return args[1] !== undefined && !/=/.test(args[1]) ? args[1] : null;
  }
  // new Server("0.0.0.0", 8080), new InetSocketAddress("localhost", 8080): host first.
  if (ctor !== '') return args.length >= 2 && /^"|InetAddress|\bhost\b/i.test(args[0] ?? '') ? (args[1] ?? null) : (args[0] ?? null);
  // `.bind(new InetSocketAddress(port))` and `.listen(address)` are followed by evaluate().
  if (method === 'start' && !/^\d|[pP]ort/.test(args[0] ?? '')) return null;
  return args[0] ?? null;
}

function hostOf(expr: string): string | null {
  const m = /^"([^"]*)"$/.exec(expr.trim());
  if (m) return m[1] === '*' || m[1] === '' ? '0.0.0.0' : (m[1] ?? null);
  if (/InetAddress\.getLoopbackAddress|LOCALHOST/.test(expr)) return '127.0.0.1';
  return null;
}

interface Value {
  port: number | null;
  envVar: string | null;
  /** The line the value was found on, when not the call's own. */
  where: string | null;
}

/** Follows an argument to a port: literals, fallbacks, conversions, fields and constants. */
function evaluate(expr: string, s: Source, sources: readonly Source[], depth: number): Value | null {
  let e = stripParens(expr.trim());
  if (depth > MAX_DEPTH || e === '') return null;
  const literal = /^"?(\d{2,5})"?[Ll]?$/.exec(e);
  if (literal) return { port: parsePort(literal[1]), envVar: null, where: null };
  const env = /getenv\s*\(\s*"([A-Z][A-Z0-9_]*)"\s*\)/.exec(e);
  // A fallback: `?: 8080`, `orElse(8080)`, `? … : 8080`, the last argument of getProperty /
  // getInteger / getOrDefault / config.getInt("http.port", 8080).
  const fallback =
    /(?:\?:|orElse(?:Get)?\s*\(\s*(?:\(\)\s*->\s*)?)\s*"?(\d{2,5})"?/.exec(e)?.[1] ??
    /\?[^:?]+:\s*"?(\d{2,5})"?\s*\)*$/.exec(e)?.[1] ??
    /\.(?:getProperty|getInteger|getInt|getOrDefault|getString|getLong|getValue|get)\s*\(\s*[^,()]+,\s*"?(\d{2,5})"?\s*\)/.exec(e)?.[1];
  if (fallback) return { port: parsePort(fallback), envVar: env && isPortVar(env[1] ?? '') ? (env[1] ?? null) : null, where: null };
  if (env && isPortVar(env[1] ?? '')) return { port: null, envVar: env[1] ?? null, where: null };
  // Value-preserving wrappers: Integer.parseInt(x), Integer.valueOf(x), x.toInt(), new InetSocketAddress(x).
  const wrapped = /^(?:Integer\.(?:parseInt|valueOf)|Long\.parseLong|String\.valueOf|new\s+InetSocketAddress|InetSocketAddress|SocketAddress\.inetSocketAddress)\s*\(([\s\S]*)\)$/.exec(e);
  if (wrapped) {
    const inner = splitArgs(wrapped[1] ?? '');
    return evaluate(inner.length >= 2 && /InetSocketAddress|inetSocketAddress/.test(e) ? (inner[1] ?? '') : (inner[0] ?? ''), s, sources, depth + 1);
  }
  e = e.replace(/\.(?:toInt|toInteger|toString|intValue)\s*\(\s*\)$/, '').replace(/!!$/, '');
  // A field, constant or getter: this.port, config.getPort(), PORT, Config.HTTP_PORT.
  const name = /^(?:[\w.]*\.)?(?:get([A-Z]\w*)\s*\(\s*\)|(\w+))$/.exec(e);
  if (!name) return null;
  const id = name[1] ? name[1][0]!.toLowerCase() + name[1].slice(1) : (name[2] ?? '');
  if (!/^[A-Za-z_]\w*$/.test(id) || /^(args|this|null|true|false)$/.test(id)) return null;
  return resolveName(id, s, sources, depth);
}

/** `int port = …;`, `val port = …`, `static final int PORT = 8080;`, then a later `port = 8080;`. */
function resolveName(id: string, s: Source, sources: readonly Source[], depth: number): Value | null {
  const ordered = [s, ...sources.filter((x) => x !== s)];
  const decl = new RegExp(`(?:^|[\\s(,{;])(?:(?:val|var|const|final|static|private|public|protected|int|Integer|long|short|String)\\s+)+(?:this\\.)?${id}\\s*(?::\\s*[\\w?]+\\s*)?=(?!=)\\s*([^;\\n]+)`, 'm');
  const assign = new RegExp(`(?:^|[\\s;{])(?:this\\.)?${id}\\s*=(?!=)\\s*([^;\\n]+)`, 'gm');
  for (const f of ordered) {
    const d = decl.exec(f.code);
    if (d) {
      const v = evaluate(d[1] ?? '', f, sources, depth + 1);
      if (v && (v.port !== null || v.envVar !== null)) return { ...v, where: v.where ?? lineText(f.raw, lineAt(f.code, d.index + d[0].indexOf(id))) };
    }
    for (const a of f.code.matchAll(assign)) {
      const v = evaluate(a[1] ?? '', f, sources, depth + 1);
      if (v && (v.port !== null || v.envVar !== null)) return { ...v, where: v.where ?? lineText(f.raw, lineAt(f.code, (a.index ?? 0) + a[0].indexOf(id))) };
    }
  }
  return null;
}

/** A constant or variable named like a server port with a literal: `PORT = 8080`, Ktor's `port = 8080`. */
function portConstant(sources: readonly Source[]): CodePort | null {
  const re = /\b(port|PORT|(?:DEFAULT|HTTP|SERVER|LISTEN|BIND|APP|WEB)_PORT|(?:http|server|default|listen|bind|app|web)Port)\s*(?::\s*Int\??\s*)?=(?!=)\s*([^;\n]+)/g;
  for (const s of sources) {
    if (CLIENT_FILE.test(s.file)) continue;
    for (const m of matchAll(s.code, re)) {
      if (CLIENT_LINE.test(receiverText(s.code, m.match.index))) continue;
      // Ktor / Vert.x named arguments end at a comma: `httpServerOptionsOf(port = 8080, …)`.
      const value = evaluate(splitArgs(m.match[2] ?? '')[0] ?? '', s, sources, MAX_DEPTH - 1);
      if (!value || value.port === null || BACKING_PORTS.has(value.port)) continue;
      return { port: value.port, envVar: value.envVar, bindAddress: null, file: s.file, line: m.line, note: lineText(s.raw, m.line), source: 'constant' };
    }
  }
  return null;
}

/**
 * A server object built with a port literal: `new Server(8080)` (Jetty), http4k's `Jetty(9000)`,
 * `Undertow(9000)`, `ApacheServer(9000)` or an app's own `MyHttpServer(8080)`.
 */
const SERVER_CTOR = /\b(?:new\s+)?([A-Z]\w*(?:Server|Jetty\w*|Undertow|Netty\w*|SunHttp\w*|KtorCIO|KtorNetty|Ratpack|Helidon\w*|Apache4?))\s*\(\s*(\d{2,5})\s*\)/g;

function serverConstructor(sources: readonly Source[]): CodePort | null {
  for (const s of sources) {
    if (CLIENT_FILE.test(s.file)) continue;
    for (const m of matchAll(s.code, SERVER_CTOR)) {
      const port = parsePort(m.match[2]);
      if (port === null || BACKING_PORTS.has(port) || CLIENT_LINE.test(m.match[0])) continue;
      return { port, envVar: null, bindAddress: null, file: s.file, line: m.line, note: lineText(s.raw, m.line), source: 'listen' };
    }
  }
  return null;
}

/** Arguments of the call whose `(` is at `open`, split at top-level commas. */
function callArgs(code: string, open: number): string[] | null {
  let depth = 0;
  for (let i = open; i < code.length && i < open + 1500; i++) {
    const c = code[i];
    if (c === '"') {
      i = skipString(code, i);
      continue;
    }
    if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') {
      if (--depth === 0) return splitArgs(code.slice(open + 1, i));
    }
  }
  return null;
}

function splitArgs(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') i = skipString(text, i);
    else if (c === '(' || c === '[' || c === '{' || c === '<') depth++;
    else if (c === ')' || c === ']' || c === '}' || (c === '>' && text[i - 1] !== '-')) depth = Math.max(0, depth - 1);
    else if (c === ',' && depth === 0) {
      out.push(text.slice(start, i).trim());
      start = i + 1;
    }
  }
  out.push(text.slice(start).trim());
  return out.filter((a) => a !== '');
}

function skipString(text: string, i: number): number {
  for (let j = i + 1; j < text.length; j++) {
    if (text[j] === '\\') j++;
    else if (text[j] === '"' || text[j] === '\n') return j;
  }
  return text.length;
}

/** `((x))` → `x`, only when the outer parentheses enclose the whole expression. */
function stripParens(expr: string): string {
  let e = expr;
  while (e.startsWith('(') && e.endsWith(')') && balanced(e.slice(1, -1))) e = e.slice(1, -1).trim();
  return e;
}

function balanced(expr: string): boolean {
  let depth = 0;
  for (const c of expr) {
    if (c === '(') depth++;
    else if (c === ')') depth--;
    if (depth < 0) return false;
  }
  return depth === 0;
}
