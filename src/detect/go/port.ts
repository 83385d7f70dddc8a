/**
 * Where a Go binary listens: every listen call of the frameworks it imports (plus net/http and
 * net.Listen), its address argument followed back through variables, env vars, flags and config
 * structs. The first call that resolves wins, main package first; metrics/pprof/admin listeners
 * only count when nothing else does.
 */
import { isPortVar } from '../shared/env-vars.js';
import { lineAt, lineText, matchAll } from '../shared/text.js';
import { parsePort } from '../shared/text.js';
import { callArgs, escapeRe, exprAt, stringLiteral } from './expr.js';
import { RAW_LISTEN, type GoFramework } from './frameworks/index.js';
import { nethttp } from './frameworks/nethttp.js';
import type { GoFile } from './packages.js';
import { GoResolver, type Resolved } from './resolve.js';

export interface GoEvidence {
  file: string;
  line: number;
  note: string;
}

export interface GoPortResult {
  /** Some listen call exists: the binary is a server. */
  listening: boolean;
  port: number | null;
  envVar: string | null;
  bindAddress: string | null;
  evidence: GoEvidence[];
}

interface ListenCall {
  file: GoFile;
  index: number;
  line: number;
  args: string[];
  framework: GoFramework | null;
  secondary: boolean;
  /** The identifier the method is called on (`r` in `r.Run()`). */
  receiver: string | null;
}

const NETWORKS = new Set(['tcp', 'tcp4', 'tcp6', 'unix']);
const SECONDARY = /metric|pprof|debug|admin|prometheus|promhttp|diag/i;

export function findGoPort(files: readonly GoFile[], frameworks: readonly GoFramework[]): GoPortResult {
  const resolver = new GoResolver(files);
  const calls = listenCalls(files, frameworks);
  const result: GoPortResult = { listening: false, port: null, envVar: null, bindAddress: null, evidence: [] };
  const engines = frameworkEngines(files);
  // A framework's no-argument form (gin `r.Run()`, hertz `h.Spin()`, `goji.Serve()`) only counts
  // for a call on its engine (or any receiver when the call is unmistakable), and only after every
  // call that names an address: `cmd.Run()` must not pass for gin's `r.Run()`.
  const bare = (c: ListenCall): boolean =>
    c.args.length === 0 &&
    c.framework !== null &&
    (c.framework.defaultPort !== undefined || c.framework.addressOptions !== undefined) &&
    (c.framework.anyReceiver === true || (c.receiver !== null && (engines.has(c.receiver) || ENGINE_NAMES.test(c.receiver))));
  const configured = new Map<ListenCall, Resolved & { where: NonNullable<Resolved['where']> }>();
  for (const c of calls) {
    if (!bare(c)) continue;
    const option = optionAddress(c.framework!, files, resolver);
    if (option) configured.set(c, option);
  }
  const defaults = calls.filter((c) => bare(c) && (configured.has(c) || c.framework?.defaultPort !== undefined));
  const explicit = calls.filter((c) => !bare(c) && (c.args.length > 0 || /ListenAndServe/.test(lineText(c.file.code, c.line))));
  result.listening = explicit.length > 0 || defaults.length > 0;
  const ordered = [...explicit.filter((c) => !c.secondary), ...defaults, ...explicit.filter((c) => c.secondary)];
  for (const call of ordered) {
    const callEvidence = { file: call.file.file, line: call.line, note: lineText(call.file.raw, call.line) };
    if (defaults.includes(call)) {
      const option = configured.get(call);
      if (option) {
        applyResolved(result, option);
        if (result.port === null && result.envVar === null) continue;
        result.evidence.push(callEvidence, option.where);
        return result;
      }
      const fallback = call.framework?.defaultPort;
      if (!fallback) continue;
      result.port = fallback.port;
      result.envVar = fallback.envVar;
      result.evidence.push({ ...callEvidence, note: `${callEvidence.note} (${fallback.note})` });
      return result;
    }
    // The address is usually the first argument, but not always: `s.ListenAndServe(ctx, addr)`,
    // `gnet.Run(handler, "tcp://:9000")`. The first argument that resolves wins.
    const addrArgs = call.args.filter((a) => !NETWORKS.has(stringLiteral(a) ?? '')).slice(0, 3);
    const candidates: Array<Resolved | null> = addrArgs.length > 0 ? addrArgs.map((a) => resolver.resolve(a, call.file)) : [serverAddrField(call, files, resolver)];
    for (const resolved of candidates) {
      if (!resolved || (resolved.value === null && resolved.envVar === null)) continue;
      applyResolved(result, resolved);
      if (result.port === null && result.envVar === null) continue;
      result.evidence.push(callEvidence);
      if (resolved.where && !(resolved.where.file === callEvidence.file && resolved.where.line === callEvidence.line)) result.evidence.push(resolved.where);
      return result;
    }
  }
  if (result.listening) portFromEnvRead(result, files, resolver);
  if (result.port === null && result.envVar === null) {
    // No listen call we know resolved: a server address written in the code still tells (the
    // many smaller frameworks take it in a constructor or an option: `indigo.New(":8080")`,
    // `server.WithHostPorts("0.0.0.0:8080")`, `s.SetPort(8080)`).
    const generic = genericAddress(files);
    if (generic) {
      result.listening = true;
      applyResolved(result, { value: generic.value, envVar: null, where: generic.where });
      result.evidence.push({ ...generic.where, note: `${generic.where.note} (a server address in the code)` });
    }
  }
  return result;
}

