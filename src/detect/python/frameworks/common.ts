/**
 * Helpers the framework modules share: finding the module-level app object, the app factory, the
 * server that runs it, and a port set in code (`uvicorn.run(app, port=8000)`, `app.run(port=5000)`).
 */
import { normalizeName } from '../dependencies.js';
import { portFromExpression } from '../port.js';
import {
  gunicornCommand, granianCommand, hypercornCommand, daphneCommand, uvicornCommand, uwsgiCommand, waitressCommand, type AppTarget, type ServerName,
} from '../servers.js';
import {
  baseName, findCalls, imports, keywordArgument, moduleOf, positionalArgument, stringLiteral, topLevelAssignments, topLevelFunctions,
  type Assignment, type Call, type PySource,
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

/** Whether a server can import the file as a module: every path segment is an identifier (`app-socketify.py` is not). */
export function importable(ctx: PyContext, file: string): boolean {
  const local = ctx.dir === '' ? file : file.slice(ctx.dir.length + 1);
  return local.replace(/\.py$/, '').split('/').every((part) => /^[A-Za-z_]\w*$/.test(part));
}

/** The first module-level `name = <callee>(` in an importable file that imports `module` (or any file when module is null). */
export function findAppAssignment(ctx: PyContext, callee: string, module: string | null): FoundApp | null {
  for (const source of entryOrder(ctx.sources)) {
    if ((module && !imports(source, module)) || !importable(ctx, source.file)) continue;
    const assignment = topLevelAssignments(source, callee)[0];
    if (assignment) return { source, assignment };
  }
  return null;
}

/** A module-level app factory (`def create_app(`) in a file that imports `module`. */
export function findFactory(ctx: PyContext, names: string, module: string): { source: PySource; fact: Fact; name: string } | null {
  for (const source of entryOrder(ctx.sources)) {
    if (!imports(source, module) || !importable(ctx, source.file)) continue;
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

const ASGI_COMMANDS: Partial<Record<ServerName, (app: AppTarget, ctx: PyContext) => string>> = {
  uvicorn: uvicornCommand, hypercorn: (app, ctx) => hypercornCommand(app, ctx.hypercornConfig), granian: granianCommand, daphne: daphneCommand,
};

export interface AsgiOptions {
  /** Servers tried first, when declared (Quart prefers hypercorn). */
  prefer?: readonly ServerName[];
  /** The server the framework installs by itself (responder → uvicorn, quart → hypercorn): no warning when used. */
  bundled?: ServerName;
}

/** The command that serves an ASGI app with the server the project declares (uvicorn when none). */
export function asgiCommand(ctx: PyContext, app: AppTarget, options: AsgiOptions = {}): ServerChoice {
  const { servers } = ctx;
  for (const server of options.prefer ?? []) {
    const command = ASGI_COMMANDS[server];
    if (command && servers.has(server)) return { command: command(app, ctx), server, note: `${server} is a dependency`, missing: false };
  }
  // gunicorn with the project's config file (its bind, workers) runs uvicorn workers; without uvicorn
  // declared, only when no other ASGI server is (the user must add uvicorn).
  const asgiServers = (['uvicorn', 'hypercorn', 'granian', 'daphne'] as const).filter((s) => servers.has(s));
  if (ctx.gunicornConfig && servers.has('gunicorn') && (servers.has('uvicorn') || asgiServers.length === 0)) {
    const workerNamed = /uvicorn|asgi/i.test(ctx.gunicornConfig.workerClass ?? '');
    const missing = !servers.has('uvicorn') && !workerNamed;
    return { command: gunicornCommand(app, ctx.gunicornConfig), server: 'gunicorn', note: `gunicorn with ${ctx.gunicornConfig.file}${missing ? ', uvicorn workers' : ''}`, missing };
  }
  for (const server of ['uvicorn', 'hypercorn', 'granian', 'daphne'] as const) {
    const command = ASGI_COMMANDS[server];
    if (command && servers.has(server)) return { command: command(app, ctx), server, note: `${server} is a dependency`, missing: false };
  }
  const bundled = options.bundled ? ASGI_COMMANDS[options.bundled] : undefined;
  if (options.bundled && bundled) return { command: bundled(app, ctx), server: options.bundled, note: `${options.bundled} comes with the framework`, missing: false };
  return { command: uvicornCommand(app), server: 'uvicorn', note: 'no ASGI server declared; uvicorn assumed', missing: true };
}

/** The command that serves a WSGI app with a declared production server, or null when none is declared. */
export function wsgiCommand(ctx: PyContext, app: AppTarget): ServerChoice | null {
  const { servers } = ctx;
  if (servers.has('gunicorn')) {
    const note = ctx.gunicornConfig ? `gunicorn with ${ctx.gunicornConfig.file}` : 'gunicorn is a dependency';
    return { command: gunicornCommand(app, ctx.gunicornConfig), server: 'gunicorn', note, missing: false };
  }
  if (servers.has('uwsgi')) {
    const ini = ctx.uwsgiConfig?.namesApp === false ? null : ctx.uwsgiConfig;
    return { command: uwsgiCommand(app, ini), server: 'uwsgi', note: ini ? `uwsgi with ${ini.file}` : 'uwsgi is a dependency', missing: false };
  }
  if (servers.has('waitress')) return { command: waitressCommand(app), server: 'waitress', note: 'waitress is a dependency', missing: false };
  if (servers.has('granian')) return { command: granianCommand(app), server: 'granian', note: 'granian is a dependency', missing: false };
  return null;
}

/** Whether the project declares a server that can run a WSGI app. */
export function hasWsgiServer(ctx: PyContext): boolean {
  return (['gunicorn', 'uwsgi', 'waitress', 'granian'] as const).some((s) => ctx.servers.has(s));
}

/** A WSGI server command, or gunicorn with `missing` set when the project declares none (the user must add it). */
export function wsgiCommandOrGunicorn(ctx: PyContext, app: AppTarget): ServerChoice {
  return wsgiCommand(ctx, app) ?? { command: gunicornCommand(app, ctx.gunicornConfig), server: 'gunicorn', note: 'no WSGI server declared; gunicorn assumed', missing: true };
}

/**
 * A port the code sets when it runs itself: `uvicorn.run(app, host="0.0.0.0", port=8000)`,
 * `app.run(port=int(os.environ.get("PORT", 5000)))`, or positionally `app.run("0.0.0.0", 8080)`.
 * `callee` is a regex source for the call.
 */
export function portFromRunCalls(ctx: PyContext, callee: string): PortFromCode | null {
  for (const source of entryOrder(ctx.sources)) {
    for (const call of findCalls(source, callee)) {
      const found = portOfCall(source, call);
      if (found) return found;
    }
  }
  return null;
}

/** Port and host of one serve call: keywords first, then positional arguments that read as a host or a port. */
export function portOfCall(source: PySource, call: Call): PortFromCode | null {
  const resolve = (expr: string | null): string | null => (expr && /^[A-Za-z_]\w*$/.test(expr) ? (localValue(source, expr, call.index) ?? expr) : expr);
  let port = portFromExpression(resolve(keywordArgument(call.args, 'port')), source);
  let host = stringLiteral(resolve(keywordArgument(call.args, 'host') ?? keywordArgument(call.args, 'address')));
  if (!port || !host) {
    for (let i = 0; i < 4; i++) {
      const arg = positionalArgument(call.args, i);
      if (arg === null) break;
      const value = resolve(arg);
      const literal = stringLiteral(value);
      if (!host && literal !== null && /^(?:0\.0\.0\.0|127\.0\.0\.1|localhost|::|::1|\[::\]|\d+\.\d+\.\d+\.\d+)$/.test(literal)) {
        host = literal;
        continue;
      }
      const candidate = literal === null ? portFromExpression(value, source) : null;
      // a bare number only counts when it looks like a port (`app.run(4)` is not one)
      if (!port && candidate && ((candidate.envVar !== null && /port/i.test(candidate.envVar)) || (candidate.value !== null && (candidate.value >= 1024 || candidate.value === 80)))) port = candidate;
    }
  }
  if (!port && !host) return null;
  return { value: port?.value ?? null, envVar: port?.envVar ?? null, host, fact: { file: call.file, line: call.line, note: call.note } };
}

/** The value last assigned to `name` before `index` in a file, at any indentation (`port = 3000` inside `if __name__ …`). */
function localValue(source: PySource, name: string, index: number): string | null {
  const re = new RegExp(`^[ \\t]*${name}\\s*(?::[^=\\n]+)?=(?!=)\\s*(.+)$`, 'gm');
  let found: string | null = null;
  for (let m = re.exec(source.code); m !== null && m.index < index; m = re.exec(source.code)) found = m[1]?.trim() ?? null;
  return found;
}

/**
 * How to run a Python file the way its author does: `python -m pkg.server` when it sits in a package
 * and imports relatively (`from .main import …` fails as a script), else `python path/file.py`.
 */
export function scriptCommand(ctx: PyContext, file: string): string {
  const local = ctx.dir === '' ? file : file.slice(ctx.dir.length + 1);
  const source = ctx.sources.find((s) => s.file === file);
  const inPackage = local.includes('/') && ctx.repo.isFile(`${file.slice(0, file.lastIndexOf('/'))}/__init__.py`);
  if (inPackage && source && /^\s*from\s+\.+\w*\s+import\b/m.test(source.code)) {
    const ref = moduleOf(ctx.dir, file);
    return `${ref.appDir ? `cd ${ref.appDir} && ` : ''}python -m ${ref.module}`;
  }
  return `python ${local}`;
}

/** Whether the file runs something when executed: an `if __name__ == "__main__":` block. */
export function hasMainGuard(source: PySource): boolean {
  return /^if\s+__name__\s*==\s*["']__main__["']\s*:/m.test(source.code);
}

/**
 * Whether code at `index` runs when the file is executed: the file has a `__main__` block, or the code
 * is a module-level statement, or it sits in a top-level function the module calls (`run_app()` at the end).
 */
export function runsWhenExecuted(source: PySource, index: number): boolean {
  if (hasMainGuard(source)) return true;
  const lineStart = source.code.lastIndexOf('\n', index - 1) + 1;
  if (!/^\s/.test(source.code.slice(lineStart, lineStart + 1))) return true;
  const before = source.code.slice(0, index);
  const enclosing = [...before.matchAll(/^(?:async\s+)?def\s+(\w+)\s*\(/gm)].pop()?.[1];
  const dedented = [...before.matchAll(/^\S/gm)].pop();
  // the last column-0 line before the call must be that def (else the call is in a class or after it)
  if (!enclosing || !dedented || !/^(?:async\s+)?def\s/.test(before.slice(dedented.index))) return false;
  return new RegExp(`^${enclosing}\\s*\\(`, 'm').test(source.code);
}

export interface RunCall {
  source: PySource;
  call: Call;
}

/**
 * The call that starts a server when a file is run (`app.run(…)`, `web.run_app(app)`,
 * `cherrypy.quickstart(…)`): in a file with a `__main__` block, or at module level. Entry files first.
 */
export function findRunCall(ctx: PyContext, callee: string, module: string | null, accept: (call: Call) => boolean = () => true): RunCall | null {
  for (const source of entryOrder(ctx.sources)) {
    if (module && !imports(source, module)) continue;
    for (const call of findCalls(source, callee)) {
      if (accept(call) && runsWhenExecuted(source, call.index)) return { source, call };
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

/** The declared dependency a name is imported from in a file: `from eve import Eve` / `import heaven` → the package, else null. */
export function packageOf(ctx: PyContext, source: PySource, name: string): string | null {
  const head = name.split('.')[0] ?? '';
  if (!/^[A-Za-z_]\w*$/.test(head)) return null;
  const fromImport = new RegExp(`^\\s*from\\s+([\\w.]+)\\s+import\\s[^\\n]*\\b${head}\\b`, 'm').exec(source.code)?.[1];
  const module = fromImport ?? (new RegExp(`^\\s*import\\s+[\\w., ]*\\b${head}\\b`, 'm').test(source.code) ? head : null);
  const dependency = module ? normalizeName(module.split('.')[0] ?? '') : null;
  return dependency && ctx.deps.has(dependency) ? dependency : null;
}
