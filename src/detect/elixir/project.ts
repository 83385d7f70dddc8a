/**
 * An Elixir project as devsquad sees it: the mix.exs at a directory, and for an umbrella the apps
 * under `apps_path` whose dependencies and sources make up the one release.
 */
import type { RepoFs } from '../../core/repo/repo-fs.js';
import { joinPath } from '../../core/repo/repo-fs.js';
import { ancestors } from '../shared/versions.js';
import { parseMixExs, runtimeDeps, type MixProject } from './mix.js';

export interface DepRef {
  name: string;
  file: string;
  line: number;
}

export interface ElixirProject {
  dir: string;
  mixFile: string;
  mix: MixProject;
  umbrella: boolean;
  /** Directories whose sources belong to the release: the project itself, or every umbrella app. */
  appDirs: string[];
  /** Runtime dependencies of the release (umbrella: every app's, minus in_umbrella siblings). */
  deps: DepRef[];
  /** An app of the project has an application callback (`mod:`). */
  hasMod: boolean;
  /** The first app name (the umbrella's own apps when it has none). */
  app: string | null;
}

export function readElixirProject(repo: RepoFs, dir: string): ElixirProject | null {
  const mixFile = joinPath(dir, 'mix.exs');
  const text = repo.readText(mixFile);
  if (text === null) return null;
  const mix = parseMixExs(text);
  const deps: DepRef[] = runtimeDeps(mix).filter((d) => !d.inUmbrella).map((d) => ({ name: d.name, file: mixFile, line: d.line }));
  const appDirs = [dir];
  let hasMod = mix.mod !== null;
  let app = mix.app;
  if (mix.appsPath) {
    appDirs.length = 0;
    const appsRoot = joinPath(dir, mix.appsPath);
    for (const name of repo.list(appsRoot)) {
      const appDir = joinPath(appsRoot, name);
      const appMixFile = joinPath(appDir, 'mix.exs');
      const appText = repo.readText(appMixFile);
      if (appText === null) continue;
      const child = parseMixExs(appText);
      appDirs.push(appDir);
      hasMod ||= child.mod !== null;
      app ??= child.app;
      for (const d of runtimeDeps(child)) {
        if (!d.inUmbrella && !deps.some((x) => x.name === d.name)) deps.push({ name: d.name, file: appMixFile, line: d.line });
      }
    }
  }
  return { dir, mixFile, mix, umbrella: mix.appsPath !== null, appDirs, deps, hasMod, app };
}

export function hasDep(project: ElixirProject, ...names: string[]): DepRef | null {
  return project.deps.find((d) => names.includes(d.name)) ?? null;
}

/** The umbrella root a directory belongs to as one of its apps, if any. */
export function umbrellaRootOf(repo: RepoFs, dir: string): string | null {
  for (const at of ancestors(dir).slice(1)) {
    const text = repo.readText(joinPath(at, 'mix.exs'));
    if (text === null) continue;
    const appsPath = /\bapps_path:\s*"([^"]+)"/.exec(text)?.[1];
    if (appsPath && dir.startsWith(`${joinPath(at, appsPath)}/`)) return at;
  }
  return null;
}

/** A dependency's locked version from mix.lock (`"phoenix": {:hex, :phoenix, "1.7.14", …`). */
export function lockedVersion(repo: RepoFs, dir: string, dep: string): string | null {
  const text = repo.readText(joinPath(dir, 'mix.lock'));
  if (text === null) return null;
  return new RegExp(`"${dep}":\\s*\\{:hex,\\s*:${dep},\\s*"([^"]+)"`).exec(text)?.[1] ?? null;
}
