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
import { moduleConstant, readSource, stringLiteral, type PySource } from './source.js';

export type ServerName = 'gunicorn' | 'uvicorn' | 'hypercorn' | 'uwsgi' | 'daphne' | 'waitress' | 'granian';

export function declaredServers(deps: DependencySet): Set<ServerName> {
  const out = new Set<ServerName>();
  for (const name of ['gunicorn', 'uvicorn', 'hypercorn', 'daphne', 'waitress', 'granian'] as const) if (deps.has(name)) out.add(name);
  if (deps.has('uwsgi') || deps.has('pyuwsgi')) out.add('uwsgi');
  // fastapi[standard] and fastapi-cli bring uvicorn with them
  if (deps.hasExtra('fastapi', 'standard') || deps.has('fastapi-cli')) out.add('uvicorn');
  return out;
}

export interface ServerConfig {
  server: 'gunicorn' | 'uwsgi' | 'hypercorn';
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
  /** uwsgi: the ini names the app (`module`, `wsgi-file`, `mount`); one that does not is for another launcher. */
  namesApp?: boolean;
}

const GUNICORN_CONFIGS = ['gunicorn.conf.py', 'gunicorn_config.py', 'gunicorn.config.py', 'gunicorn_conf.py', 'config/gunicorn.py', 'gunicorn/config.py'];

/** Settings only a gunicorn (or hypercorn) config module sets at its top level. */
const SERVER_SETTINGS = /^(?:workers|worker_class|keepalive|timeout|graceful_timeout|errorlog|accesslog|pidfile|threads|loglevel|preload_app|max_requests|worker_connections)\s*=/m;

/**
 * gunicorn's Python config file (the one named explicitly wins), or null. Besides the conventional
 * names, any `*_conf.py` / `*.conf.py` / `*_config.py` at the service root that sets `bind` and other
 * gunicorn settings counts: projects name them after the app (`api_conf.py`) and pass them with -c.
 */
