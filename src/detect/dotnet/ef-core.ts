/**
 * EF Core migrations: a Migrations/ folder or Microsoft.EntityFrameworkCore.Design in the project
 * or a project it references. `dotnet ef database update` is the command; an app that calls
 * `Database.Migrate()` migrates itself at startup and needs none.
 */
import type { RepoFs } from '../../core/repo/repo-fs.js';
import { joinPath } from '../../core/repo/repo-fs.js';
import type { ServicePlan } from '../../plan/schema.js';
import { addEvidence } from '../../plan/service.js';
import { matchAll, stripCComments } from '../shared/text.js';
import { hasPackage, type MsBuildProject } from './msbuild.js';

const MIGRATION_DIRS = ['Migrations', 'Data/Migrations', 'Persistence/Migrations'];

/** Relative path from one repo-relative directory to a repo-relative file. */
export function relativePath(fromDir: string, to: string): string {
  const from = fromDir === '' ? [] : fromDir.split('/');
  const target = to.split('/');
  let i = 0;
  while (i < from.length && i < target.length - 1 && from[i] === target[i]) i++;
  return [...from.slice(i).map(() => '..'), ...target.slice(i)].join('/');
}

/**
 * `dotnet ef` runs the startup project, which must reference Microsoft.EntityFrameworkCore.Design
 * (it does not flow from a library): a service gets the command when it holds the migrations or
 * references the Design package, with `--project` pointing at the project that holds the migrations.
 */
export function applyEfCoreMigrations(repo: RepoFs, service: ServicePlan, project: MsBuildProject, closure: readonly MsBuildProject[], sources: readonly string[]): void {
  const hasMigrations = (p: MsBuildProject): boolean =>
    MIGRATION_DIRS.some((d) => {
      const at = joinPath(p.dir, d);
      return repo.isDir(at) && repo.filesUnder(at).some((f) => f.endsWith('.cs'));
    });
  const design = hasPackage(project, 'Microsoft.EntityFrameworkCore.Design');
  const owner = hasMigrations(project) ? project : (closure.find(hasMigrations) ?? null);
  if (owner !== project && !design) return;

  for (const file of sources) {
    const raw = repo.readText(file);
    if (raw === null || !/Migrate/.test(raw)) continue;
    const m = matchAll(stripCComments(raw), /\.Database\.Migrate(?:Async)?\s*\(/g)[0];
    if (m) {
      addEvidence(service, 'migrate', file, `${m.text}: the app applies EF Core migrations at startup; no separate migrate command`, m.line);
      return;
    }
  }
  const flag = owner === null || owner === project ? '' : ` --project ${relativePath(project.dir, owner.file)}`;
  service.commands.migrate = `dotnet ef database update${flag}`;
  const why = owner ? `EF Core migrations in ${owner.dir || '.'}/Migrations` : 'depends on Microsoft.EntityFrameworkCore.Design';
  addEvidence(service, 'migrate', design?.file ?? project.file, `${why}. \`dotnet ef\` needs the SDK and the dotnet-ef tool: for production prefer a migration bundle (dotnet ef migrations bundle) run once per release`, design?.line);
}