/** The address an option call configures (`server.WithHostPorts(":8080")`, `flag.Set("bind", ":8080")`). */
function optionAddress(fw: GoFramework, files: readonly GoFile[], resolver: GoResolver): (Resolved & { where: NonNullable<Resolved['where']> }) | null {
  for (const option of fw.addressOptions ?? []) {
    for (const f of files) {
      for (const m of matchAll(f.code, option.re)) {
        const end = m.match.index + m.match[0].length;
        const arg = option.arg === 'rest' ? exprAt(f.code, end) : callArgs(f.code, end - 1)?.args[option.arg];
        if (arg === undefined) continue;
        const r = resolver.resolve(arg, f);
        if (r.value === null && r.envVar === null) continue;
        return { ...r, where: r.where ?? { file: f.file, line: m.line, note: lineText(f.raw, m.line) } };
      }
    }
  }
  return null;
}

/** Listen ports that belong to the services an app talks to, never the one it serves on. */
const BACKING_PORTS = new Set([5432, 3306, 6379, 27017, 5672, 9092, 11211, 1433, 9200, 4222, 2181, 9042, 26257]);
const CLIENT_LINE = /\b(Dial\w*|redis|Redis|sql\.Open|mongo|Mongo|amqp|nats|kafka|Kafka|DB|Database|database|postgres|mysql)\b/;
const SERVER_ADDRESS = /"(?:(?:tcp[46]?|https?):\/\/)?(0\.0\.0\.0|\[::\]|::)?:(\d{2,5})\/?"/g;
const PORT_SETTER = /\.(?:SetPort|WithPort|Port|SetListenPort|WithListenPort)\(\s*(\d{2,5})\s*\)/g;
const PORT_KEY = /"(?:port|http_port|httpPort|listen_port|server_port)"\s*:\s*"?(\d{2,5})"?/g;
const CONFIG_CONTEXT = /database|\bdb\b|redis|mysql|postgres|mongo|cache|queue|mail|smtp|broker/i;

/**
 * A server address literal anywhere in the binary's code (`":8080"`, `"0.0.0.0:8080"`,
 * `"tcp://:8080"`), a port setter (`SetPort(8080)`) or a `"port": "8080"` config map entry, main
 * package first. Client lines (Dial, redis, sql) and well-known backing-service ports are skipped;
 * metrics/pprof/admin addresses only count when nothing else does.
 */
function genericAddress(files: readonly GoFile[]): { value: string; where: { file: string; line: number; note: string } } | null {
  let secondary: { value: string; where: { file: string; line: number; note: string } } | null = null;
  for (const f of files) {
    const hits: Array<{ index: number; value: string; line: number }> = [];
    for (const m of matchAll(f.code, SERVER_ADDRESS)) hits.push({ index: m.match.index, value: `${m.match[1] ?? ''}:${m.match[2]}`, line: m.line });
    for (const m of matchAll(f.code, PORT_SETTER)) hits.push({ index: m.match.index, value: m.match[1] ?? '', line: m.line });
    for (const m of matchAll(f.code, PORT_KEY)) {
      const before = f.code.slice(Math.max(0, m.match.index - 400), m.match.index);
      if (!CONFIG_CONTEXT.test(before.split('\n').slice(-8).join('\n'))) hits.push({ index: m.match.index, value: m.match[1] ?? '', line: m.line });
    }
    hits.sort((a, b) => a.index - b.index);
    for (const hit of hits) {
      const text = lineText(f.code, hit.line);
      const port = parsePort(hit.value.replace(/^.*:/, ''));
      if (port === null || BACKING_PORTS.has(port) || CLIENT_LINE.test(text)) continue;
      const found = { value: hit.value, where: { file: f.file, line: hit.line, note: lineText(f.raw, hit.line) } };
      if (!SECONDARY.test(text)) return found;
      secondary ??= found;
    }
  }
  return secondary;
}

