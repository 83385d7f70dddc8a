/**
 * Bottle: a WSGI app object (`app = Bottle()`, `app = bottle.default_app()`) served by the WSGI server
 * the project declares. Without one, a script that runs itself (`run(app, host=…, port=…)`) is the
 * start command, on Bottle's default 127.0.0.1:8080 unless it says otherwise.
 */
import { findAppAssignment, findRunCall, factOf, hasWsgiServer } from './common.js';
import { selfRunMatch, servedAppMatch } from './app-match.js';
import type { FrameworkMatch, PyContext } from './types.js';

const DEFAULTS = { port: 8080, host: '127.0.0.1', note: 'Bottle run() listens on 127.0.0.1:8080 by default' };

export function detectBottle(ctx: PyContext): FrameworkMatch | null {
  if (!ctx.deps.has('bottle')) return null;
  const found = findAppAssignment(ctx, 'Bottle|default_app', 'bottle');
  const object = found ? { file: found.source.file, name: found.assignment.name, fact: factOf(found), asgi: false, factory: false } : null;
  if (object && hasWsgiServer(ctx)) return servedAppMatch(ctx, 'bottle', 'Bottle', object);
  const run = findRunCall(ctx, '(?:\\w+\\.)?run', 'bottle');
  if (run) return selfRunMatch(ctx, 'bottle', object?.fact ?? { file: run.call.file, line: run.call.line, note: run.call.note }, run, DEFAULTS);
  return object ? servedAppMatch(ctx, 'bottle', 'Bottle', object) : null;
}