export function readGunicornConfig(repo: RepoFs, dir: string, explicit?: string | null): ServerConfig | null {
  const candidates = explicit ? [explicit.replace(/^python:/, '').replace(/^\.\//, ''), ...GUNICORN_CONFIGS] : GUNICORN_CONFIGS;
  for (const local of candidates) {
    const source = readSource(repo, joinPath(dir, local));
    if (source) return gunicornConfigOf(source, local);
  }
  for (const name of repo.list(dir)) {
    if (!/(?:[_.-])(?:conf|config)\.py$/i.test(name) || /hypercorn|uwsgi|settings/i.test(name)) continue;
    const source = readSource(repo, joinPath(dir, name));
    if (!source || !/^bind\s*=/m.test(source.code) || !SERVER_SETTINGS.test(source.code)) continue;
    const config = gunicornConfigOf(source, name);
    // hypercorn's worker classes: a hypercorn config, whatever its name
    if (!/^(asyncio|uvloop|trio)$/.test(config.workerClass ?? '')) return config;
  }
  return null;
}

function gunicornConfigOf(source: PySource, local: string): ServerConfig {
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

/**
 * hypercorn's `--config`: `file:hypercorn_conf.py` (a Python file), `python:pkg.conf` (a module) or a
 * TOML file, each with a `bind` (string or list).
 */
export function readHypercornConfig(repo: RepoFs, dir: string, spec: string): ServerConfig | null {
  const local = spec.replace(/^["']|["']$/g, '').replace(/^file:/, '').replace(/^python:(.+)$/, (_, m: string) => `${m.split('.').join('/')}.py`).replace(/^\.\//, '');
  const file = joinPath(dir, local);
  if (local.endsWith('.toml')) {
    const text = repo.readText(file);
    if (text === null) return null;
    const bind = /^\s*bind\s*=\s*(.+)$/m.exec(text);
    const value = bindFromExpression(bind?.[1]?.trim() ?? null, null);
    return { server: 'hypercorn', file: local, repoPath: file, host: value?.host ?? null, port: value?.value ?? null, envVar: null, line: bind ? lineOf(text, bind[0].trim()) : undefined, note: bind ? bind[0].trim() : `${local} (no bind)`, workerClass: null };
  }
  const source = readSource(repo, file);
  return source ? { ...gunicornConfigOf(source, local), server: 'hypercorn', workerClass: null } : null;
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
      namesApp: /^\s*(?:module|wsgi-file|wsgi|mount|file|callable)\s*=/m.test(text),
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

/**
 * gunicorn for an app target, honouring its config file (whose `bind` then stands). ASGI apps run
 * under uvicorn's worker unless the config names a worker class; `workerClass` forces one (aiohttp's).
 */
export function gunicornCommand(app: AppTarget, config: ServerConfig | null, workerClass?: string): string {
  const parts = ['gunicorn'];
  if (config) parts.push('--config', config.file);
  if (app.appDir) parts.push('--chdir', app.appDir);
  if (workerClass) parts.push('--worker-class', workerClass);
  else if (app.asgi && !config?.workerClass) parts.push('--worker-class', 'uvicorn.workers.UvicornWorker');
  parts.push(app.factory ? `'${app.target}'` : app.target);
  if (!config || (config.port === null && config.envVar === null)) parts.push('--bind', '0.0.0.0:$PORT');
  return parts.join(' ');
}

export function uvicornCommand(app: AppTarget): string {
  const dir = app.appDir ? ` --app-dir ${app.appDir}` : '';
  const factory = app.factory ? ' --factory' : '';
  return `uvicorn ${app.target.replace(/\(\)$/, '')}${factory}${dir} --host 0.0.0.0 --port $PORT`;
}

/**
 * hypercorn has no app-dir option: a src layout must be installed as a package (uv/pdm/pip install . do).
 * With the project's config file, its `bind` stands.
 */
export function hypercornCommand(app: AppTarget, config: ServerConfig | null = null): string {
  const target = app.factory ? `'${app.target}'` : app.target;
  if (!config) return `hypercorn ${target} --bind 0.0.0.0:$PORT`;
  const option = config.file.endsWith('.toml') ? config.file : `file:${config.file}`;
  return `hypercorn --config ${option} ${target}${config.port === null && config.envVar === null ? ' --bind 0.0.0.0:$PORT' : ''}`;
}

const HYPERCORN_CONFIGS = ['hypercorn.toml', 'hypercorn_conf.py', 'hypercorn.conf.py', 'hypercorn_config.py', 'config/hypercorn.toml'];

/** A hypercorn config file the project keeps beside the app, or null. */
export function findHypercornConfig(repo: RepoFs, dir: string): ServerConfig | null {
  const local = HYPERCORN_CONFIGS.find((f) => repo.isFile(joinPath(dir, f)));
  return local ? readHypercornConfig(repo, dir, local) : null;
}

export function daphneCommand(app: AppTarget): string {
  return `daphne -b 0.0.0.0 -p $PORT ${app.target}`;
}

export function uwsgiCommand(app: AppTarget, config: ServerConfig | null): string {
  if (config && config.namesApp !== false) return `uwsgi --ini ${config.file}`;
  const chdir = app.appDir ? ` --chdir ${app.appDir}` : '';
  return `uwsgi --http 0.0.0.0:$PORT --master${chdir} --module ${app.factory ? `'${app.target}'` : app.target}`;
}

/** granian serves ASGI and WSGI apps (and RSGI); it binds 127.0.0.1:8000 unless told otherwise. */
export function granianCommand(app: AppTarget): string {
  const factory = app.factory ? ' --factory' : '';
  const dir = app.appDir ? ` --working-dir ${app.appDir}` : '';
  return `granian --interface ${app.asgi ? 'asgi' : 'wsgi'}${factory}${dir} --host 0.0.0.0 --port $PORT ${app.target.replace(/\(\)$/, '')}`;
}

export function waitressCommand(app: AppTarget): string {
  const factory = app.factory ? ' --call' : '';
  return `waitress-serve --listen=0.0.0.0:$PORT${factory} ${app.target.replace(/\(\)$/, '')}`;
}
