/**
 * uv workspaces: a root pyproject.toml with `[tool.uv.workspace] members = ["packages/*"]` and one
 * uv.lock for all members. A member is built from the workspace root (uv needs the root pyproject and
 * lock), installs with `uv sync --locked --package <name>`, and needs the workspace packages it names
 * in `[tool.uv.sources] x = { workspace = true }` (followed transitively).
 */
import picomatch from 'picomatch';
import type { RepoFs } from '../../core/repo/repo-fs.js';
import { joinPath } from '../../core/repo/repo-fs.js';
import { ancestors } from '../shared/versions.js';
import { lineOf } from '../shared/text.js';
import { normalizeName, parseRequirement } from './dependencies.js';
import { stringArray, stringAt, table, valueAt, type Table } from './project.js';

export interface UvWorkspace {
  /** Directory of the workspace root ('' for the repository root). */
  root: string;
  rootFile: string;
  /** Line of `[tool.uv.workspace]` in the root pyproject. */
  line: number | undefined;
  /** Member directories, repo-relative, sorted (the root itself when it declares a [project]). */
  members: string[];
  /** Normalised package name → member directory. */
  packages: Map<string, string>;
  /** The workspace lock, repo-relative, when present. */
  lockfile: string | null;
}

const cache = new WeakMap<RepoFs, Map<string, UvWorkspace | null>>();

/** The workspace whose root pyproject is in `dir`, or null. */
export function readUvWorkspace(repo: RepoFs, dir: string): UvWorkspace | null {
  let perRepo = cache.get(repo);
  if (!perRepo) cache.set(repo, (perRepo = new Map()));
  if (perRepo.has(dir)) return perRepo.get(dir) ?? null;
  const workspace = loadWorkspace(repo, dir);
  perRepo.set(dir, workspace);
  return workspace;
}

/** The workspace `dir` is a member of (searching its ancestors), or null. The root itself is not "a member" here. */
export function workspaceOf(repo: RepoFs, dir: string): UvWorkspace | null {
  for (const at of ancestors(dir).slice(1)) {
    const workspace = readUvWorkspace(repo, at);
    if (workspace) return workspace.members.includes(dir) ? workspace : null;
  }
  return null;
}

function loadWorkspace(repo: RepoFs, dir: string): UvWorkspace | null {
  const rootFile = joinPath(dir, 'pyproject.toml');
  if (!repo.isFile(rootFile)) return null;
  const pyproject = repo.readToml(rootFile);
  const config = table(valueAt(pyproject, ['tool', 'uv', 'workspace']));
  if (!pyproject || !config) return null;
  const include = stringArray(config.members);
  const exclude = stringArray(config.exclude);
  const isMember = include.length > 0 ? picomatch(include.map(trimSlash)) : () => false;
  const isExcluded = exclude.length > 0 ? picomatch(exclude.map(trimSlash)) : () => false;
  const members: string[] = [];
  const packages = new Map<string, string>();
  const prefix = dir === '' ? '' : `${dir}/`;
  for (const candidate of repo.dirs()) {
    if (candidate === dir || !candidate.startsWith(prefix)) continue;
    const local = candidate.slice(prefix.length);
    if (!isMember(local) || isExcluded(local) || !repo.isFile(joinPath(candidate, 'pyproject.toml'))) continue;
    members.push(candidate);
  }
  if (table(pyproject.project)) members.push(dir);
  for (const member of members) {
    const name = member === dir ? stringAt(pyproject, ['project', 'name']) : stringAt(repo.readToml(joinPath(member, 'pyproject.toml')), ['project', 'name']);
    if (name) packages.set(normalizeName(name), member);
  }
  const lock = joinPath(dir, 'uv.lock');
  return {
    root: dir,
    rootFile,
    line: lineOf(repo.readText(rootFile) ?? '', /^\s*\[tool\.uv\.workspace\]/),
    members: members.sort(),
    packages,
    lockfile: repo.isFile(lock) ? lock : null,
  };
}

function trimSlash(pattern: string): string {
  return pattern.replace(/^\.\//, '').replace(/\/+$/, '');
}

export interface WorkspaceDependency {
  name: string;
  dir: string;
  /** The pyproject that names it, and the line. */
  file: string;
  line: number | undefined;
}

/**
 * Workspace packages a member needs, transitively: dependencies whose `[tool.uv.sources]` entry (in
 * the member or the root) says `{ workspace = true }`.
 */
export function workspaceDependencies(repo: RepoFs, workspace: UvWorkspace, member: string): WorkspaceDependency[] {
  const rootSources = workspaceSourceNames(repo.readToml(workspace.rootFile));
  const found: WorkspaceDependency[] = [];
  const queue = [member];
  const seen = new Set([member]);
  while (queue.length > 0) {
    const current = queue.shift()!;
    const file = joinPath(current, 'pyproject.toml');
    const pyproject = repo.readToml(file);
    const text = repo.readText(file) ?? '';
    const local = workspaceSourceNames(pyproject);
    for (const spec of stringArray(valueAt(pyproject, ['project', 'dependencies']))) {
      const name = parseRequirement(spec)?.name;
      if (!name || !(local.has(name) || rootSources.has(name))) continue;
      const dir = workspace.packages.get(name);
      if (!dir || seen.has(dir)) continue;
      seen.add(dir);
      queue.push(dir);
      found.push({ name, dir, file, line: lineOf(text, new RegExp(`["']${name.replace(/-/g, '[-_.]')}\\b`, 'i')) });
    }
  }
  return found;
}

function workspaceSourceNames(pyproject: Table | null): Set<string> {
  const names = new Set<string>();
  for (const [name, value] of Object.entries(table(valueAt(pyproject, ['tool', 'uv', 'sources'])) ?? {})) {
    if (table(value)?.workspace === true) names.add(normalizeName(name));
  }
  return names;
}
