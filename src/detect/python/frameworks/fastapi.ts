/**
 * FastAPI: the module that builds `app = FastAPI()` is served by `fastapi run <file>` when the
 * project uses the FastAPI CLI (fastapi[standard] or fastapi-cli), else by uvicorn (or the ASGI
 * server it declares). An app factory is served with `uvicorn --factory`. Port 8000 by default.
 */
import { baseName, dirName, topLevelAssignments } from '../source.js';
import type { AppTarget } from '../servers.js';
import {
  appTarget, asgiCommand, entryOrder, factOf, findAppAssignment, findFactory, importStringFromRunCall, portFromRunCalls, type ServerChoice,
} from './common.js';
import { emptyMatch, type Fact, type FrameworkMatch, type PyContext } from './types.js';

export function detectFastApi(ctx: PyContext): FrameworkMatch | null {
  if (!ctx.deps.has('fastapi')) return null;
  const found = locateApp(ctx);
  if (!found) return null;
  const match = emptyMatch('fastapi', found.fact, 8000, 'FastAPI is served on 8000 by default');
  const usesCli = ctx.deps.hasExtra('fastapi', 'standard') || ctx.deps.has('fastapi-cli');
  const cliFile = usesCli ? fastapiRunFile(ctx, found) : null;
  let choice: ServerChoice;
  if (cliFile) {
    const note = ctx.deps.has('fastapi-cli') ? 'fastapi-cli is a dependency' : 'fastapi[standard] brings the FastAPI CLI';
    choice = { command: `fastapi run ${cliFile} --port $PORT`, server: 'uvicorn', note, missing: false };
  } else {
    choice = asgiCommand(ctx, found.app);
  }
  match.start = { command: choice.command, fact: { ...found.fact, note: `${found.fact.note} (${choice.note})` } };
  if (choice.missing) match.warnings.push('FastAPI app found but no ASGI server (uvicorn, hypercorn) is a dependency; add uvicorn so the start command works.');
  match.codePort = portFromRunCalls(ctx, 'uvicorn\\.run');
  return match;
}

interface LocatedApp {
  app: AppTarget;
  fact: Fact;
  /** The file and variable, when the app is a module-level object (fastapi run needs them). */
  file: string | null;
  variable: string | null;
}

function locateApp(ctx: PyContext): LocatedApp | null {
  const found = findAppAssignment(ctx, 'FastAPI', 'fastapi');
  if (found) {
    const { file } = found.source;
    return { app: appTarget(ctx, file, found.assignment.name, { asgi: true, factory: false }), fact: factOf(found), file, variable: found.assignment.name };
  }
  // `uvicorn.run("app.main:app", …)` names the app even when it is built elsewhere.
  const named = importStringFromRunCall(ctx);
  if (named) return { app: { target: named.target, appDir: '', asgi: true, factory: false }, fact: named.fact, file: null, variable: null };
  // `app = create_application(router)` in main.py, the FastAPI() call living in a helper module
  const built = builtByHelper(ctx);
  if (built) return built;
  const factory = findFactory(ctx, 'create_app|get_application|get_app|make_app|build_app', 'fastapi');
  if (factory) {
    return { app: appTarget(ctx, factory.source.file, factory.name, { asgi: true, factory: true }), fact: factory.fact, file: null, variable: null };
  }
  return null;
}

const ENTRY_FILES = new Set(['main.py', 'app.py', 'asgi.py', 'server.py', 'api.py']);

function builtByHelper(ctx: PyContext): LocatedApp | null {
  for (const source of entryOrder(ctx.sources)) {
    if (!ENTRY_FILES.has(baseName(source.file))) continue;
    const assignment = topLevelAssignments(source, '\\w*(?:app|application|api)\\w*').find((a) => ['app', 'application', 'api'].includes(a.name));
    if (!assignment) continue;
    const fact = { file: assignment.file, line: assignment.line, note: assignment.note };
    return { app: appTarget(ctx, source.file, assignment.name, { asgi: true, factory: false }), fact, file: source.file, variable: assignment.name };
  }
  return null;
}

/**
 * The path `fastapi run` is given (relative to the service), when it can find the app by itself:
 * a variable named `app` or `api`, in a file at the root or inside a package (an `__init__.py`
 * beside it), so its imports resolve the way the developer runs them.
 */
function fastapiRunFile(ctx: PyContext, found: LocatedApp): string | null {
  if (!found.file || !found.variable || !['app', 'api'].includes(found.variable)) return null;
  const local = ctx.dir === '' ? found.file : found.file.slice(ctx.dir.length + 1);
  const folder = dirName(found.file);
  if (local.includes('/') && !ctx.repo.isFile(`${folder}/__init__.py`)) return null;
  return local;
}
