/**
 * The database migration command: a Procfile `release:` line (what the team runs on deploy), the
 * framework's own (Django migrate, flask-migrate), or Alembic (`alembic upgrade head`, with `-c`
 * when alembic.ini is not at the service root, or [tool.alembic] in pyproject.toml).
 */
import type { RepoFs } from '../../core/repo/repo-fs.js';
import { joinPath } from '../../core/repo/repo-fs.js';
import { lineOf } from '../shared/text.js';
import type { DependencySet } from './dependencies.js';
import type { Fact } from './frameworks/types.js';
import { valueAt, type PyProject } from './project.js';

const ALEMBIC_DIRS = ['', 'migrations', 'alembic', 'db', 'src', 'app', 'database'];

export function alembicMigrate(repo: RepoFs, dir: string, project: PyProject, deps: DependencySet): { command: string; fact: Fact } | null {
  for (const sub of ALEMBIC_DIRS) {
    const file = joinPath(dir, sub, 'alembic.ini');
    if (!repo.isFile(file)) continue;
    // script_location is resolved from the working directory unless it is written with %(here)s
    const here = /^\s*script_location\s*=.*%\(here\)s/m.test(repo.readText(file) ?? '');
    const command = sub === '' ? 'alembic upgrade head' : here ? `alembic -c ${sub}/alembic.ini upgrade head` : `cd ${sub} && alembic upgrade head`;
    return { command, fact: { file, note: 'alembic.ini present' } };
  }
  if (deps.has('alembic') && valueAt(project.pyproject, ['tool', 'alembic']) !== undefined && project.pyprojectFile) {
    const line = lineOf(repo.readText(project.pyprojectFile) ?? '', /^\s*\[tool\.alembic\]/);
    return { command: 'alembic upgrade head', fact: { file: project.pyprojectFile, line, note: '[tool.alembic] in pyproject.toml' } };
  }
  return null;
}
