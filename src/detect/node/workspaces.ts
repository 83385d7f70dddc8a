/**
 * Node monorepos: npm / yarn / bun `workspaces`, pnpm-workspace.yaml, Lerna, Nx and Turborepo.
 * A workspace root lists member globs; a member's Docker build context is the root (it needs the
 * root lockfile and its sibling packages), and the internal packages it depends on, transitively,
 * must be in its image. Everything here is cached per RepoFs so a 200-package monorepo stays fast.
 */
import picomatch from 'picomatch';
import type { RepoFs } from '../../core/repo/repo-fs.js';
import { joinPath } from '../../core/repo/repo-fs.js';
import { ancestors } from '../shared/versions.js';
import type { Manifest } from './schema.js';
import { readManifest } from './schema.js';

export type WorkspaceTool = 'npm-workspaces' | 'pnpm-workspaces' | 'yarn-workspaces' | 'bun-workspaces' | 'nx' | 'turborepo' | 'lerna';

export interface WorkspaceMember {
  dir: string;
  name: string | null;
  manifest: Manifest;
}

export interface WorkspaceRoot {
  dir: string;
  manifest: Manifest | null;
  /** Member globs, relative to the root. */
  patterns: string[];
  /** The file the globs came from (package.json, pnpm-workspace.yaml, lerna.json). */
  patternFile: string | null;
  tools: WorkspaceTool[];
  turbo: boolean;
  nx: boolean;
  lerna: boolean;
  members: WorkspaceMember[];
  /** Nx projects that have a project.json but no package.json (integrated Nx repos). */
  nxProjects: string[];
}

interface RepoIndex {
  packageDirs: string[];
  projectJsonDirs: string[];
  roots: Map<string, WorkspaceRoot | null>;
}

const cache = new WeakMap<RepoFs, RepoIndex>();

function indexOf(repo: RepoFs): RepoIndex {
  let index = cache.get(repo);
  if (!index) {
    const packageDirs: string[] = [];
    const projectJsonDirs: string[] = [];
    for (const file of repo.files()) {
      if (file === 'package.json' || file.endsWith('/package.json')) packageDirs.push(parentOf(file));
      else if (file.endsWith('/project.json')) projectJsonDirs.push(parentOf(file));
    }
    index = { packageDirs, projectJsonDirs, roots: new Map() };
    cache.set(repo, index);
  }
  return index;
}

function parentOf(file: string): string {
  const i = file.lastIndexOf('/');
  return i === -1 ? '' : file.slice(0, i);
}

/** The workspace declared in `dir` itself, or null when `dir` is not a workspace root. */
export function workspaceRootAt(repo: RepoFs, dir: string): WorkspaceRoot | null {
  const index = indexOf(repo);
  if (index.roots.has(dir)) return index.roots.get(dir) ?? null;
  const root = readWorkspaceRoot(repo, dir, index);
  index.roots.set(dir, root);
  return root;
}

/** The nearest workspace root above `dir` that lists `dir` as a member, with that member. */
export function findWorkspaceRoot(repo: RepoFs, dir: string): { root: WorkspaceRoot; member: WorkspaceMember } | null {
  for (const at of ancestors(dir).slice(1)) {
    const root = workspaceRootAt(repo, at);
    if (!root) continue;
    const member = root.members.find((m) => m.dir === dir);
    if (member) return { root, member };
  }
  return null;
}

function readWorkspaceRoot(repo: RepoFs, dir: string, index: RepoIndex): WorkspaceRoot | null {
  const manifest = repo.isFile(joinPath(dir, 'package.json')) ? readManifest(repo, dir) : null;
  let patterns: string[] = [];
  let patternFile: string | null = null;
  const tools: WorkspaceTool[] = [];

  const pnpmFile = joinPath(dir, 'pnpm-workspace.yaml');
  if (repo.isFile(pnpmFile)) {
    const data = repo.readYaml(pnpmFile);
    const packages = (data as { packages?: unknown } | null)?.packages;
    patterns = Array.isArray(packages) ? packages.filter((p): p is string => typeof p === 'string') : [];
    patternFile = pnpmFile;
    tools.push('pnpm-workspaces');
  } else if (manifest?.workspaces) {
    patterns = manifest.workspaces;
    patternFile = manifest.file;
    tools.push(workspaceFlavour(repo, dir, manifest));
  }

  const lernaFile = joinPath(dir, 'lerna.json');
  const lerna = repo.isFile(lernaFile);
  if (lerna) {
    tools.push('lerna');
    if (patterns.length === 0) {
      const data = repo.readJson(lernaFile) as { packages?: unknown } | null;
      patterns = Array.isArray(data?.packages) ? data.packages.filter((p): p is string => typeof p === 'string') : ['packages/*'];
      patternFile = lernaFile;
    }
  }
  const nx = repo.isFile(joinPath(dir, 'nx.json'));
  if (nx) tools.push('nx');
  const turbo = repo.isFile(joinPath(dir, 'turbo.json')) || repo.isFile(joinPath(dir, 'turbo.jsonc'));
  if (turbo) tools.push('turborepo');

  if (tools.length === 0) return null;
  const members = patterns.length > 0 ? findMembers(repo, dir, patterns, index) : [];
  const nxProjects = nx ? index.projectJsonDirs.filter((p) => isUnder(p, dir) && !index.packageDirs.includes(p)) : [];
  // turbo.json or nx.json alone in a single package (no members) does not make a monorepo.
  if (members.length === 0 && nxProjects.length === 0 && patterns.length === 0) return null;
  return { dir, manifest, patterns, patternFile, tools, turbo, nx, lerna, members, nxProjects };
}

