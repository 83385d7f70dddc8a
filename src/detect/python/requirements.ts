/**
 * pip requirements files: which one is the production list, and what it declares, following
 * `-r other.txt` includes (relative to the including file, cycles ignored). `-c` constraint files pin
 * versions without adding packages, so they are not read.
 */
import type { RepoFs } from '../../core/repo/repo-fs.js';
import { joinPath, normalize } from '../../core/repo/repo-fs.js';
import { parseRequirement, type PyDependency } from './dependencies.js';

/** Production requirement files in the order a deployer would pick them. */
export const REQUIREMENTS_CANDIDATES = [
  'requirements.txt',
  'requirements/prod.txt',
  'requirements/production.txt',
  'requirements-prod.txt',
  'requirements-production.txt',
  'requirements/base.txt',
  'requirements/main.txt',
  'requirements/common.txt',
  'requirements/requirements.txt',
] as const;

/** The production requirements file of a directory (repo-relative), or null. */
export function findRequirementsFile(repo: RepoFs, dir: string): string | null {
  for (const candidate of REQUIREMENTS_CANDIDATES) {
    const file = joinPath(dir, candidate);
    if (repo.isFile(file)) return file;
  }
  // No conventional name (`requirements_mongo.txt` only): the shortest non-dev variant is the likeliest base.
  return requirementVariants(repo, dir)[0] ?? null;
}

/** Requirement files that only serve development, tests, linting or docs: never the production list. */
const DEV_REQUIREMENTS = /(?:^|[-_.])(?:dev|devel|develop|development|test|tests|testing|lint|linting|docs?|ci|typing|mypy|local|style|format|tox|coverage|qa|e2e|bench|benchmarks?)(?:[-_.]|$)/i;

export function isDevRequirements(file: string): boolean {
  const name = file.slice(file.lastIndexOf('/') + 1).replace(/\.txt$/, '');
  return DEV_REQUIREMENTS.test(name.replace(/^requirements/i, ''));
}

/**
 * Every non-dev requirements file of a directory (`requirements-gunicorn.txt`, `requirements_mongo.txt`,
 * `requirements/prod.txt`), repo-relative, shortest name first: deployment variants a project keeps
 * side by side. Their union says which framework and servers the project really uses.
 */
export function requirementVariants(repo: RepoFs, dir: string): string[] {
  const out: string[] = [];
  for (const name of repo.list(dir)) {
    if (/^requirements[-_.]?[\w.-]*\.txt$/i.test(name) && repo.isFile(joinPath(dir, name))) out.push(joinPath(dir, name));
  }
  const folder = joinPath(dir, 'requirements');
  if (repo.isDir(folder)) {
    for (const name of repo.list(folder)) if (name.endsWith('.txt') && repo.isFile(joinPath(folder, name))) out.push(joinPath(folder, name));
  }
  return out.filter((f) => !isDevRequirements(f)).sort((a, b) => a.length - b.length || a.localeCompare(b));
}

export interface RequirementsTree {
  /** Every file read, the root first. */
  files: string[];
  dependencies: PyDependency[];
  /** `-e .` / `.`: the project in this directory is installed too (its pyproject/setup.py deps count). */
  installsLocalProject: boolean;
}

export function readRequirements(repo: RepoFs, file: string): RequirementsTree {
  const tree: RequirementsTree = { files: [], dependencies: [], installsLocalProject: false };
  visit(repo, file, tree);
  return tree;
}

function visit(repo: RepoFs, file: string, tree: RequirementsTree): void {
  if (tree.files.includes(file) || tree.files.length > 20) return;
  const text = repo.readText(file);
  if (text === null) return;
  tree.files.push(file);
  const dir = file.includes('/') ? file.slice(0, file.lastIndexOf('/')) : '';
  for (const { text: line, number } of logicalLines(text)) {
    const include = /^(?:-r|--requirement)(?:\s+|=)(\S+)/.exec(line);
    if (include?.[1]) {
      const target = normalize(joinPath(dir, include[1]));
      if (target !== null) visit(repo, target, tree);
      continue;
    }
    const editable = /^(?:-e|--editable)(?:\s+|=)(\S+)/.exec(line);
    const spec = editable?.[1] ?? line;
    if (/^-/.test(spec)) continue; // -c, -i, --index-url, --hash, --find-links, …
    if (/^\.{1,2}(\/|$|\[)/.test(spec) || spec.startsWith('/')) {
      // pip resolves these paths against the working directory, not the file: `.` is the service's own project.
      if (/^\.\/?(\[.*\])?$/.test(spec)) tree.installsLocalProject = true;
      continue;
    }
    const egg = /#egg=([A-Za-z0-9._-]+)/.exec(spec)?.[1];
    if (/^[a-z+]+:\/\//i.test(spec)) {
      if (egg) pushDependency(tree, egg, file, number);
      continue;
    }
    pushDependency(tree, spec, file, number);
  }
}

function pushDependency(tree: RequirementsTree, spec: string, file: string, line: number): void {
  const requirement = parseRequirement(spec);
  if (requirement) tree.dependencies.push({ ...requirement, file, line });
}

/** Lines with comments removed and `\` continuations joined, each with its first line number. */
function logicalLines(text: string): Array<{ text: string; number: number }> {
  const out: Array<{ text: string; number: number }> = [];
  const lines = text.split(/\r?\n/);
  let pending = '';
  let start = 0;
  for (let i = 0; i < lines.length; i++) {
    const raw = (lines[i] ?? '').replace(/(^|\s)#.*$/, '');
    if (pending === '') start = i + 1;
    if (raw.trimEnd().endsWith('\\')) {
      pending += raw.trimEnd().slice(0, -1) + ' ';
      continue;
    }
    const full = (pending + raw).trim();
    pending = '';
    if (full !== '') out.push({ text: full, number: start });
  }
  return out;
}
