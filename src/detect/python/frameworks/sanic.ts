/**
 * Sanic: a module-level `app = Sanic("name")`. When the file runs it itself (`app.run(host, port)` in
 * its `__main__` block), that is the start command, on the port it names (Sanic's default is
 * 127.0.0.1:8000). Otherwise Sanic's own CLI serves it: `sanic app:app --host 0.0.0.0 --port $PORT`.
 */
import { appTarget, factOf, findAppAssignment, findRunCall } from './common.js';
import { selfRunMatch } from './app-match.js';
import { emptyMatch, type FrameworkMatch, type PyContext } from './types.js';

export function detectSanic(ctx: PyContext): FrameworkMatch | null {
  if (!ctx.deps.has('sanic')) return null;
  const found = findAppAssignment(ctx, 'Sanic', 'sanic');
  if (!found) return null;
  const evidence = factOf(found);
  const run = findRunCall(ctx, `(?:app|${found.assignment.name})\\.run`, null);
  if (run) return selfRunMatch(ctx, 'sanic', evidence, run, { port: 8000, host: '127.0.0.1', note: 'Sanic listens on 127.0.0.1:8000 by default' });
  const app = appTarget(ctx, found.source.file, found.assignment.name, { asgi: true, factory: false });
  const match = emptyMatch('sanic', evidence, 8000, 'the Sanic CLI listens on 8000 by default');
  match.start = { command: `sanic ${app.target}${app.appDir ? ` --app-dir ${app.appDir}` : ''} --host 0.0.0.0 --port $PORT`, fact: { ...evidence, note: `${evidence.note} (Sanic CLI)` } };
  return match;
}