function workspaceFlavour(repo: RepoFs, dir: string, manifest: Manifest): WorkspaceTool {
  const pinned = /^(npm|pnpm|yarn|bun)@/.exec(manifest.packageManager ?? '')?.[1];
  if (pinned === 'yarn' || (!pinned && repo.isFile(joinPath(dir, 'yarn.lock')))) return 'yarn-workspaces';
  if (pinned === 'bun' || (!pinned && (repo.isFile(joinPath(dir, 'bun.lock')) || repo.isFile(joinPath(dir, 'bun.lockb'))))) return 'bun-workspaces';
  if (pinned === 'pnpm') return 'pnpm-workspaces';
  return 'npm-workspaces';
}

function findMembers(repo: RepoFs, rootDir: string, patterns: string[], index: RepoIndex): WorkspaceMember[] {
  const include = patterns.filter((p) => !p.startsWith('!')).map(cleanPattern).filter((p) => p !== '');
  const exclude = patterns.filter((p) => p.startsWith('!')).map((p) => cleanPattern(p.slice(1)));
  if (include.length === 0) return [];
  const isIncluded = picomatch(include, { dot: false });
  const isExcluded = exclude.length > 0 ? picomatch(exclude) : () => false;
  const prefix = rootDir === '' ? '' : `${rootDir}/`;
  const members: WorkspaceMember[] = [];
  for (const pkgDir of index.packageDirs) {
    if (pkgDir === rootDir || !pkgDir.startsWith(prefix)) continue;
    const local = pkgDir.slice(prefix.length);
    if (!isIncluded(local) || isExcluded(local)) continue;
    const manifest = readManifest(repo, pkgDir);
    if (!manifest) continue;
    members.push({ dir: pkgDir, name: manifest.name, manifest });
  }
  return members;
}

function cleanPattern(p: string): string {
  return p.trim().replace(/^\.\//, '').replace(/\/+$/, '').replace(/\/package\.json$/, '');
}

function isUnder(dir: string, parent: string): boolean {
  return parent === '' ? dir !== '' : dir.startsWith(`${parent}/`);
}

/**
 * Internal packages `manifest` depends on (runtime, dev and optional dependencies; `workspace:`
 * protocol or a plain name match; `file:`/`link:` paths), transitively, dependencies first.
 */
export function internalDependencies(root: WorkspaceRoot, manifest: Manifest): WorkspaceMember[] {
  const byName = new Map<string, WorkspaceMember>();
  for (const m of root.members) if (m.name) byName.set(m.name, m);
  const byDir = new Map(root.members.map((m) => [m.dir, m] as const));
  const ordered: WorkspaceMember[] = [];
  const seen = new Set<string>([manifest.dir]);
  const visit = (m: Manifest): void => {
    for (const dep of directInternal(m, byName, byDir)) {
      if (seen.has(dep.dir)) continue;
      seen.add(dep.dir);
      visit(dep.manifest);
      ordered.push(dep);
    }
  };
  visit(manifest);
  return ordered;
}

function directInternal(m: Manifest, byName: Map<string, WorkspaceMember>, byDir: Map<string, WorkspaceMember>): WorkspaceMember[] {
  const out: WorkspaceMember[] = [];
  const deps = { ...m.optionalDependencies, ...m.devDependencies, ...m.dependencies };
  for (const [name, spec] of Object.entries(deps)) {
    const local = /^(?:file|link|portal):(.+)$/.exec(spec)?.[1];
    if (local) {
      const target = resolveRelative(m.dir, local);
      const member = target === null ? undefined : byDir.get(target);
      if (member) out.push(member);
      continue;
    }
    const member = byName.get(/^workspace:(@?[^@]+)@/.exec(spec)?.[1] ?? name);
    if (member) out.push(member);
  }
  return out.sort((a, b) => a.dir.localeCompare(b.dir));
}

function resolveRelative(from: string, rel: string): string | null {
  const parts = from === '' ? [] : from.split('/');
  for (const seg of rel.replace(/\/+$/, '').split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') {
      if (parts.length === 0) return null;
      parts.pop();
    } else parts.push(seg);
  }
  return parts.join('/');
}
