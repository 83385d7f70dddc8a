/**
 * What Deno source says: the listen port (`Deno.serve({ port })`, Oak's `app.listen({ port })`),
 * the hostname it binds, and `Deno.env.get("X")` reads (`?? default` makes them optional).
 */
import { isPortVar } from '../shared/env-vars.js';
import { lineAt, lineText, stripCComments } from '../shared/text.js';

export interface PortFinding {
  port: number;
  envVar: string | null;
  bindAddress: string | null;
  line: number;
  text: string;
}

export interface DenoEnvRead {
  name: string;
  hasDefault: boolean;
  default: string | null;
  line: number;
  text: string;
}

/** Files scanned for ports, routes and env reads. */
export const SOURCE_EXTENSIONS = ['ts', 'tsx', 'js', 'jsx', 'mjs', 'mts'];

/** Deno.serve's default port (and `deno serve`'s). */
export const DENO_DEFAULT_PORT = 8000;

/** The first server start in the file: `Deno.serve(…)` or `<app>.listen({ … })`. */
export function findListen(source: string): PortFinding | null {
  const text = stripCComments(source);
  const call = /\bDeno\.serve\s*\(|\b\w+\.listen\s*\(\s*(?=\{|["'`]|\w+\s*\))/.exec(text);
  if (!call) return null;
  const line = lineAt(text, call.index);
  const evidence = lineText(source, line);
  const args = text.slice(call.index + call[0].length, call.index + call[0].length + 400);
  const isDenoServe = call[0].startsWith('Deno.serve');
  const options = /^\s*\{([^{}]*(?:\{[^{}]*\}[^{}]*)*)\}/.exec(args)?.[1] ?? null;
  const identifier = /^\s*(\w+)\s*\)/.exec(args)?.[1] ?? null;
  const hostString = /^\s*["'`]([^"'`:]*):(\d{2,5})["'`]/.exec(args);

  let port: number | null = null;
  let envVar: string | null = null;
  let via: string | null = null;
  let bindAddress: string | null = null;
  if (options !== null) {
    const portExpr = /\bport\s*:\s*([^,\n}]+)/.exec(options)?.[1]?.trim() ?? (/(^|[\s,{])port\s*(,|$)/.test(options) ? 'port' : null);
    if (portExpr !== null) ({ port, envVar, via } = evaluatePort(text, portExpr));
    bindAddress = /\bhostname\s*:\s*["'`]([^"'`]+)["'`]/.exec(options)?.[1] ?? null;
  } else if (hostString) {
    bindAddress = hostString[1] || null;
    port = Number(hostString[2]);
  } else if (identifier && !isDenoServe) {
    // app.listen(opts) with `const opts = { port: 8080 }` is rare; a bare `port` variable is common.
    ({ port, envVar, via } = evaluatePort(text, identifier));
  }
  if (port === null && isDenoServe) port = DENO_DEFAULT_PORT;
  if (port === null && envVar === null) return null;
  return { port: port ?? DENO_DEFAULT_PORT, envVar, bindAddress, line, text: via ? `${evidence} with ${via}` : evidence };
}

/** A port expression: a number, an identifier declared in the file, or an env read with a fallback. */
function evaluatePort(text: string, expr: string): { port: number | null; envVar: string | null; via: string | null } {
  let resolved = expr;
  let via: string | null = null;
  if (/^\w+$/.test(expr) && !/^\d+$/.test(expr)) {
    const decl = new RegExp(`\\b(?:const|let|var)\\s+${expr}\\s*(?::\\s*\\w+\\s*)?=\\s*([^;\\n]+)`).exec(text);
    if (decl?.[1]) {
      resolved = decl[1];
      via = `${expr} = ${decl[1].trim()}`;
    }
  }
  const env = /Deno\.env\.get\(\s*["'`](\w+)["'`]\s*\)/.exec(resolved);
  const envVar = env && isPortVar(env[1] ?? '') ? (env[1] ?? null) : null;
  const num = /(?:^|[^\w.])(\d{2,5})(?![\w.])/.exec(resolved);
  return { port: num ? Number(num[1]) : null, envVar, via };
}

const ENV_GET = /\bDeno\.env\.get\(\s*["'`]([A-Za-z_][A-Za-z0-9_]*)["'`]\s*\)/g;

export function denoEnvReads(source: string): DenoEnvRead[] {
  const text = stripCComments(source);
  const reads: DenoEnvRead[] = [];
  for (const m of text.matchAll(ENV_GET)) {
    const after = text.slice(m.index + m[0].length, m.index + m[0].length + 120);
    const fallback = /^\s*\)?\s*(\?\?|\|\|)\s*(["'`]([^"'`]*)["'`]|-?\d+(?:\.\d+)?|true|false)?/.exec(after);
    const before = text.slice(Math.max(0, m.index - 40), m.index);
    const tested = /\b(if|while)\s*\(\s*!?\s*$/.test(before) || /[?!]\s*$/.test(before) || /^\s*\)?\s*(\?(?!\?)|===|!==|==|!=|&&)/.test(after);
    const line = lineAt(text, m.index);
    reads.push({
      name: m[1] ?? '',
      hasDefault: fallback !== null || tested,
      default: fallback ? (fallback[3] ?? fallback[2] ?? null) : null,
      line,
      text: lineText(source, line),
    });
  }
  return reads;
}
