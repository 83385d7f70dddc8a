/**
 * Any WSGI / ASGI app, whatever its framework: a project that depends on an app server (gunicorn,
 * uvicorn, hypercorn, granian, uwsgi, waitress, daphne, bjoern, meinheld, socketify) and has a module
 * exposing a callable (`def application(environ, start_response)`, `async def app(scope, receive, send)`,
 * or a module-level `app = Framework(…)`) is a web service. The framework is named after the package
 * the app object comes from when it is a declared dependency (`app = Eve()` → eve), else wsgi / asgi.
 */
import { baseName, imports, locate, topLevelAssignments, type PySource } from '../source.js';
import { entryOrder, importable, packageOf } from './common.js';
import { servedAppMatch, type AppObject } from './app-match.js';
import type { FrameworkMatch, PyContext } from './types.js';

const HOSTING = ['gunicorn', 'uvicorn', 'hypercorn', 'granian', 'uwsgi', 'pyuwsgi', 'waitress', 'daphne', 'bjoern', 'meinheld', 'socketify'];

/** Files that configure something rather than define the app. */
const NOT_APP = /(?:^|[_.-])(?:conf|config|settings|setup|conftest|manage|models?|tests?)\.py$|^(?:gunicorn|uwsgi|hypercorn)[\w.]*\.py$/;

/** Frameworks whose import name differs from their package (`from tg import AppConfig` is TurboGears). */
const MODULE_FRAMEWORKS: Record<string, string> = { tg: 'turbogears', masonite: 'masonite', web2py: 'web2py', gluon: 'web2py' };

const NOT_WEB = /^(?:Typer|Celery|Click|Group|ArgumentParser|Dramatiq|Huey|Faust|Rocketry|Cli|CLI|cli|group|command)$/;

export function detectGenericApp(ctx: PyContext): FrameworkMatch | null {
  const server = HOSTING.find((name) => ctx.deps.has(name));
  if (!server) return null;
  const found = findCallable(ctx);
  if (!found) return null;
  const source = ctx.sources.find((s) => s.file === found.file);
  const known = source ? Object.entries(MODULE_FRAMEWORKS).find(([module]) => imports(source, module))?.[1] : undefined;
  found.framework ??= known ?? null;
  const id = found.framework ?? (found.asgi ? 'asgi' : 'wsgi');
  const label = found.framework ?? (found.asgi ? 'ASGI' : 'WSGI');
  const match = servedAppMatch(ctx, id, label, found);
  match.evidence = { ...found.fact, note: `${found.fact.note} (${found.asgi ? 'ASGI' : 'WSGI'} app; ${server} is a dependency)` };
  return match;
}

interface Callable extends AppObject {
  /** The declared package the app object is built from (`from eve import Eve` → eve). */
  framework: string | null;
}

function findCallable(ctx: PyContext): Callable | null {
  const candidates = entryOrder(ctx.sources).filter((s) => !NOT_APP.test(baseName(s.file)) && importable(ctx, s.file));
  for (const source of candidates) {
    // `def application(environ, start_response)` / `async def app(scope, receive, send)`
    const wsgi = /^def\s+(app|application)\s*\(\s*\w+\s*,\s*\w+\s*\)\s*:/m.exec(source.code);
    if (wsgi?.[1]) return { file: source.file, name: wsgi[1], fact: locate(source, wsgi.index), asgi: false, factory: false, framework: null };
    const asgi = /^async\s+def\s+(app|application|main)\s*\(\s*scope\s*,\s*receive\s*,\s*send\s*\)\s*:/m.exec(source.code);
    if (asgi?.[1]) return { file: source.file, name: asgi[1], fact: locate(source, asgi.index), asgi: true, factory: false, framework: null };
  }
  for (const source of candidates) {
    const assignment = topLevelAssignments(source, '[A-Za-z_]\\w*').find((a) => a.name === 'app' || a.name === 'application');
    if (!assignment) continue;
    const callee = /=\s*(?:[A-Za-z_]\w*\s*=\s*)*((?:[A-Za-z_]\w*\.)*[A-Za-z_]\w*)\s*\($/.exec(source.code.slice(source.code.lastIndexOf('\n', assignment.openParen) + 1, assignment.openParen + 1))?.[1] ?? '';
    // command-line and task-queue apps are called `app` too
    if (NOT_WEB.test(callee.split('.').pop() ?? '')) continue;
    return { file: source.file, name: assignment.name, fact: assignment, asgi: isAsgi(ctx, source), factory: false, framework: packageOf(ctx, source, callee) };
  }
  return null;
}

/** An app object is ASGI when its module is async (`async def` handlers) or the gunicorn config runs uvicorn workers. */
function isAsgi(ctx: PyContext, source: PySource): boolean {
  if (/uvicorn|asgi/i.test(ctx.gunicornConfig?.workerClass ?? '')) return true;
  return /^\s*async\s+def\s/m.test(source.code) || /\basgi\b/.test(source.code);
}
