/**
 * Database migrations of a Rust service: `sqlx::migrate!()` / diesel's `embed_migrations!` compile
 * the migrations into the binary and run them at startup (no separate command); otherwise the sqlx
 * or diesel CLI over the migrations directory (the package's, or the workspace root's).
 */
import type { RepoFs } from '../../core/repo/repo-fs.js';
import { joinPath } from '../../core/repo/repo-fs.js';
import { matchAll } from '../shared/text.js';
import type { CargoDep } from './cargo.js';
import type { RustFile } from './source.js';

export interface RustMigrate {
  command: string | null;
  evidence: { file: string; line?: number; note: string };
}

export function rustMigrate(repo: RepoFs, dir: string, contextDir: string, deps: readonly CargoDep[], files: readonly RustFile[], manifestFile: string): RustMigrate | null {
  // Embedded and run by the app itself; a CLI subcommand (admin/, cli/, a migrate module) is not startup.
  for (const f of files) {
    if (/\/(admin|cli|commands?|migrat\w*)(\/|\.rs$)/.test(f.file)) continue;
    const m = matchAll(f.code, /\bsqlx::migrate!\s*\([^)]*\)\s*\.run\s*\(|\brun_pending_migrations\s*\(/g)[0];
    if (m) return { command: null, evidence: { file: f.file, line: m.line, note: `${m.text} (migrations are embedded and run at startup)` } };
  }
  const sqlx = deps.find((d) => d.name === 'sqlx');
  const diesel = deps.find((d) => d.name === 'diesel' || d.name === 'diesel-async');
  if (!sqlx && !diesel) return null;
  const migrations = [dir, contextDir].map((d) => joinPath(d, 'migrations')).find((d) => repo.isDir(d) && repo.list(d).length > 0);
  if (!migrations) return null;
  const rel = relative(dir, migrations);
  if (sqlx) {
    const source = rel === 'migrations' ? '' : ` --source ${rel}`;
    return { command: `sqlx migrate run${source}`, evidence: { file: manifestFile, line: sqlx.line, note: `depends on sqlx and ${migrations}/ holds migrations` } };
  }
  const dieselDep = diesel!;
  const flag = rel === 'migrations' ? '' : ` --migration-dir ${rel}`;
  return { command: `diesel migration run${flag}`, evidence: { file: manifestFile, line: dieselDep.line, note: `depends on ${dieselDep.name} and ${migrations}/ holds migrations` } };
}

/** `to` relative to `from`, both repo-relative directories. */
export function relative(from: string, to: string): string {
  const a = from === '' ? [] : from.split('/');
  const b = to === '' ? [] : to.split('/');
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return [...a.slice(i).map(() => '..'), ...b.slice(i)].join('/') || '.';
}
