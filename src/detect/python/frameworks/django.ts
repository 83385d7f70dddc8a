/**
 * Django: manage.py (at the service root or one or two folders down) names the settings module;
 * the settings name the WSGI / ASGI application and the URL conf. WSGI apps run under the declared
 * WSGI server (`gunicorn proj.wsgi:application --bind 0.0.0.0:$PORT`); Channels apps (ASGI_APPLICATION
 * with channels) under daphne or uvicorn. Migrations run with `python manage.py migrate --noinput`;
 * the `django` feature asks the Dockerfile for collectstatic. Port 8000.
 */
import type { RepoFs } from '../../../core/repo/repo-fs.js';
import { joinPath } from '../../../core/repo/repo-fs.js';
import { HEALTH_PATHS } from '../../shared/health.js';
import { daphneCommand, uvicornCommand, type AppTarget } from '../servers.js';
import { dirName, moduleFile, type PySource } from '../source.js';
import { asgiCommand, wsgiCommand, type ServerChoice } from './common.js';
import {
  databaseEngines, djangoHealthRoutes, installsApp, settingsModuleIn, settingsSources, stringSetting, type SettingValue,
} from './django-settings.js';
import { emptyMatch, type Fact, type FrameworkMatch, type PyContext } from './types.js';

export function detectDjango(ctx: PyContext): FrameworkMatch | null {
  const managePy = findManagePy(ctx);
  if (!managePy) return null;
  const { repo } = ctx;
  const root = dirName(managePy);
  const rootLocal = local(ctx.dir, root);
  const manageLocal = local(ctx.dir, managePy);
  const dep = ctx.deps.get('django');
  const evidence: Fact = dep ? { file: dep.file, line: dep.line, note: `depends on django; ${manageLocal}` } : { file: managePy, note: 'manage.py' };
  const match = emptyMatch('django', evidence, 8000, 'Django is served on 8000 by default');
  match.features.push('django');
  match.target = manageLocal;
  const manage = `python ${manageLocal}`;
  match.migrate = { command: `${manage} migrate --noinput`, fact: { file: managePy, note: 'Django migrations' } };

  const settingsModule = settingsModuleIn(repo, managePy);
  const settings = settingsModule ? settingsSources(repo, root, settingsModule.value) : [];
  // wsgi.py often points at the production settings while manage.py points at local ones: read both.
  const wsgiSettings = settingsModuleIn(repo, moduleFile(repo, root, siblingModule(settingsModule?.value ?? '', 'wsgi') ?? '') ?? '');
  if (wsgiSettings && wsgiSettings.value !== settingsModule?.value) {
    for (const extra of settingsSources(repo, root, wsgiSettings.value)) if (!settings.some((s) => s.file === extra.file)) settings.push(extra);
  }
  if (!settingsModule) match.warnings.push(`${manageLocal} does not set DJANGO_SETTINGS_MODULE; the WSGI module was guessed.`);

  match.start = startCommand(ctx, root, rootLocal, settings, settingsModule, match, manage);
  addDatabases(match, settings);
  const urlconf = stringSetting(settings, 'ROOT_URLCONF');
  if (urlconf) {
    const routes = djangoHealthRoutes(repo, root, urlconf.value);
    const rankOf = (p: string): number => {
      const i = (HEALTH_PATHS as readonly string[]).indexOf(p.replace(/\/$/, ''));
      return i === -1 ? HEALTH_PATHS.length : i;
    };
    const best = [...routes].sort((a, b) => rankOf(a.path) - rankOf(b.path))[0];
    if (best) match.health = best;
  }
  return match;
}

function local(dir: string, path: string): string {
  return dir === '' ? path : path === dir ? '' : path.slice(dir.length + 1);
}

