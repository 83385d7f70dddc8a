/**
 * How a Go service runs its database migrations: in the server at startup (goose.Up / m.Up() in
 * its own code), with a cmd/migrate binary of the module, or with the golang-migrate / goose CLI
 * over a migrations directory when the tool is a dependency.
 */
import type { RepoFs } from '../../core/repo/repo-fs.js';
import type { BackingServiceKind } from '../../plan/schema.js';
import { matchAll } from '../shared/text.js';
import type { GoModule } from './module.js';
import type { GoFile } from './packages.js';

export interface GoMigrate {
  command: string | null;
  evidence: { file: string; line?: number; note: string };
}

const GOLANG_MIGRATE = /^github\.com\/golang-migrate\/migrate(\/v\d+)?$/;
const GOOSE = /^github\.com\/pressly\/goose(\/v\d+)?$/;
const GOOSE_DRIVER: Partial<Record<BackingServiceKind, string>> = { postgres: 'postgres', mysql: 'mysql', mariadb: 'mysql', sqlite: 'sqlite3', sqlserver: 'mssql' };

export function goMigrate(
  repo: RepoFs,
  mod: GoModule,
  files: readonly GoFile[],
  migrateBinary: string | null,
  database: { kind: BackingServiceKind | null; envVar: string | null },
): GoMigrate | null {
  const atStartup = startupMigration(files);
  if (atStartup) return { command: null, evidence: atStartup };
  if (migrateBinary) {
    return { command: `./bin/${migrateBinary}`, evidence: { file: mod.goModFile, note: `the module has a cmd/${migrateBinary} binary that runs the migrations` } };
  }
  const dir = migrationsDir(repo, mod.dir);
  if (!dir) return null;
  const url = `"$${database.envVar ?? 'DATABASE_URL'}"`;
  const migrate = mod.goMod.requires.find((r) => GOLANG_MIGRATE.test(r.path));
  if (migrate) {
    return { command: `migrate -path ./${dir} -database ${url} up`, evidence: { file: mod.goModFile, line: migrate.line, note: `requires ${migrate.path} and ${dir}/ holds migrations` } };
  }
  const goose = mod.goMod.requires.find((r) => GOOSE.test(r.path));
  if (goose) {
    const driver = GOOSE_DRIVER[database.kind ?? 'postgres'] ?? 'postgres';
    return { command: `goose -dir ./${dir} ${driver} ${url} up`, evidence: { file: mod.goModFile, line: goose.line, note: `requires ${goose.path} and ${dir}/ holds migrations` } };
  }
  return null;
}

/** goose.Up(db, dir) or golang-migrate's m.Up() in the binary's own code: migrations run at startup. */
function startupMigration(files: readonly GoFile[]): GoMigrate['evidence'] | null {
  for (const f of files) {
    const usesMigrate = f.imports.some((i) => GOLANG_MIGRATE.test(i.path));
    const usesGoose = f.imports.some((i) => GOOSE.test(i.path));
    if (!usesMigrate && !usesGoose) continue;
    const re = usesGoose ? /\bgoose\.Up(?:Context)?\(/g : /\.Up\(\s*\)/g;
    const m = matchAll(f.code, re)[0];
    if (m) return { file: f.file, line: m.line, note: `${m.text} (migrations run at startup)` };
  }
  return null;
}

/** The shallowest migrations/ directory of the module holding .sql or .go files, relative to it. */
export function migrationsDir(repo: RepoFs, moduleDir: string): string | null {
  const prefix = moduleDir === '' ? '' : `${moduleDir}/`;
  let best: string | null = null;
  for (const file of repo.glob(['**/migrations/*.sql', '**/migrations/*.go'], { cwd: moduleDir })) {
    const local = file.slice(prefix.length);
    const dir = local.slice(0, local.lastIndexOf('/'));
    if (/(^|\/)(vendor|testdata|node_modules)(\/|$)/.test(dir)) continue;
    if (best === null || dir.split('/').length < best.split('/').length) best = dir;
  }
  return best;
}
