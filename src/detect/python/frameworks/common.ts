/**
 * Helpers the framework modules share: finding the module-level app object, the app factory, the
 * server that runs it, and a port set in code (`uvicorn.run(app, port=8000)`, `app.run(port=5000)`).
 */
import { portFromExpression } from '../port.js';
import {
  gunicornCommand, hypercornCommand, daphneCommand, uvicornCommand, uwsgiCommand, waitressCommand, type AppTarget, type ServerName,
} from '../servers.js';
import {
  baseName, findCalls, imports, keywordArgument, moduleOf, positionalArgument, stringLiteral, topLevelAssignments, topLevelFunctions,
  type Assignment, type PySource,
} from '../source.js';
import type { Fact, PortFromCode, PyContext } from './types.js';

/** Entry-point file names, most conventional first. */
const ENTRY_NAMES = ['main.py', 'app.py', 'asgi.py', 'wsgi.py', 'server.py', 'api.py', 'application.py', 'run.py', '__init__.py', 'web.py'];

function rank(file: string): number {
  const i = ENTRY_NAMES.indexOf(baseName(file));
  return i === -1 ? ENTRY_NAMES.length : i;
}

/** Sources ordered by depth, then by how conventional the file name is for an entry point. */
export function entryOrder(sources: readonly PySource[]): PySource[] {
  const depth = (f: string): number => f.split('/').length;
  return [...sources].sort((a, b) => depth(a.file) - depth(b.file) || rank(a.file) - rank(b.file) || a.file.localeCompare(b.file));
}

export interface FoundApp {
  source: PySource;
  assignment: Assignment;
}

/** The first module-level `name = <callee>(` in a file that imports `module` (or any file when module is null). */
export function findAppAssignment(ctx: PyContext, callee: string, module: string | null): FoundApp | null {
  for (const source of entryOrder(ctx.sources)) {
    if (module && !imports(source, module)) continue;
    const assignment = topLevelAssignments(source, callee)[0];
    if (assignment) return { source, assignment };
  }
  return null;
}

/** A module-level app factory (`def create_app(`) in a file that imports `module`. */
export function findFactory(ctx: PyContext, names: string, module: string): { source: PySource; fact: Fact; name: string } | null {
  for (const source of entryOrder(ctx.sources)) {
    if (!imports(source, module)) continue;
    const found = topLevelFunctions(source, names)[0];
    if (found) return { source, fact: found, name: /def\s+(\w+)/.exec(found.note)?.[1] ?? 'create_app' };
  }
  return null;
}

/** `module:name` for an object defined in `file`. */
export function appTarget(ctx: PyContext, file: string, name: string, options: { asgi: boolean; factory: boolean }): AppTarget {
  const ref = moduleOf(ctx.dir, file);
  return { target: `${ref.module}:${name}${options.factory ? '()' : ''}`, appDir: ref.appDir, asgi: options.asgi, factory: options.factory };
}

export interface ServerChoice {
  command: string;
  server: ServerName;
  note: string;
  /** The server is not a declared dependency: the user must add it. */
  missing: boolean;
}

/** The command that serves an ASGI app with the server the project declares (uvicorn when none). */
export function asgiCommand(ctx: PyContext, app: AppTarget): ServerChoice {
  const { servers } = ctx;
  if (ctx.gunicornConfig && servers.has('gunicorn') && servers.has('uvicorn')) {
    return { command: gunicornCommand(app, ctx.gunicornConfig), server: 'gunicorn', note: `gunicorn with ${ctx.gunicornConfig.file}`, missing: false };
  }
  if (servers.has('uvicorn')) return { command: uvicornCommand(app), server: 'uvicorn', note: 'uvicorn is a dependency', missing: false };
  if (servers.has('hypercorn')) return { command: hypercornCommand(app), server: 'hypercorn', note: 'hypercorn is a dependency', missing: false };
  if (servers.has('daphne')) return { command: daphneCommand(app), server: 'daphne', note: 'daphne is a dependency', missing: false };
  return { command: uvicornCommand(app), server: 'uvicorn', note: 'no ASGI server declared; uvicorn assumed', missing: true };
}

/** The command that serves a WSGI app with a declared production server, or null when none is declared. */
export function wsgiCommand(ctx: PyContext, app: AppTarget): ServerChoice | null {
  const { servers } = ctx;
  if (servers.has('gunicorn')) {
    const note = ctx.gunicornConfig ? `gunicorn with ${ctx.gunicornConfig.file}` : 'gunicorn is a dependency';
    return { command: gunicornCommand(app, ctx.gunicornConfig), server: 'gunicorn', note, missing: false };
  }
  if (servers.has('uwsgi')) return { command: uwsgiCommand(app, ctx.uwsgiConfig), server: 'uwsgi', note: ctx.uwsgiConfig ? `uwsgi with ${ctx.uwsgiConfig.file}` : 'uwsgi is a dependency', missing: false };
  if (servers.has('waitress')) return { command: waitressCommand(app), server: 'waitress', note: 'waitress is a dependency', missing: false };
  return null;
}

/**
 * A port the code sets when it runs itself: `uvicorn.run(app, host="0.0.0.0", port=8000)`,
 * `app.run(port=int(os.environ.get("PORT", 5000)))`. `callee` is a regex source for the call.
 */
export function portFromRunCalls(ctx: PyContext, callee: string): PortFromCode | null {
  for (const source of entryOrder(ctx.sources)) {
    for (const call of findCalls(source, callee)) {
      const port = portFromExpression(keywordArgument(call.args, 'port'), source);
      const host = stringLiteral(keywordArgument(call.args, 'host'));
      if (port || host) return { value: port?.value ?? null, envVar: port?.envVar ?? null, host, fact: { file: call.file, line: call.line, note: call.note } };
    }
  }
  return null;
}

/** An import string passed to uvicorn.run / hypercorn (`uvicorn.run("app.main:app", …)`). */
export function importStringFromRunCall(ctx: PyContext): { target: string; fact: Fact } | null {
  for (const source of entryOrder(ctx.sources)) {
    for (const call of findCalls(source, 'uvicorn\\.run')) {
      const target = stringLiteral(positionalArgument(call.args, 0));
      if (target && /^[\w.]+:[\w.]+$/.test(target)) return { target, fact: { file: call.file, line: call.line, note: call.note } };
    }
  }
  return null;
}

export function factOf(found: FoundApp): Fact {
  return { file: found.assignment.file, line: found.assignment.line, note: found.assignment.note };
}
