/**
 * Env vars Elixir code reads: `System.fetch_env!("X")` and `System.get_env("X") || raise …` are
 * required; `System.get_env("X", "d")` and `System.get_env("X") || "d"` are optional with a default;
 * a bare `System.get_env("X")` returns nil when unset and is optional. The port read
 * (`String.to_integer(System.get_env("PORT") || "4000")`) is found here too.
 */
import { isPortVar } from '../shared/env-vars.js';
import { lineAt, lineText, stripHashComments } from '../shared/text.js';

export interface ElixirEnvRead {
  name: string;
  hasDefault: boolean;
  default: string | null;
  line: number;
  text: string;
}

const READ = /System\.(get_env|fetch_env!|fetch_env)\(\s*"([A-Za-z_][A-Za-z0-9_]*)"\s*(?:,\s*("[^"]*"|[^)]*?))?\s*\)/g;

export function elixirEnvReads(source: string): ElixirEnvRead[] {
  const text = stripHashComments(source);
  const reads: ElixirEnvRead[] = [];
  for (const m of text.matchAll(READ)) {
    const fn = m[1];
    const name = m[2] ?? '';
    const arg = m[3]?.trim();
    const rest = text.slice(m.index + m[0].length, lineEnd(text, m.index + m[0].length)).replace(/^\s*\)*/, '');
    const orRaise = /^\s*(\|\||or)\s*raise\b/.test(rest) || (/^\s*(\|\||or)\s*$/.test(rest) && /^\s*raise\b/.test(nextLine(text, m.index)));
    const fallback = /^\s*(?:\|\||or)\s*("([^"]*)"|-?\d+|true|false|:\w+|[\w.]+\([^)]*\))/.exec(rest);
    let hasDefault: boolean;
    let def: string | null = null;
    if (fn === 'fetch_env!') hasDefault = false;
    else if (fn === 'fetch_env') hasDefault = true; // returns {:ok, v} | :error, the caller decides
    else if (arg) {
      hasDefault = true;
      def = /^"([^"]*)"$/.exec(arg)?.[1] ?? null;
    } else if (orRaise) hasDefault = false;
    else {
      hasDefault = true;
      if (fallback) def = fallback[2] ?? (/^-?\d+$|^(true|false)$/.test(fallback[1] ?? '') ? (fallback[1] ?? null) : null);
    }
    const line = lineAt(text, m.index);
    reads.push({ name, hasDefault, default: def, line, text: lineText(source, line) });
  }
  return reads;
}

export interface PortRead {
  port: number;
  envVar: string | null;
  line: number;
  text: string;
}

/**
 * `System.get_env("PORT") || "4000"` / `System.get_env("PORT", "4000")`, else a literal port in an
 * endpoint's `http: [port: 4000]`, a Plug.Cowboy `options: [port: 4000]` or a Bandit child spec.
 */
export function elixirPort(source: string): PortRead | null {
  const text = stripHashComments(source);
  let bare: PortRead | null = null;
  for (const env of text.matchAll(/System\.get_env\(\s*"(\w*PORT)"\s*(?:,\s*"(\d{2,5})"\s*)?\)\s*(?:(?:\|\||or)\s*"?(\d{2,5})"?)?/g)) {
    if (!isPortVar(env[1] ?? '')) continue;
    const line = lineAt(text, env.index);
    const value = env[2] ?? env[3];
    if (value) return { port: Number(value), envVar: env[1] ?? null, line, text: lineText(source, line) };
    bare ??= { port: 4000, envVar: env[1] ?? null, line, text: lineText(source, line) };
  }
  const literal = /(?:\bhttps?:\s*\[[^\]]*?|\boptions:\s*\[[^\]]*?|\{\s*Bandit\b[^}]*?|\bPlug\.Cowboy\b[^}]*?)\bport:\s*(\d{2,5})\b/.exec(text);
  if (literal) {
    const line = lineAt(text, literal.index + literal[0].lastIndexOf('port'));
    return { port: Number(literal[1]), envVar: null, line, text: lineText(source, line) };
  }
  return bare;
}

/** `ip: {127, 0, 0, 1}` → '127.0.0.1'; `{0, 0, 0, 0, 0, 0, 0, 0}` → '::'. */
export function elixirBindAddress(source: string): { address: string; line: number; text: string } | null {
  const text = stripHashComments(source);
  const m = /\bip:\s*\{\s*([\d\s,]+)\}/.exec(text);
  if (!m) return null;
  const parts = (m[1] ?? '').split(',').map((p) => Number(p.trim()));
  const address = parts.length === 4 ? parts.join('.') : parts.every((p) => p === 0) ? '::' : parts.length === 8 && parts.slice(0, 7).every((p) => p === 0) && parts[7] === 1 ? '::1' : parts.join(':');
  const line = lineAt(text, m.index);
  return { address, line, text: lineText(source, line) };
}

function lineEnd(text: string, from: number): number {
  const i = text.indexOf('\n', from);
  return i === -1 ? text.length : i;
}

function nextLine(text: string, from: number): string {
  const end = lineEnd(text, from);
  return text.slice(end + 1, lineEnd(text, end + 1));
}
