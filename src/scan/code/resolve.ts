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

const MANIFESTS: Record<RuleLanguage, string[]> = {
  javascript: ['package.json', 'deno.json'],
  python: ['pyproject.toml', 'requirements.txt', 'setup.py', 'Pipfile', 'manage.py'],
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
