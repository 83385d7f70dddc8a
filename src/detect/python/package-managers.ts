/**
 * Which tool installs a Python project, and its lockfile-strict production install command.
 * Lockfiles decide first (they say what the team really runs), then tool tables in pyproject.toml,
 * then Pipfile, requirements files, and finally a plain PEP 621 / setup.py project (`pip install .`).
 */
import type { RepoFs } from '../../core/repo/repo-fs.js';
import { joinPath } from '../../core/repo/repo-fs.js';
import { lineOf } from '../shared/text.js';
import { declaresProject, stringAt, table, valueAt, type PyProject } from './project.js';
import type { UvWorkspace } from './uv-workspace.js';

export type PackageManagerName = 'pip' | 'poetry' | 'uv' | 'pipenv' | 'pdm';

export interface PackageManagerChoice {
  name: PackageManagerName;
  /** Lockfile path relative to the build context (where the install runs), or null. */
  lockfile: string | null;
  version: string | null;
  /** Runs at build.context. */
  install: string;
  evidence: { file: string; line?: number; note: string };
}

export function choosePackageManager(repo: RepoFs, project: PyProject, workspace: UvWorkspace | null): PackageManagerChoice | null {
  const { dir, pyproject } = project;
  if (workspace) return uvWorkspaceMember(project, workspace);
  const file = (name: string): string | null => (repo.isFile(joinPath(dir, name)) ? joinPath(dir, name) : null);
  const pyprojectText = project.pyprojectFile ? (repo.readText(project.pyprojectFile) ?? '') : '';
  const toolLine = (tool: string): number | undefined => lineOf(pyprojectText, new RegExp(`^\\s*\\[tool\\.${tool}[\\].]`));

  const uvLock = file('uv.lock');
  if (uvLock) return { name: 'uv', lockfile: 'uv.lock', version: uvVersion(pyproject), install: 'uv sync --locked --no-dev', evidence: { file: uvLock, note: 'uv.lock present' } };
  const poetryLock = file('poetry.lock');
  if (poetryLock) {
    return { name: 'poetry', lockfile: 'poetry.lock', version: poetryVersion(repo.readText(poetryLock)), install: POETRY_INSTALL, evidence: { file: poetryLock, note: 'poetry.lock present' } };
  }
  const pdmLock = file('pdm.lock');
  if (pdmLock) return { name: 'pdm', lockfile: 'pdm.lock', version: null, install: 'pdm install --prod --frozen-lockfile', evidence: { file: pdmLock, note: 'pdm.lock present' } };
  const pipfileLock = file('Pipfile.lock');
  if (pipfileLock && project.pipfile) {
    return { name: 'pipenv', lockfile: 'Pipfile.lock', version: null, install: 'pipenv install --deploy --system', evidence: { file: pipfileLock, note: 'Pipfile.lock present' } };
  }
  if (project.pyprojectFile && (table(valueAt(pyproject, ['tool', 'poetry', 'dependencies'])) || /poetry/.test(stringAt(pyproject, ['build-system', 'build-backend']) ?? ''))) {
    return { name: 'poetry', lockfile: null, version: null, install: POETRY_INSTALL, evidence: { file: project.pyprojectFile, line: toolLine('poetry') ?? lineOf(pyprojectText, 'poetry'), note: '[tool.poetry] without poetry.lock' } };
  }
  if (project.pipfile) {
    return { name: 'pipenv', lockfile: null, version: null, install: 'pipenv install --system --skip-lock', evidence: { file: joinPath(dir, 'Pipfile'), note: 'Pipfile without Pipfile.lock' } };
  }
  if (project.pyprojectFile && table(valueAt(pyproject, ['tool', 'pdm'])) && table(pyproject?.project)) {
    return { name: 'pdm', lockfile: null, version: null, install: 'pdm install --prod', evidence: { file: project.pyprojectFile, line: toolLine('pdm'), note: '[tool.pdm] without pdm.lock' } };
  }
  if (project.pyprojectFile && table(valueAt(pyproject, ['tool', 'uv'])) && table(pyproject?.project)) {
    return { name: 'uv', lockfile: null, version: uvVersion(pyproject), install: 'uv sync --no-dev', evidence: { file: project.pyprojectFile, line: toolLine('uv'), note: '[tool.uv] without uv.lock' } };
  }
  if (project.requirementsFile) {
    const local = project.requirementsFile.slice(dir === '' ? 0 : dir.length + 1);
    return { name: 'pip', lockfile: null, version: null, install: `pip install -r ${local}`, evidence: { file: project.requirementsFile, note: `${local} lists the dependencies` } };
  }
  if (project.pyprojectFile && declaresProject(project) && table(pyproject?.project)) {
    return { name: 'pip', lockfile: null, version: null, install: 'pip install .', evidence: { file: project.pyprojectFile, line: lineOf(pyprojectText, /^\s*\[project\]/), note: 'PEP 621 [project] installed with pip' } };
  }
  if (project.hasSetupPy || project.hasSetupCfg) {
    const setup = joinPath(dir, project.hasSetupPy ? 'setup.py' : 'setup.cfg');
    return { name: 'pip', lockfile: null, version: null, install: 'pip install .', evidence: { file: setup, note: 'setuptools project installed with pip' } };
  }
  return null;
}

/** Main group only; the project itself is not installed as a package (its code is copied in). */
const POETRY_INSTALL = 'poetry install --only main --no-root';

function uvWorkspaceMember(project: PyProject, workspace: UvWorkspace): PackageManagerChoice {
  const locked = workspace.lockfile !== null;
  const target = project.name ? ` --package ${project.name}` : '';
  return {
    name: 'uv',
    lockfile: locked ? 'uv.lock' : null,
    version: null,
    install: `uv sync${locked ? ' --locked' : ''} --no-dev${target}`,
    evidence: { file: workspace.lockfile ?? workspace.rootFile, line: locked ? undefined : workspace.line, note: `member of the uv workspace at ${workspace.root || '.'}` },
  };
}

/** `# This file is automatically @generated by Poetry 1.8.3 and should not be changed by hand.` */
function poetryVersion(lock: string | null): string | null {
  return /@generated by Poetry (\d+\.\d+(?:\.\d+)?)/.exec(lock ?? '')?.[1] ?? null;
}

/** `[tool.uv] required-version = ">=0.5.0"` pins the uv version the team uses. */
function uvVersion(pyproject: PyProject['pyproject']): string | null {
  const required = stringAt(pyproject, ['tool', 'uv', 'required-version']);
  return required ? (/(\d+\.\d+(?:\.\d+)?)/.exec(required)?.[1] ?? null) : null;
}
