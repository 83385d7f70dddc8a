/**
 * Cargo workspaces: which workspace a package belongs to (the nearest Cargo.toml above it with a
 * [workspace] whose members include it), its members (globs expanded over the repository), and the
 * path dependencies a package needs in its build context. Members build from the workspace root,
 * where Cargo.lock and the shared target/ live.
 */
import picomatch from 'picomatch';
import type { RepoFs } from '../../core/repo/repo-fs.js';
import { joinPath, normalize } from '../../core/repo/repo-fs.js';
import { ancestors } from '../shared/versions.js';
import { readCargo, resolveWorkspaceDep, type CargoManifest } from './cargo.js';

export interface CargoWorkspace {
  dir: string;
  root: CargoManifest;
  members: string[];
}

/** Member directories (repo-relative) of the workspace rooted at `root`. */
const memberCache = new WeakMap<CargoManifest, string[]>();

export function workspaceMembers(repo: RepoFs, root: CargoManifest): string[] {
  const cached = memberCache.get(root);
  if (cached) return cached;
  const members = expandMembers(repo, root);
  memberCache.set(root, members);
  return members;
}

function expandMembers(repo: RepoFs, root: CargoManifest): string[] {
  const ws = root.workspace;
  if (!ws) return [];
  const prefix = root.dir === '' ? '' : `${root.dir}/`;
  const excluded = ws.exclude.map((e) => normalize(joinPath(root.dir, e))).filter((e): e is string => e !== null);
  const out = new Set<string>();
  for (const pattern of ws.members) {
    if (/[*?[{]/.test(pattern)) {
      const isMatch = picomatch(pattern.replace(/^\.\//, '').replace(/\/$/, ''));
      for (const dir of repo.dirs()) {
        if (dir === root.dir || (prefix !== '' && !dir.startsWith(prefix))) continue;
        if (isMatch(dir.slice(prefix.length)) && repo.isFile(joinPath(dir, 'Cargo.toml'))) out.add(dir);
      }
    } else {
      const dir = normalize(joinPath(root.dir, pattern));
      if (dir !== null && repo.isFile(joinPath(dir, 'Cargo.toml'))) out.add(dir);
    }
  }
  return [...out].filter((d) => !excluded.some((e) => d === e || d.startsWith(`${e}/`))).sort();
}

/** The workspace `dir` is a member of (or the root of), or null for a standalone package. */
export function findWorkspace(repo: RepoFs, dir: string, self: CargoManifest): CargoWorkspace | null {
  if (self.workspace) return { dir, root: self, members: workspaceMembers(repo, self) };
  for (const at of ancestors(dir).slice(1)) {
    if (!repo.isFile(joinPath(at, 'Cargo.toml'))) continue;
    const root = readCargo(repo, at);
    if (!root?.workspace) continue;
    const members = workspaceMembers(repo, root);
    // Cargo stops at the first [workspace] above; a package it does not list is on its own.
    return members.includes(dir) ? { dir: at, root, members } : null;
  }
  return null;
}

/**
 * Repo-relative directories of every path dependency the package needs, transitively (a member's
 * `core = { path = "../core" }` and whatever core itself depends on by path).
 */
export function pathDependencies(repo: RepoFs, manifest: CargoManifest, ws: CargoWorkspace | null): string[] {
  const out = new Set<string>();
  const queue: CargoManifest[] = [manifest];
  const seen = new Set<string>([manifest.dir]);
  while (queue.length > 0 && seen.size < 200) {
    const current = queue.shift()!;
    for (const raw of [...current.deps, ...current.buildDeps]) {
      const dep = resolveWorkspaceDep(raw, ws?.root ?? null);
      if (dep.path === null) continue;
      const base = dep.baseDir === 'root' && ws ? ws.dir : current.dir;
      const dir = normalize(joinPath(base, dep.path));
      if (dir === null || seen.has(dir)) continue;
      seen.add(dir);
      const next = readCargo(repo, dir);
      if (!next) continue;
      out.add(dir);
      queue.push(next);
    }
  }
  return [...out].sort();
}
