/**
 * aiohttp: a `web.Application()` (module level or built in a factory). A script that serves it itself
 * (`web.run_app(app)`, or an `AppRunner` + `web.TCPSite`) is started as it is run (`python -m
 * app.server`), on run_app's default 0.0.0.0:8080 unless it says otherwise. An app object or factory
 * with no such script is served by gunicorn with aiohttp's worker.
 */
import { gunicornCommand } from '../servers.js';
import { imports, locate, topLevelAssignments, topLevelFunctions, type PySource } from '../source.js';
import { appTarget, entryOrder, findRunCall } from './common.js';
import { selfRunMatch } from './app-match.js';
import { emptyMatch, type Fact, type FrameworkMatch, type PyContext } from './types.js';

const APPLICATION = /(?:\bweb\.Application|(?<![\w.])Application)\s*\(/;

export function detectAiohttp(ctx: PyContext): FrameworkMatch | null {
  if (!ctx.deps.has('aiohttp')) return null;
  const builds = entryOrder(ctx.sources).filter((s) => imports(s, 'aiohttp') && buildsApplication(s));
  const first = builds[0];
  if (!first) return null;
  const evidence = applicationFact(first);
  // `run_app(app, path=…)` serves a unix socket behind a proxy: not the container's port.
  const run = findRunCall(ctx, '(?:web\\.)?run_app|(?:web\\.)?TCPSite', 'aiohttp', (call) => !/(?:^|[\s,])path\s*=/.test(call.args));
  if (run) return selfRunMatch(ctx, 'aiohttp', evidence, run, { port: 8080, host: '0.0.0.0', note: 'aiohttp run_app listens on 0.0.0.0:8080 by default' });

  const served = servedObject(builds);
  if (!served) return null;
  const app = appTarget(ctx, served.file, served.name, { asgi: false, factory: false });
  // The aiohttp worker awaits an async factory itself; a plain factory is called by gunicorn.
  const target = served.factory && !served.async ? { ...app, target: `${app.target}()`, factory: true } : app;
  const match = emptyMatch('aiohttp', evidence, 8000, 'gunicorn listens on 8000 by default');
  match.start = { command: gunicornCommand(target, ctx.gunicornConfig, 'aiohttp.GunicornWebWorker'), fact: { ...served.fact, note: `${served.fact.note} (gunicorn with aiohttp's worker)` } };
  if (!ctx.servers.has('gunicorn')) match.warnings.push('aiohttp app found but gunicorn is not a dependency and no script calls web.run_app; add gunicorn so the start command works.');
  return match;
}

function buildsApplication(source: PySource): boolean {
  return /\bweb\.Application\s*\(/.test(source.code) || (/^\s*from\s+aiohttp\.web\s+import\s[^\n]*\bApplication\b/m.test(source.code) && APPLICATION.test(source.code));
}

function applicationFact(source: PySource): Fact {
  const at = locate(source, APPLICATION.exec(source.code)?.index ?? 0);
  return { file: at.file, line: at.line, note: at.note };
}

interface Served {
  file: string;
  name: string;
  fact: Fact;
  factory: boolean;
  async: boolean;
}

/** A module-level `app = web.Application()`, else a factory (`async def create_app()`) that builds one. */
function servedObject(builds: readonly PySource[]): Served | null {
  for (const source of builds) {
    const assignment = topLevelAssignments(source, 'Application')[0];
    if (assignment) return { file: source.file, name: assignment.name, fact: assignment, factory: false, async: false };
  }
  for (const source of builds) {
    const factory = topLevelFunctions(source, 'create_app|make_app|init_app|build_app|get_app|app_factory|init|main')[0];
    if (factory) return { file: source.file, name: /def\s+(\w+)/.exec(factory.note)?.[1] ?? 'create_app', fact: factory, factory: true, async: /^async\s/.test(factory.note) };
  }
  return null;
}