/** Turns a resolved address (':8080', '0.0.0.0:8080', '8080') into port, env var and bind host. */
function applyResolved(result: GoPortResult, r: Resolved): void {
  // gnet and friends take a URL: "tcp://:9000".
  const value = r.value === null ? null : r.value.replace(/^[a-z][a-z0-9+]*:\/\//i, '').replace(/\/$/, '');
  let host: string | null = r.host ?? null;
  if (value !== null) {
    const m = /^(.*):(\d{1,5})$/.exec(value);
    if (m) {
      result.port = parsePort(m[2]);
      host = m[1] === '' ? host : (m[1] ?? null);
    } else {
      result.port = parsePort(value);
    }
  }
  // An ADDR-style variable carries host:port; PORT=8080 in the image would break it, so only a
  // variable that holds a bare port becomes port.envVar.
  if (r.envVar !== null && (isPortVar(r.envVar) || (value !== null && /^\d+$/.test(value)) || (value === null && /PORT/.test(r.envVar)))) {
    result.envVar = r.envVar;
  }
  if (host !== null && host !== '') result.bindAddress = host.replace(/^\[|\]$/g, '');
}

/** `srv.ListenAndServe()` with no argument: the address is the `Addr:` of the http.Server literal. */
function serverAddrField(call: ListenCall, files: readonly GoFile[], resolver: GoResolver): Resolved | null {
  for (const f of [call.file, ...files.filter((x) => x !== call.file)]) {
    const m = /\bAddr\s*:\s*/.exec(f.code);
    if (!m) continue;
    const r = resolver.resolve(exprAt(f.code, m.index + m[0].length), f);
    if (r.value === null && r.envVar === null) continue;
    const line = lineAt(f.code, m.index + m[0].indexOf('Addr'));
    return { ...r, where: r.where ?? { file: f.file, line, note: lineText(f.raw, line) } };
  }
  return null;
}

/** The server listens but its address could not be followed: a PORT read anywhere still tells. */
function portFromEnvRead(result: GoPortResult, files: readonly GoFile[], resolver: GoResolver): void {
  for (const f of files) {
    for (const m of matchAll(f.code, /(\w+)\s*:?=\s*[^\n]*os\.(?:Getenv|LookupEnv)\(\s*"([A-Z_]*PORT)"\s*\)/g)) {
      const r = resolver.resolve(m.match[1] ?? '', f);
      result.envVar = m.match[2] ?? null;
      if (r.value !== null) result.port = parsePort(r.value.replace(/^.*:/, ''));
      result.evidence.push({ file: f.file, line: m.line, note: lineText(f.raw, m.line) });
      if (r.where && r.where.line !== m.line) result.evidence.push(r.where);
      return;
    }
  }
}

const METHOD_VALUE = /(\w+)\s*:?=\s*[\w.()]*\.(?:ListenAndServe(?:TLS)?|Serve(?:TLS)?)[ \t]*$/gm;

const ENGINE_NAMES = /^(r|router|engine|app|g|server|srv|api|e|web|http|mux|handler|routes?)$/i;

/** Variables assigned a framework engine: `r := gin.Default()`, `e := echo.New()`. */
function frameworkEngines(files: readonly GoFile[]): Set<string> {
  const out = new Set<string>();
  for (const f of files) {
    for (const m of matchAll(f.code, /(\w+)\s*:?=\s*(?:gin|echo|fiber)\.(?:Default|New)\(/g)) out.add(m.match[1] ?? '');
  }
  return out;
}

function listenCalls(files: readonly GoFile[], frameworks: readonly GoFramework[]): ListenCall[] {
  const patterns: Array<{ re: RegExp; framework: GoFramework | null }> = [];
  for (const fw of frameworks) for (const re of fw.listen) patterns.push({ re, framework: fw });
  for (const re of nethttp.listen) patterns.push({ re, framework: null });
  patterns.push({ re: RAW_LISTEN, framework: null });
  // Method values: `serve := srv.ListenAndServe; if prefork { serve = p.ListenAndServe }; serve(addr)`.
  for (const file of files) {
    for (const m of matchAll(file.code, METHOD_VALUE)) patterns.push({ re: new RegExp(`(?<![\\w.])${escapeRe(m.match[1] ?? '')}\\(`, 'g'), framework: null });
  }
  const calls: ListenCall[] = [];
  const seen = new Set<string>();
  for (const file of files) {
    for (const { re, framework } of patterns) {
      for (const m of matchAll(file.code, re)) {
        const open = m.match.index + m.match[0].length - 1;
        const key = `${file.file}:${open}`;
        if (seen.has(key)) continue;
        const parsed = callArgs(file.code, open);
        if (!parsed) continue;
        seen.add(key);
        const statement = file.code.slice(m.match.index, parsed.end + 1);
        const receiver = /(\w+)\s*\.\s*\w+\($/.exec(file.code.slice(Math.max(0, open - 80), open + 1))?.[1] ?? null;
        calls.push({ file, index: m.match.index, line: m.line, args: parsed.args, framework, secondary: SECONDARY.test(`${m.text} ${statement}`), receiver });
      }
    }
  }
  const order = new Map(files.map((f, i) => [f, i]));
  return calls.sort((a, b) => (order.get(a.file) ?? 0) - (order.get(b.file) ?? 0) || a.index - b.index);
}
