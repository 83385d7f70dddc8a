/** Module resolution for the cross-file pass, and the "project" (app) a file belongs to. */
import type { RepoFs } from '../../core/repo/repo-fs.js';
import type { RuleLanguage } from './languages.js';

const JS_SUFFIXES = ['', '.ts', '.tsx', '.js', '.mjs', '.cjs', '.jsx', '/index.ts', '/index.js'];

function dirOf(file: string): string {
  const i = file.lastIndexOf('/');
  return i < 0 ? '' : file.slice(0, i);
}

function join(dir: string, rel: string): string | null {
  const parts = dir ? dir.split('/') : [];
  for (const seg of rel.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') {
      if (!parts.length) return null;
      parts.pop();
    } else parts.push(seg);
  }
  return parts.join('/');
}

/** The repository file a specifier imported from `from` names, or null (a package, or not found). */
export function resolveModule(repo: RepoFs, from: string, specifier: string): string | null {
  if (specifier.startsWith('.') && !/^\.+[A-Za-z_]/.test(specifier.replace(/^\.\//, '#'))) {
    const base = join(dirOf(from), specifier.replace(/\.(js|mjs|cjs|jsx)$/, ''));
    if (base === null) return null;
    for (const s of JS_SUFFIXES) if (repo.isFile(base + s)) return base + s;
    for (const s of ['.js', '.mjs', '.cjs']) if (repo.isFile(base + s)) return base + s;
  }
  // Python: `.db` / `..pkg.db` relative, or `app.db` absolute from the root or any ancestor folder.
  const dots = /^\.*/.exec(specifier)?.[0].length ?? 0;
  const mod = specifier.slice(dots).replace(/\./g, '/');
  const bases: string[] = [];
  if (dots) {
    let dir: string | null = dirOf(from);
    for (let i = 1; i < dots && dir !== null; i++) dir = dir ? dirOf(dir) : null;
    if (dir !== null) bases.push(dir);
  } else {
    let dir = dirOf(from);
    for (;;) {
      bases.push(dir);
      if (!dir) break;
      dir = dirOf(dir);
    }
  }
  for (const b of bases) {
    const p = [b, mod].filter(Boolean).join('/');
    for (const c of [`${p}.py`, `${p}/__init__.py`]) if (repo.isFile(c)) return c;
  }
  return null;
}

const goModules = new WeakMap<RepoFs, Map<string, string | null>>();

/** The `module` path declared by `dir/go.mod`, cached per repository. */
function goModulePath(repo: RepoFs, dir: string): string | null {
  let cache = goModules.get(repo);
  if (!cache) goModules.set(repo, (cache = new Map()));
  if (cache.has(dir)) return cache.get(dir) ?? null;
  const text = repo.readText(dir ? `${dir}/go.mod` : 'go.mod');
  const path = text ? /^\s*module\s+"?([^\s"]+)"?/m.exec(text)?.[1] ?? null : null;
  cache.set(dir, path);
  return path;
}

/**
 * The directory (Go package) a Go import names, for the cross-file pass: the file's own directory for
 * a same-package call, or `<module dir>/<rest>` for an import under the module path of the nearest go.mod.
 */
export function resolveGoPackage(repo: RepoFs, from: string, specifier: string, samePackage: string): string | null {
  if (specifier === samePackage) return dirOf(from);
  const moduleDir = projectOf(repo, from, 'go');
  const mod = goModulePath(repo, moduleDir);
  if (!mod || !specifier.startsWith(`${mod}/`)) return null;
  const rest = specifier.slice(mod.length + 1);
  return moduleDir ? `${moduleDir}/${rest}` : rest;
}

const MANIFESTS: Record<RuleLanguage, string[]> = {
  javascript: ['package.json', 'deno.json'],
  python: ['pyproject.toml', 'requirements.txt', 'setup.py', 'Pipfile', 'manage.py'],
  go: ['go.mod'],
  java: ['pom.xml', 'build.gradle', 'build.gradle.kts'],
  php: ['composer.json'],
};

/** The folder of the nearest manifest above `file` ('' = repository root): one app for missing controls. */
export function projectOf(repo: RepoFs, file: string, language: RuleLanguage): string {
  let dir = dirOf(file);
  for (;;) {
    if (MANIFESTS[language].some((m) => repo.isFile(dir ? `${dir}/${m}` : m))) return dir;
    if (!dir) return '';
    dir = dirOf(dir);
  }
}
