/**
 * Flask: a module-level `app = Flask(__name__)` (or `app = create_app()` in wsgi.py), else an app
 * factory `def create_app()` served as `gunicorn 'pkg:create_app()'`. Served by the WSGI server the
 * project declares (gunicorn, uwsgi, waitress); without one, by `flask run` on Flask's port 5000,
 * with a warning. flask-migrate gives `flask db upgrade`.
 */
import { joinPath } from '../../../core/repo/repo-fs.js';
import type { AppTarget } from '../servers.js';
import { imports, moduleOf, topLevelAssignments } from '../source.js';
import { appTarget, entryOrder, findFactory, portFromRunCalls, wsgiCommand } from './common.js';
import { emptyMatch, type Fact, type FrameworkMatch, type PyContext } from './types.js';

export function detectFlask(ctx: PyContext): FrameworkMatch | null {
  if (!ctx.deps.has('flask')) return null;
  const found = locateApp(ctx);
  if (!found) return null;
  const match = emptyMatch('flask', found.fact, 8000, 'the WSGI server listens on 8000 by default');
  const choice = wsgiCommand(ctx, found.app);
  if (choice) {
    match.start = { command: choice.command, fact: { ...found.fact, note: `${found.fact.note} (${choice.note})` } };
  } else {
    match.start = { command: `flask --app ${flaskAppOption(found)} run --host 0.0.0.0 --port $PORT`, fact: { ...found.fact, note: `${found.fact.note} (no WSGI server declared: flask run)` } };
    match.defaultPort = 5000;
    match.defaultPortNote = 'flask run listens on 5000 by default';
    match.warnings.push('Flask app found but no production WSGI server (gunicorn, uwsgi, waitress) is a dependency; the start command uses the `flask run` development server. Add gunicorn.');
  }
  const names = [...new Set(['app', 'application', found.variable ?? 'app'])].join('|');
  match.codePort = portFromRunCalls(ctx, `(?:${names}|socketio)\\.run`);
  match.migrate = flaskMigrate(ctx, found);
  return match;
}

interface LocatedApp {
  app: AppTarget;
  fact: Fact;
  /** Module and variable / factory name, for `flask --app`. */
  module: string;
  variable: string | null;
}

const FACTORIES = 'create_app|make_app|build_app|get_app';

function locateApp(ctx: PyContext): LocatedApp | null {
  for (const source of entryOrder(ctx.sources)) {
    const direct = imports(source, 'flask') ? topLevelAssignments(source, 'Flask')[0] : undefined;
    const viaFactory = topLevelAssignments(source, FACTORIES)[0];
    const assignment = direct ?? viaFactory;
    if (!assignment) continue;
    const fact = { file: assignment.file, line: assignment.line, note: assignment.note };
    return { app: appTarget(ctx, source.file, assignment.name, { asgi: false, factory: false }), fact, module: moduleOf(ctx.dir, source.file).module, variable: assignment.name };
  }
  const factory = findFactory(ctx, FACTORIES, 'flask');
  if (!factory) return null;
  return {
    app: appTarget(ctx, factory.source.file, factory.name, { asgi: false, factory: true }),
    fact: factory.fact,
    module: moduleOf(ctx.dir, factory.source.file).module,
    variable: null,
  };
}

/** What `flask --app` needs: the module alone when Flask finds `app`/`application`/`create_app` in it by itself. */
function flaskAppOption(found: LocatedApp): string {
  if (found.variable === null || found.variable === 'app' || found.variable === 'application') {
    return found.app.factory && !/:(create_app|make_app)\(\)$/.test(found.app.target) ? `'${found.app.target}'` : found.module;
  }
  return `${found.module}:${found.variable}`;
}

/** flask-migrate with a migrations/ folder: `flask db upgrade` (with --app when Flask cannot find the app by itself). */
function flaskMigrate(ctx: PyContext, found: LocatedApp): FrameworkMatch['migrate'] {
  const dep = ctx.deps.get('flask-migrate');
  const folder = joinPath(ctx.dir, 'migrations');
  if (!dep || !(ctx.repo.isFile(`${folder}/env.py`) || ctx.repo.isFile(`${folder}/alembic.ini`))) return null;
  const flaskenv = ['.flaskenv', '.env'].some((f) => /^\s*FLASK_APP\s*=/m.test(ctx.repo.readText(joinPath(ctx.dir, f)) ?? ''));
  const discoverable = flaskenv || ((found.module === 'app' || found.module === 'wsgi') && found.app.appDir === '');
  const command = discoverable ? 'flask db upgrade' : `flask --app ${flaskAppOption(found)} db upgrade`;
  return { command, fact: { file: dep.file, line: dep.line, note: 'flask-migrate with a migrations/ folder' } };
}
