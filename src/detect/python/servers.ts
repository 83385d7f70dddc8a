/**
 * The production servers a Python web app is run with (gunicorn, uvicorn, hypercorn, uwsgi, daphne,
 * waitress): which ones the project declares, their config files (gunicorn.conf.py `bind`,
 * uwsgi.ini `http`), and the start command for an app target. Every generated command binds
 * 0.0.0.0 and reads `$PORT`, which the Dockerfile sets from the plan's port.
 */
import type { RepoFs } from '../../core/repo/repo-fs.js';
import { joinPath } from '../../core/repo/repo-fs.js';
import { lineOf, parsePort } from '../shared/text.js';
import type { DependencySet } from './dependencies.js';
import { bindFromExpression } from './port.js';
import { moduleConstant, readSource, stringLiteral } from './source.js';

export type ServerName = 'gunicorn' | 'uvicorn' | 'hypercorn' | 'uwsgi' | 'daphne' | 'waitress';

export function declaredServers(deps: DependencySet): Set<ServerName> {
  const out = new Set<ServerName>();
  for (const name of ['gunicorn', 'uvicorn', 'hypercorn', 'daphne', 'waitress'] as const) if (deps.has(name)) out.add(name);
  if (deps.has('uwsgi') || deps.has('pyuwsgi')) out.add('uwsgi');
  // fastapi[standard] and fastapi-cli bring uvicorn with them
  if (deps.hasExtra('fastapi', 'standard') || deps.has('fastapi-cli')) out.add('uvicorn');
  return out;
}

export interface ServerConfig {
  server: 'gunicorn' | 'uwsgi';
  /** Path relative to the service directory. */
  file: string;
  /** Repo-relative path, for evidence. */
  repoPath: string;
  host: string | null;
  port: number | null;
  envVar: string | null;
  line: number | undefined;
  note: string;
  /** gunicorn `worker_class` (uvicorn workers make it an ASGI server); 'uwsgi-protocol' for a uwsgi `socket`. */
  workerClass: string | null;
}

const GUNICORN_CONFIGS = ['gunicorn.conf.py', 'gunicorn_config.py', 'gunicorn.config.py', 'gunicorn_conf.py', 'config/gunicorn.py', 'gunicorn/config.py'];

/** gunicorn's Python config file (the one named explicitly wins), or null. */
export function readGunicornConfig(repo: RepoFs, dir: string, explicit?: string | null): ServerConfig | null {
  const candidates = explicit ? [explicit.replace(/^python:/, '').replace(/^\.\//, ''), ...GUNICORN_CONFIGS] : GUNICORN_CONFIGS;
  for (const local of candidates) {
    const source = readSource(repo, joinPath(dir, local));
    if (!source) continue;
    const bind = moduleConstant(source, 'bind');
    const value = bindFromExpression(bind?.expr ?? null, source);
    return {
      server: 'gunicorn',
      file: local,
      repoPath: source.file,
      host: value?.host ?? null,
      port: value?.value ?? null,
      envVar: value?.envVar ?? null,
      line: bind?.line,
      note: bind ? `bind = ${bind.expr}` : `${local} (no bind)`,
      workerClass: stringLiteral(moduleConstant(source, 'worker_class')?.expr),
    };
  }
  return null;
}

/** uwsgi.ini / uwsgi.ini-style `[uwsgi]` config with `http = :8000` or `http-socket`. */
export function readUwsgiConfig(repo: RepoFs, dir: string, explicit?: string | null): ServerConfig | null {
  const candidates = ['uwsgi.ini', 'app.ini', 'wsgi.ini', 'config/uwsgi.ini'];
  if (explicit) candidates.unshift(explicit.replace(/^\.\//, ''));
  for (const local of candidates) {
    const file = joinPath(dir, local);
    const text = repo.readText(file);
    if (text === null || !/^\s*\[uwsgi\]/m.test(text)) continue;
    const http = /^\s*(http|http-socket|socket)\s*=\s*(\S*?):(\S+)\s*$/m.exec(text);
    const line = http ? lineOf(text, http[0].trim()) : undefined;
    const envPort = /^\$\((\w+)\)$/.exec(http?.[3] ?? '')?.[1] ?? null;
    return {
      server: 'uwsgi',
      file: local,
      repoPath: file,
      // `http = :8000` listens on every interface
      host: http ? (http[2] || '0.0.0.0') : null,
      port: parsePort(http?.[3]),
      envVar: envPort,
      line,
      note: http ? http[0].trim() : `${local} (no http option)`,
      workerClass: http?.[1] === 'socket' ? 'uwsgi-protocol' : null,
    };
  }
  return null;
}

export interface AppTarget {
  /** `pkg.main:app`, `'pkg:create_app()'`, `proj.wsgi:application`. */
  target: string;
  /** Directory (relative to the service) Python imports from: 'src' for src layouts. */
  appDir: string;
  /** An ASGI app (FastAPI, Starlette, Django asgi) vs WSGI (Flask, Django wsgi). */
  asgi: boolean;
  /** The target is a factory function (`create_app`), called by the server. */
  factory: boolean;
}

/** gunicorn for an app target, honouring its config file (whose `bind` then stands). */
export function gunicornCommand(app: AppTarget, config: ServerConfig | null): string {
  const parts = ['gunicorn'];
  if (config) parts.push('--config', config.file);
  if (app.appDir) parts.push('--chdir', app.appDir);
  if (app.asgi && !config?.workerClass) parts.push('--worker-class', 'uvicorn.workers.UvicornWorker');
  parts.push(app.factory ? `'${app.target}'` : app.target);
  if (!config || (config.port === null && config.envVar === null)) parts.push('--bind', '0.0.0.0:$PORT');
  return parts.join(' ');
}

export function uvicornCommand(app: AppTarget): string {
  const dir = app.appDir ? ` --app-dir ${app.appDir}` : '';
  const factory = app.factory ? ' --factory' : '';
  return `uvicorn ${app.target.replace(/\(\)$/, '')}${factory}${dir} --host 0.0.0.0 --port $PORT`;
}

/** hypercorn has no app-dir option: a src layout must be installed as a package (uv/pdm/pip install . do). */
export function hypercornCommand(app: AppTarget): string {
  return `hypercorn ${app.factory ? `'${app.target}'` : app.target} --bind 0.0.0.0:$PORT`;
}

export function daphneCommand(app: AppTarget): string {
  return `daphne -b 0.0.0.0 -p $PORT ${app.target}`;
}

export function uwsgiCommand(app: AppTarget, config: ServerConfig | null): string {
  if (config) return `uwsgi --ini ${config.file}`;
  const chdir = app.appDir ? ` --chdir ${app.appDir}` : '';
  return `uwsgi --http 0.0.0.0:$PORT --master${chdir} --module ${app.factory ? `'${app.target}'` : app.target}`;
}

export function waitressCommand(app: AppTarget): string {
  const factory = app.factory ? ' --call' : '';
  return `waitress-serve --listen=0.0.0.0:$PORT${factory} ${app.target.replace(/\(\)$/, '')}`;
}
