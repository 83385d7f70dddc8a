/**
 * Reading a Django project without importing it: DJANGO_SETTINGS_MODULE from manage.py (or
 * wsgi.py/asgi.py), the settings module and what it star-imports (`from .base import *`), single
 * settings such as WSGI_APPLICATION, ASGI_APPLICATION and ROOT_URLCONF, the database engines, and
 * the URL tree for a health route (Django routes have no leading slash: "healthz/" is /healthz/).
 */
import type { RepoFs } from '../../../core/repo/repo-fs.js';
import { joinPath, normalize } from '../../../core/repo/repo-fs.js';
import type { BackingServiceKind } from '../../../plan/schema.js';
import { HEALTH_PATHS } from '../../shared/health.js';
import { dirName, findCalls, moduleConstant, moduleFile, positionalArgument, readSource, stringLiteral, type PySource } from '../source.js';
import type { Fact } from './types.js';

export interface SettingValue {
  value: string;
  fact: Fact;
}

/** DJANGO_SETTINGS_MODULE set by `os.environ.setdefault(...)` in a file, or null. */
export function settingsModuleIn(repo: RepoFs, file: string): SettingValue | null {
  const source = readSource(repo, file);
  if (!source) return null;
  const m = /DJANGO_SETTINGS_MODULE["']\s*,\s*["']([\w.]+)["']/.exec(source.code);
  if (!m?.[1]) return null;
  const line = source.code.slice(0, m.index).split('\n').length;
  return { value: m[1], fact: { file, line, note: source.text.split('\n')[line - 1]?.trim() ?? '' } };
}

/**
 * The settings files to read for a module: its file, what it star-imports from the same project,
 * and, for a settings package (settings/base.py, settings/production.py), every file in it.
 */
export function settingsSources(repo: RepoFs, root: string, module: string): PySource[] {
  const first = moduleFile(repo, root, module);
  if (!first) return [];
  const files: string[] = [];
  const queue = [first];
  while (queue.length > 0 && files.length < 20) {
    const file = queue.shift()!;
    if (files.includes(file)) continue;
    files.push(file);
    const source = readSource(repo, file);
    for (const m of (source?.code ?? '').matchAll(/^from\s+(\.*)([\w.]*)\s+import\s+\*/gm)) {
      const target = resolveImport(repo, root, file, m[1] ?? '', m[2] ?? '');
      if (target) queue.push(target);
    }
  }
  const folder = dirName(first);
  if (/(^|\/)settings$/.test(folder)) {
    for (const name of repo.list(folder)) if (name.endsWith('.py') && !files.includes(joinPath(folder, name))) files.push(joinPath(folder, name));
  }
  return files.map((f) => readSource(repo, f)).filter((s): s is PySource => s !== null);
}

function resolveImport(repo: RepoFs, root: string, from: string, dots: string, module: string): string | null {
  if (dots === '') return moduleFile(repo, root, module);
  let base = dirName(from);
  for (let i = 1; i < dots.length; i++) base = dirName(base);
  const rel = module === '' ? '__init__' : module.split('.').join('/');
  for (const candidate of [`${rel}.py`, `${rel}/__init__.py`]) {
    const file = normalize(joinPath(base, candidate));
    if (file && repo.isFile(file)) return file;
  }
  return null;
}

/** A string setting (`WSGI_APPLICATION = "config.wsgi.application"`), first file wins. */
export function stringSetting(sources: readonly PySource[], name: string): SettingValue | null {
  for (const source of sources) {
    const constant = moduleConstant(source, name);
    const value = stringLiteral(constant?.expr);
    if (constant && value) return { value, fact: { file: source.file, line: constant.line, note: `${name} = ${constant.expr}` } };
  }
  return null;
}

/** Whether INSTALLED_APPS (anywhere in the settings) lists an app. */
export function installsApp(sources: readonly PySource[], app: string): Fact | null {
  for (const source of sources) {
    const m = new RegExp(`["']${app.replace(/\./g, '\\.')}["']`).exec(source.code);
    if (m && /INSTALLED_APPS|_APPS\s*=/.test(source.code)) {
      const line = source.code.slice(0, m.index).split('\n').length;
      return { file: source.file, line, note: `INSTALLED_APPS includes "${app}"` };
    }
  }
  return null;
}

const ENGINES: Array<[RegExp, BackingServiceKind]> = [
  [/postgres|postgis/, 'postgres'],
  [/mysql/, 'mysql'],
  [/sqlite/, 'sqlite'],
  [/mssql|sql_server/, 'sqlserver'],
  [/djongo|mongodb/, 'mongodb'],
];

/** Database backends from `"ENGINE": "django.db.backends.postgresql"` lines. */
export function databaseEngines(sources: readonly PySource[]): Array<{ kind: BackingServiceKind; fact: Fact }> {
  const out: Array<{ kind: BackingServiceKind; fact: Fact }> = [];
  for (const source of sources) {
    for (const m of source.code.matchAll(/["']ENGINE["']\s*:\s*["']([\w.]+)["']/g)) {
      const engine = m[1] ?? '';
      const kind = ENGINES.find(([re]) => re.test(engine))?.[1];
      if (!kind) continue;
      const line = source.code.slice(0, m.index ?? 0).split('\n').length;
      out.push({ kind, fact: { file: source.file, line, note: `ENGINE ${engine}` } });
    }
  }
  return out;
}

/** Route names that count as health checks, without their leading slash. */
const HEALTH_NAMES = new Set<string>(HEALTH_PATHS.map((p) => p.slice(1)));

export interface DjangoRoute {
  path: string;
  fact: Fact;
}

/**
 * Health routes under ROOT_URLCONF: `path("healthz/", …)`, `re_path(r"^health/?$", …)`, prefixes
 * from `include("app.urls")` followed, and `include("health_check.urls")` (django-health-check)
 * counted as a health route itself. Paths come back with a leading slash, trailing slash kept.
 */
export function djangoHealthRoutes(repo: RepoFs, root: string, urlconf: string): DjangoRoute[] {
  const found: DjangoRoute[] = [];
  walkUrls(repo, root, urlconf, '', found, new Set(), 0);
  return found;
}

function walkUrls(repo: RepoFs, root: string, module: string, prefix: string, found: DjangoRoute[], seen: Set<string>, depth: number): void {
  const file = moduleFile(repo, root, module);
  if (!file || seen.has(file) || depth > 4) return;
  seen.add(file);
  const source = readSource(repo, file);
  if (!source) return;
  for (const call of findCalls(source, 'path|re_path|url')) {
    const route = routeText(positionalArgument(call.args, 0));
    if (route === null) continue;
    const full = prefix + route;
    const view = positionalArgument(call.args, 1) ?? '';
    const included = /^include\s*\(\s*(?:\(\s*)?["']([\w.]+)["']/.exec(view)?.[1];
    const fact = { file: call.file, line: call.line, note: call.note };
    if (included === 'health_check.urls' || included?.startsWith('health_check')) {
      found.push({ path: `/${full}`, fact });
    } else if (included) {
      walkUrls(repo, root, included, full, found, seen, depth + 1);
    } else if (HEALTH_NAMES.has(full.replace(/\/$/, ''))) {
      found.push({ path: `/${full}`, fact });
    }
  }
}

/** A route string as Django matches it: `"healthz/"`, or a regex `r"^healthz/?$"` reduced to `healthz/`. */
function routeText(expr: string | null): string | null {
  const value = stringLiteral(expr);
  if (value === null) return null;
  return value.replace(/^\^/, '').replace(/\$$/, '').replace(/\/\?$/, '/').replace(/\\\//g, '/');
}
