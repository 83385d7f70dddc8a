/**
 * Port and bind address from a Puma config (config/puma.rb): `port ENV.fetch("PORT") { 3000 }`,
 * `port ENV.fetch("PORT", 3000)`, `port 3000`, `bind "tcp://0.0.0.0:3000"`, and the same with the
 * port interpolated from ENV.
 */
import { lineAt, lineText, stripHashComments } from '../shared/text.js';

export interface PumaPort {
  port: number | null;
  envVar: string | null;
  bindAddress: string | null;
  line: number;
  text: string;
}

const ENV_PORT = /ENV\.fetch\(\s*["'](\w+)["']\s*(?:,\s*["']?(\d{2,5})["']?\s*)?\)(?:\s*\{\s*["']?(\d{2,5})["']?\s*\})?|ENV\[\s*["'](\w+)["']\s*\](?:\s*(?:\|\||or)\s*["']?(\d{2,5})["']?)?/;

export function pumaPort(source: string): PumaPort | null {
  const text = stripHashComments(source);
  const portLine = /^[ \t]*port\s*\(?\s*(.+)$/m.exec(text);
  if (portLine) {
    const expr = portLine[1] ?? '';
    const line = lineAt(text, portLine.index);
    const literal = /^["']?(\d{2,5})["']?/.exec(expr.trim());
    if (literal) return { port: Number(literal[1]), envVar: null, bindAddress: null, line, text: lineText(source, line) };
    const env = ENV_PORT.exec(expr);
    if (env) {
      const envVar = env[1] ?? env[4] ?? null;
      const value = env[2] ?? env[3] ?? env[5];
      // Puma's own default when the variable is unset and no fallback is given.
      return { port: value ? Number(value) : 9292, envVar, bindAddress: null, line, text: lineText(source, line) };
    }
  }
  const bind = /^[ \t]*bind\s*\(?\s*["']tcp:\/\/([^:"'\s]+):(.+)$/m.exec(text);
  if (bind) {
    const line = lineAt(text, bind.index);
    const portExpr = bind[2] ?? '';
    const bindAddress = bind[1] ?? null;
    const literal = /^(\d{2,5})["']/.exec(portExpr);
    if (literal) return { port: Number(literal[1]), envVar: null, bindAddress, line, text: lineText(source, line) };
    const env = ENV_PORT.exec(portExpr);
    if (env) {
      const value = env[2] ?? env[3] ?? env[5];
      return { port: value ? Number(value) : null, envVar: env[1] ?? env[4] ?? null, bindAddress, line, text: lineText(source, line) };
    }
  }
  return null;
}
