/**
 * CherryPy: a script that mounts handlers and starts the engine (`cherrypy.quickstart(Root())`,
 * `cherrypy.engine.start()`), run as it is. The port is `server.socket_port` (config dict, attribute
 * or a config file), default 8080; the host is `server.socket_host`, default 127.0.0.1 (flagged).
 */
import { lineOf } from '../../shared/text.js';
import { portFromExpression } from '../port.js';
import { locate, stringLiteral, type PySource } from '../source.js';
import { findRunCall, scriptCommand } from './common.js';
import { emptyMatch, type Fact, type FrameworkMatch, type PyContext } from './types.js';

export function detectCherryPy(ctx: PyContext): FrameworkMatch | null {
  if (!ctx.deps.has('cherrypy')) return null;
  const run = findRunCall(ctx, 'cherrypy\\.quickstart|cherrypy\\.engine\\.start|cherrypy\\.engine\\.block', 'cherrypy');
  if (!run) return null;
  const fact: Fact = { file: run.call.file, line: run.call.line, note: run.call.note };
  const match = emptyMatch('cherrypy', fact, 8080, 'CherryPy listens on 127.0.0.1:8080 by default');
  match.start = { command: scriptCommand(ctx, run.source.file), fact };
  const port = setting(ctx, run.source, 'socket_port');
  const host = setting(ctx, run.source, 'socket_host');
  const value = port ? portFromExpression(port.expr, run.source) : null;
  match.codePort = {
    value: value?.value ?? (value?.envVar ? null : 8080),
    envVar: value?.envVar ?? null,
    host: host ? (stringLiteral(host.expr) ?? '127.0.0.1') : '127.0.0.1',
    fact: port?.fact ?? host?.fact ?? { ...fact, note: `${fact.note} (CherryPy listens on 127.0.0.1:8080 by default)` },
  };
  return match;
}

/** `'server.socket_port': 8080` (config dict), `cherrypy.server.socket_port = 8080`, or `server.socket_port = 8080` in a .conf file. */
function setting(ctx: PyContext, script: PySource, name: string): { expr: string; fact: Fact } | null {
  const inCode = new RegExp(`["']server\\.${name}["']\\s*:\\s*(.+)$|\\bcherrypy\\.server\\.${name}\\s*=\\s*(.+)$`, 'm');
  for (const source of [script, ...ctx.sources.filter((s) => s !== script)]) {
    const m = inCode.exec(source.code);
    // the value runs to the next top-level comma or brace of the dict
    if (m) return { expr: leadingExpression(m[1] ?? m[2] ?? ''), fact: locate(source, m.index) };
  }
  for (const name_ of ctx.repo.list(ctx.dir).filter((n) => /\.(conf|cfg|ini)$/.test(n))) {
    const file = ctx.dir === '' ? name_ : `${ctx.dir}/${name_}`;
    const text = ctx.repo.readText(file) ?? '';
    const m = new RegExp(`^\\s*server\\.${name}\\s*[=:]\\s*(.+)$`, 'm').exec(text);
    if (m?.[1]) return { expr: m[1].trim(), fact: { file, line: lineOf(text, m[0].trim()), note: m[0].trim() } };
  }
  return null;
}

/** The expression at the start of `text`, up to a top-level comma or the bracket that closes its container. */
function leadingExpression(text: string): string {
  let depth = 0;
  let quote: string | null = null;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quote) {
      if (ch === quote) quote = null;
    } else if (ch === '"' || ch === "'") quote = ch;
    else if ('([{'.includes(ch)) depth++;
    else if (')]}'.includes(ch)) {
      if (depth === 0) return text.slice(0, i).trim();
      depth--;
    } else if (ch === ',' && depth === 0) return text.slice(0, i).trim();
  }
  return text.trim();
}
