/**
 * Where a Go binary listens: every listen call of the frameworks it imports (plus net/http and
 * net.Listen), its address argument followed back through variables, env vars, flags and config
 * structs. The first call that resolves wins, main package first; metrics/pprof/admin listeners
 * only count when nothing else does.
 */
import { isPortVar } from '../shared/env-vars.js';
import { lineAt, lineText, matchAll } from '../shared/text.js';
import { parsePort } from '../shared/text.js';
import { callArgs, exprAt, stringLiteral } from './expr.js';
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
  const usesDefault = (c: ListenCall): boolean => c.args.length === 0 && c.framework?.defaultPort !== undefined;
  // A framework's no-argument default only counts for a call on its engine, and only after every
  // call that names an address: `cmd.Run()` must not pass for gin's `r.Run()`.
  const defaults = calls.filter((c) => usesDefault(c) && c.receiver !== null && (engines.has(c.receiver) || ENGINE_NAMES.test(c.receiver)));
  const explicit = calls.filter((c) => !usesDefault(c) && (c.args.length > 0 || /ListenAndServe/.test(lineText(c.file.code, c.line))));
  result.listening = explicit.length > 0 || defaults.length > 0;
  const ordered = [...explicit.filter((c) => !c.secondary), ...defaults, ...explicit.filter((c) => c.secondary)];
  for (const call of ordered) {
    const callEvidence = { file: call.file.file, line: call.line, note: lineText(call.file.raw, call.line) };
    const addrArg = call.args.find((a) => !NETWORKS.has(stringLiteral(a) ?? ''));
    const fallback = addrArg === undefined ? call.framework?.defaultPort : undefined;
    if (fallback) {
      result.port = fallback.port;
      result.envVar = fallback.envVar;
      result.evidence.push({ ...callEvidence, note: `${callEvidence.note} (${fallback.note})` });
      return result;
    }
    const resolved: Resolved | null = addrArg !== undefined ? resolver.resolve(addrArg, call.file) : serverAddrField(call, files, resolver);
    if (!resolved || (resolved.value === null && resolved.envVar === null)) continue;
    applyResolved(result, resolved);
    if (result.port === null && result.envVar === null) continue;
    result.evidence.push(callEvidence);
    if (resolved.where && !(resolved.where.file === callEvidence.file && resolved.where.line === callEvidence.line)) result.evidence.push(resolved.where);
    return result;
  }
  if (result.listening) portFromEnvRead(result, files, resolver);
  return result;
}

/** Turns a resolved address (':8080', '0.0.0.0:8080', '8080') into port, env var and bind host. */
function applyResolved(result: GoPortResult, r: Resolved): void {
  const value = r.value;
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