/** manage.py in the service dir, or one or two folders below it when the manifest sits above the project. */
function findManagePy(ctx: PyContext): string | null {
  const direct = joinPath(ctx.dir, 'manage.py');
  if (ctx.repo.isFile(direct)) return direct;
  if (!ctx.deps.has('django')) return null;
  const prefix = ctx.dir === '' ? '' : `${ctx.dir}/`;
  const candidates = ctx.repo.glob(['*/manage.py', '*/*/manage.py'], { cwd: ctx.dir })
    .filter((f) => !/(^|\/)(tests?|docs?|examples?|node_modules)\//.test(f.slice(prefix.length)))
    .filter((f) => !ctx.repo.isFile(joinPath(dirName(f), 'pyproject.toml')) && !ctx.repo.isFile(joinPath(dirName(f), 'requirements.txt')));
  return candidates.sort((a, b) => a.split('/').length - b.split('/').length || a.localeCompare(b))[0] ?? null;
}

/** `config.settings.production` → `config.wsgi` when config/wsgi.py exists (walking up the package). */
function siblingModule(settingsModule: string, name: string): string | null {
  const parts = settingsModule.split('.');
  if (parts.length < 2) return null;
  return [...parts.slice(0, -1), name].join('.');
}

function findAppModule(repo: RepoFs, root: string, settingsModule: string | null, name: 'wsgi' | 'asgi'): string | null {
  if (settingsModule) {
    const parts = settingsModule.split('.');
    for (let n = parts.length - 1; n >= 1; n--) {
      const candidate = [...parts.slice(0, n), name].join('.');
      if (moduleFile(repo, root, candidate)) return candidate;
    }
  }
  const any = repo.glob([`*/${name}.py`], { cwd: root })[0];
  return any ? any.slice(root === '' ? 0 : root.length + 1).replace(/\.py$/, '').split('/').join('.') : null;
}

/** `proj.wsgi.application` → `proj.wsgi:application`. */
function toTarget(dotted: string): string {
  const i = dotted.lastIndexOf('.');
  return i === -1 ? dotted : `${dotted.slice(0, i)}:${dotted.slice(i + 1)}`;
}

function startCommand(
  ctx: PyContext, root: string, rootLocal: string, settings: PySource[], settingsModule: SettingValue | null, match: FrameworkMatch, manage: string,
): FrameworkMatch['start'] {
  const { repo } = ctx;
  const wsgiSetting = stringSetting(settings, 'WSGI_APPLICATION');
  const asgiSetting = stringSetting(settings, 'ASGI_APPLICATION');
  const channels = ctx.deps.has('channels') ? { file: ctx.deps.get('channels')!.file, note: 'depends on channels' } : installsApp(settings, 'channels');
  const wsgiModule = findAppModule(repo, root, settingsModule?.value ?? null, 'wsgi');
  const asgiModule = findAppModule(repo, root, settingsModule?.value ?? null, 'asgi');
  const wsgi: AppTarget | null = wsgiSetting ? target(wsgiSetting.value, rootLocal, false) : wsgiModule ? target(`${wsgiModule}.application`, rootLocal, false) : null;
  const asgi: AppTarget | null = asgiSetting ? target(asgiSetting.value, rootLocal, true) : asgiModule ? target(`${asgiModule}.application`, rootLocal, true) : null;
  const wsgiFact: Fact = wsgiSetting?.fact ?? { file: settingsModule?.fact.file ?? joinPath(root, 'manage.py'), note: wsgi ? `WSGI module ${wsgi.target}` : 'no WSGI module' };

  if (asgi && asgiSetting && channels) {
    const fact = { ...asgiSetting.fact, note: `${asgiSetting.fact.note} (Channels)` };
    const daphne = ctx.deps.has('daphne') || installsApp(settings, 'daphne') !== null || !ctx.servers.has('uvicorn');
    if (daphne) {
      if (!ctx.deps.has('daphne') && !installsApp(settings, 'daphne')) match.warnings.push('Django Channels app: daphne is not a declared dependency (channels 4 no longer installs it); add daphne.');
      return { command: daphneCommand(asgi), fact };
    }
    return { command: uvicornCommand(asgi), fact };
  }
  if (wsgi) {
    const choice = wsgiCommand(ctx, wsgi);
    if (choice) return { command: choice.command, fact: { ...wsgiFact, note: `${wsgiFact.note} (${choice.note})` } };
  }
  if (asgi && (ctx.servers.has('uvicorn') || ctx.servers.has('hypercorn') || ctx.servers.has('daphne'))) {
    const choice: ServerChoice = asgiCommand(ctx, asgi);
    return { command: choice.command, fact: { ...(asgiSetting?.fact ?? wsgiFact), note: `ASGI application ${asgi.target} (${choice.note})` } };
  }
  match.warnings.push('Django app found but no production server (gunicorn, uvicorn, uwsgi) is a dependency; the start command uses the `runserver` development server. Add gunicorn.');
  return { command: `${manage} runserver 0.0.0.0:$PORT`, fact: { ...wsgiFact, note: 'no production server declared: runserver' } };
}

function target(dotted: string, appDir: string, asgi: boolean): AppTarget {
  return { target: toTarget(dotted), appDir, asgi, factory: false };
}

/** DATABASES engines become backing services; a SQLite dev default is dropped when a server database is configured too. */
function addDatabases(match: FrameworkMatch, settings: PySource[]): void {
  const engines = databaseEngines(settings);
  const server = engines.some((e) => e.kind !== 'sqlite');
  for (const engine of engines) {
    if (server && engine.kind === 'sqlite') continue;
    if (!match.backing.some((b) => b.kind === engine.kind)) match.backing.push({ kind: engine.kind, envVar: null, fact: engine.fact });
  }
}
