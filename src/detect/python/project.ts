/**
 * What a Python project directory declares: pyproject.toml (PEP 621, Poetry, uv, PDM), Pipfile,
 * requirements files and setup.py / setup.cfg, merged into one production dependency set with the
 * line each dependency comes from. Dev groups and optional extras are left out: they are not in the
 * production image.
 */
import type { RepoFs } from '../../core/repo/repo-fs.js';
import { joinPath } from '../../core/repo/repo-fs.js';
import { DependencySet, lineOfDependency, normalizeName, parseRequirement, type PyDependency } from './dependencies.js';
import { findRequirementsFile, readRequirements, requirementVariants } from './requirements.js';

export type Table = Record<string, unknown>;

export interface PyProject {
  dir: string;
  /** Project name from pyproject / setup, or null. */
  name: string | null;
  pyprojectFile: string | null;
  pyproject: Table | null;
  pipfile: Table | null;
  /** The production requirements file (root of the -r tree), when there is one. */
  requirementsFile: string | null;
  requirementsFiles: string[];
  /** Requirements install the project itself (`-e .`). */
  requirementsInstallProject: boolean;
  hasSetupPy: boolean;
  hasSetupCfg: boolean;
  dependencies: DependencySet;
  /**
   * Sibling requirement files outside the main tree (`requirements-gunicorn.txt`, `requirements-uvicorn.txt`):
   * deployment variants. Each with its own -r tree; they count for framework and server detection.
   */
  variants: Array<{ file: string; files: string[]; dependencies: DependencySet }>;
}

export function readProject(repo: RepoFs, dir: string): PyProject {
  const pyprojectFile = joinPath(dir, 'pyproject.toml');
  const pyproject = repo.isFile(pyprojectFile) ? repo.readToml(pyprojectFile) : null;
  const pipfileName = joinPath(dir, 'Pipfile');
  const pipfile = repo.isFile(pipfileName) ? repo.readToml(pipfileName) : null;
  const requirementsFile = findRequirementsFile(repo, dir);
  const tree = requirementsFile ? readRequirements(repo, requirementsFile) : null;
  const project: PyProject = {
    dir,
    name: null,
    pyprojectFile: pyproject ? pyprojectFile : null,
    pyproject,
    pipfile,
    requirementsFile,
    requirementsFiles: tree?.files ?? [],
    requirementsInstallProject: tree?.installsLocalProject ?? false,
    hasSetupPy: repo.isFile(joinPath(dir, 'setup.py')),
    hasSetupCfg: repo.isFile(joinPath(dir, 'setup.cfg')),
    dependencies: new DependencySet(),
    variants: [],
  };
  if (tree) project.dependencies.addAll(tree.dependencies);
  for (const file of requirementVariants(repo, dir)) {
    if (project.requirementsFiles.includes(file)) continue;
    const variant = readRequirements(repo, file);
    const dependencies = new DependencySet();
    dependencies.addAll(variant.dependencies);
    project.variants.push({ file, files: variant.files, dependencies });
  }
  if (pyproject) {
    const text = repo.readText(pyprojectFile) ?? '';
    project.dependencies.addAll(pep621Dependencies(pyproject, pyprojectFile, text));
    project.dependencies.addAll(poetryDependencies(pyproject, pyprojectFile, text));
    project.name = stringAt(pyproject, ['project', 'name']) ?? stringAt(pyproject, ['tool', 'poetry', 'name']);
  }
  if (pipfile) project.dependencies.addAll(tableDependencies(table(pipfile.packages), pipfileName, repo.readText(pipfileName) ?? ''));
  if (project.hasSetupPy || project.hasSetupCfg) {
    const setup = setupDependencies(repo, dir);
    project.dependencies.addAll(setup.dependencies);
    project.name ??= setup.name;
  }
  return project;
}

/** A nested table, or null. */
export function table(value: unknown): Table | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Table) : null;
}

export function valueAt(root: Table | null, path: readonly string[]): unknown {
  let current: unknown = root;
  for (const key of path) {
    const t = table(current);
    if (!t || !Object.hasOwn(t, key)) return undefined;
    current = t[key];
  }
  return current;
}

export function stringAt(root: Table | null, path: readonly string[]): string | null {
  const value = valueAt(root, path);
  return typeof value === 'string' ? value : null;
}

export function stringArray(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/** `[project] dependencies = ["fastapi[standard]>=0.115", …]` (PEP 621, used by uv, PDM, hatch, setuptools, Poetry 2). */
function pep621Dependencies(pyproject: Table, file: string, text: string): PyDependency[] {
  const out: PyDependency[] = [];
  for (const spec of stringArray(valueAt(pyproject, ['project', 'dependencies']))) {
    const requirement = parseRequirement(spec);
    if (requirement) out.push({ ...requirement, file, line: lineOfDependency(text, requirement.name) });
  }
  return out;
}

/** `[tool.poetry.dependencies]` (main group only; `python` is the interpreter, not a package). */
function poetryDependencies(pyproject: Table, file: string, text: string): PyDependency[] {
  return tableDependencies(table(valueAt(pyproject, ['tool', 'poetry', 'dependencies'])), file, text);
}

/** A TOML table of `name = "version"` or `name = { version, extras }` (Poetry, Pipfile). */
function tableDependencies(deps: Table | null, file: string, text: string): PyDependency[] {
  const out: PyDependency[] = [];
  for (const [raw, value] of Object.entries(deps ?? {})) {
    if (raw.toLowerCase() === 'python') continue;
    const name = normalizeName(raw);
    const extras = stringArray(table(value)?.extras).map(normalizeName);
    out.push({ name, extras, file, line: lineOfDependency(text, name, true) });
  }
  return out;
}

/** `install_requires` in setup.py (string literals in the list) or setup.cfg ([options] block). */
function setupDependencies(repo: RepoFs, dir: string): { name: string | null; dependencies: PyDependency[] } {
  const out: PyDependency[] = [];
  let name: string | null = null;
  const setupPy = joinPath(dir, 'setup.py');
  const py = repo.readText(setupPy);
  if (py !== null) {
    const list = /install_requires\s*=\s*\[([\s\S]*?)\]/.exec(py);
    for (const m of (list?.[1] ?? '').matchAll(/["']([^"']+)["']/g)) {
      const requirement = parseRequirement(m[1] ?? '');
      if (requirement) out.push({ ...requirement, file: setupPy, line: lineOfDependency(py, requirement.name) });
    }
    name = /\bname\s*=\s*["']([^"']+)["']/.exec(py)?.[1] ?? null;
  }
  const setupCfg = joinPath(dir, 'setup.cfg');
  const cfg = repo.readText(setupCfg);
  if (cfg !== null) {
    const block = /^install_requires\s*=\s*\n((?:[ \t]+\S.*\n?)+)/m.exec(cfg);
    for (const line of (block?.[1] ?? '').split('\n')) {
      const requirement = parseRequirement(line.trim());
      if (requirement) out.push({ ...requirement, file: setupCfg, line: lineOfDependency(cfg, requirement.name) });
    }
    name ??= /^name\s*=\s*(\S+)/m.exec(cfg)?.[1] ?? null;
  }
  return { name, dependencies: out };
}

/** Whether the pyproject declares a project at all (vs. only configuring tools like ruff or black). */
export function declaresProject(project: PyProject): boolean {
  const p = project.pyproject;
  return table(p?.project) !== null || table(valueAt(p, ['tool', 'poetry'])) !== null || table(p?.['build-system']) !== null;
}
