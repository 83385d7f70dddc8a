/**
 * A Go module as the planner sees it: its parsed go.mod, its packages, and the build context it
 * needs. A module used by a go.work is built from the go.work directory with the other used modules
 * beside it; a module with `replace x => ../lib` is built from the common parent so the replaced
 * directory is inside the Docker context.
 */
import type { RepoFs } from '../../core/repo/repo-fs.js';
import { joinPath, normalize } from '../../core/repo/repo-fs.js';
import { ancestors } from '../shared/versions.js';
import { parseGoMod, parseGoWork, type GoMod, type GoWork } from './go-mod.js';
import { readModuleSource, type GoModuleSource } from './packages.js';

export interface GoModule {
  dir: string;
  goModFile: string;
  goMod: GoMod;
  source: GoModuleSource;
}

export interface GoWorkspace {
  dir: string;
  file: string;
  work: GoWork;
}

export interface GoBuildContext {
  /** Docker build context, repo-relative. */
  context: string;
  /** The module directory relative to the context ('' when they are the same). */
  moduleFromContext: string;
  /** Other module directories the build needs inside the context. */
  workspacePackages: string[];
  /** The go.work this module is a member of. */
  workspace: GoWorkspace | null;
  /** Module path → packages, for this module and every local module it may import. */
  localModules: Map<string, GoModuleSource>;
  /** Why the context is wider than the module. */
  evidence: Array<{ file: string; line: number; note: string }>;
}

/** Parses dir/go.mod, reporting DSQ_ERR_MANIFEST_PARSE when it is not a go.mod. */
export function loadGoMod(repo: RepoFs, dir: string): GoMod | null {
  const file = joinPath(dir, 'go.mod');
  const text = repo.readText(file);
  if (text === null) return null;
  const parsed = parseGoMod(text);
  if (!parsed.ok) {
    repo.report('DSQ_ERR_MANIFEST_PARSE', file, { format: 'go.mod', reason: parsed.reason });
    return null;
  }
  return parsed.value;
}

export function loadGoWork(repo: RepoFs, dir: string): GoWork | null {
  const file = joinPath(dir, 'go.work');
  const text = repo.readText(file);
  if (text === null) return null;
  const parsed = parseGoWork(text);
  if (!parsed.ok) {
    repo.report('DSQ_ERR_MANIFEST_PARSE', file, { format: 'go.work', reason: parsed.reason });
    return null;
  }
  return parsed.value;
}

/** Directories a go.work `use`s, repo-relative, existing and inside the repository. */
export function usedModuleDirs(repo: RepoFs, ws: { dir: string; work: GoWork }): string[] {
  const out: string[] = [];
  for (const use of ws.work.uses) {
    const dir = normalize(joinPath(ws.dir, use.path));
    if (dir !== null && repo.isFile(joinPath(dir, 'go.mod')) && !out.includes(dir)) out.push(dir);
  }
  return out;
}

/** The go.work the go command would pick for `dir`: the nearest one at or above it. */
export function findWorkspace(repo: RepoFs, dir: string): GoWorkspace | null {
  for (const at of ancestors(dir)) {
    const file = joinPath(at, 'go.work');
    if (!repo.isFile(file)) continue;
    const work = loadGoWork(repo, at);
    return work ? { dir: at, file, work } : null;
  }
  return null;
}

export function goBuildContext(repo: RepoFs, mod: GoModule): GoBuildContext {
  const evidence: GoBuildContext['evidence'] = [];
  const localModules = new Map<string, GoModuleSource>([[mod.goMod.module, mod.source]]);
  const packages: string[] = [];
  const addModuleDir = (dir: string, modulePath?: string): void => {
    if (dir === mod.dir || packages.includes(dir)) return;
    packages.push(dir);
    const other = modulePath ?? loadGoMod(repo, dir)?.module;
    if (other && !localModules.has(other)) localModules.set(other, readModuleSource(repo, dir));
  };

  const found = findWorkspace(repo, mod.dir);
  const used = found ? usedModuleDirs(repo, found) : [];
  const workspace = found && used.includes(mod.dir) ? found : null;
  if (workspace) {
    const use = workspace.work.uses.find((u) => normalize(joinPath(workspace.dir, u.path)) === mod.dir);
    evidence.push({ file: workspace.file, line: use?.line ?? 1, note: `go.work uses ${use?.path ?? mod.dir}: built from ${workspace.dir || 'the repository root'} with the other used modules` });
    for (const dir of used) addModuleDir(dir);
    for (const r of workspace.work.replaces) localReplace(repo, workspace.dir, r.to, r.local, (dir) => addModuleDir(dir, r.from));
  }
  for (const r of mod.goMod.replaces) {
    localReplace(repo, mod.dir, r.to, r.local, (dir) => {
      addModuleDir(dir, r.from);
      evidence.push({ file: mod.goModFile, line: r.line, note: `replace ${r.from} => ${r.to}: the build context must include ${dir}` });
    });
  }
  const context = workspace ? workspace.dir : commonAncestor([mod.dir, ...packages]);
  const moduleFromContext = context === '' ? mod.dir : mod.dir === context ? '' : mod.dir.slice(context.length + 1);
  return { context, moduleFromContext, workspacePackages: packages.sort(), workspace, localModules, evidence };
}

function localReplace(repo: RepoFs, base: string, to: string, local: boolean, use: (dir: string) => void): void {
  if (!local || to.startsWith('/')) return;
  const dir = normalize(joinPath(base, to));
  if (dir !== null && repo.isFile(joinPath(dir, 'go.mod'))) use(dir);
}

/** The deepest directory containing all of `dirs` ('' is the root). */
export function commonAncestor(dirs: readonly string[]): string {
  const split = dirs.map((d) => (d === '' ? [] : d.split('/')));
  const first = split[0] ?? [];
  let n = 0;
  while (n < first.length && split.every((parts) => parts[n] === first[n])) n++;
  return first.slice(0, n).join('/');
}
