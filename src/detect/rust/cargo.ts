/**
 * Cargo.toml as the planner needs it: the package, its binary targets (auto-discovered the way
 * Cargo does: src/main.rs, src/bin/*.rs, src/bin/<name>/main.rs, plus [[bin]]), its dependencies
 * with features, and the [workspace] table. Parsing goes through RepoFs.readToml, which records a
 * diagnostic and returns null for a broken file.
 */
import type { RepoFs } from '../../core/repo/repo-fs.js';
import { joinPath } from '../../core/repo/repo-fs.js';
import { lineOf } from '../shared/text.js';

export interface CargoDep {
  /** The crate's real name (`package = "…"` renames resolved). */
  name: string;
  /** The key it is declared under. */
  key: string;
  features: string[];
  defaultFeatures: boolean;
  /** Path of a path dependency, relative to the manifest that declares it. */
  path: string | null;
  /** `{ workspace = true }`: resolved against [workspace.dependencies] by the caller. */
  workspace: boolean;
  line?: number;
}

export interface CargoBin {
  name: string;
  /** Repo-relative source file of the binary's main. */
  file: string;
  /** Where the target came from, for evidence. */
  origin: string;
}

export interface CargoManifest {
  dir: string;
  file: string;
  text: string;
  pkg: {
    name: string;
    line?: number;
    /** A version, `{ workspace: true }` when inherited, or null. */
    rustVersion: string | { workspace: true } | null;
    defaultRun: string | null;
  } | null;
  bins: CargoBin[];
  hasLib: boolean;
  deps: CargoDep[];
  buildDeps: CargoDep[];
  workspace: {
    members: string[];
    exclude: string[];
    dependencies: Map<string, CargoDep>;
    rustVersion: string | null;
  } | null;
}

type Table = Record<string, unknown>;

const isTable = (v: unknown): v is Table => typeof v === 'object' && v !== null && !Array.isArray(v);
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
const escapeRe = (t: string): string => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

/** Parsed manifests per repository: workspace members share their root and path dependencies. */
const manifestCache = new WeakMap<RepoFs, Map<string, CargoManifest | null>>();

export function readCargo(repo: RepoFs, dir: string): CargoManifest | null {
  let cache = manifestCache.get(repo);
  if (!cache) {
    cache = new Map();
    manifestCache.set(repo, cache);
  }
  if (cache.has(dir)) return cache.get(dir) ?? null;
  const manifest = parseCargo(repo, dir);
  cache.set(dir, manifest);
  return manifest;
}

function parseCargo(repo: RepoFs, dir: string): CargoManifest | null {
  const file = joinPath(dir, 'Cargo.toml');
  const text = repo.readText(file);
  const data = repo.readToml(file);
  if (text === null || data === null) return null;
  const pkgTable = isTable(data.package) ? data.package : null;
  const name = pkgTable ? str(pkgTable.name) : null;
  const rv = pkgTable?.['rust-version'];
  const pkg = pkgTable && name
    ? {
        name,
        line: lineOf(text, /^\s*name\s*=/),
        rustVersion: typeof rv === 'string' ? rv : isTable(rv) && rv.workspace === true ? ({ workspace: true } as const) : null,
        defaultRun: str(pkgTable['default-run']),
      }
    : null;
  const deps: CargoDep[] = [];
  const buildDeps: CargoDep[] = [];
  collectDeps(data.dependencies, text, deps);
  collectDeps(data['build-dependencies'], text, buildDeps);
  // [target.'cfg(unix)'.dependencies] count too: the image is Linux.
  if (isTable(data.target)) {
    for (const t of Object.values(data.target)) {
      if (isTable(t)) {
        collectDeps(t.dependencies, text, deps);
        collectDeps(t['build-dependencies'], text, buildDeps);
      }
    }
  }
  let workspace: CargoManifest['workspace'] = null;
  if (isTable(data.workspace)) {
    const ws = data.workspace;
    const wsDeps: CargoDep[] = [];
    collectDeps(ws.dependencies, text, wsDeps);
    const wsPackage = isTable(ws.package) ? ws.package : {};
    workspace = {
      members: strings(ws.members),
      exclude: strings(ws.exclude),
      dependencies: new Map(wsDeps.map((d) => [d.key, d])),
      rustVersion: str(wsPackage['rust-version']),
    };
  }
  const manifest: CargoManifest = { dir, file, text, pkg, bins: [], hasLib: false, deps, buildDeps, workspace };
  if (pkg) {
    manifest.bins = discoverBins(repo, dir, pkg.name, data);
    manifest.hasLib = isTable(data.lib) || repo.isFile(joinPath(dir, 'src/lib.rs'));
  }
  return manifest;
}

function collectDeps(table: unknown, text: string, out: CargoDep[]): void {
  if (!isTable(table)) return;
  for (const [key, spec] of Object.entries(table)) {
    // `name = …`, `name.workspace = true` or a `[dependencies.name]` table.
    const line = lineOf(text, new RegExp(`^\\s*("?${escapeRe(key)}"?\\s*[=.]|\\[(?:[\\w.'"()-]+\\.)?dependencies\\.${escapeRe(key)}\\])`));
    if (typeof spec === 'string') {
      out.push({ name: key, key, features: [], defaultFeatures: true, path: null, workspace: false, line });
    } else if (isTable(spec)) {
      out.push({
        name: str(spec.package) ?? key,
        key,
        features: strings(spec.features),
        defaultFeatures: spec['default-features'] !== false && spec.default_features !== false,
        path: str(spec.path),
        workspace: spec.workspace === true,
        line,
      });
    }
  }
}

/** Cargo's target auto-discovery plus explicit [[bin]] tables (which win on a name clash). */
function discoverBins(repo: RepoFs, dir: string, pkgName: string, data: Table): CargoBin[] {
  const pkg = isTable(data.package) ? data.package : {};
  const bins = new Map<string, CargoBin>();
  if (pkg.autobins !== false) {
    const main = joinPath(dir, 'src/main.rs');
    if (repo.isFile(main)) bins.set(pkgName, { name: pkgName, file: main, origin: 'src/main.rs' });
    const binDir = joinPath(dir, 'src/bin');
    for (const entry of repo.list(binDir)) {
      const full = joinPath(binDir, entry);
      if (entry.endsWith('.rs') && repo.isFile(full)) bins.set(entry.slice(0, -3), { name: entry.slice(0, -3), file: full, origin: `src/bin/${entry}` });
      else if (repo.isFile(joinPath(full, 'main.rs'))) bins.set(entry, { name: entry, file: joinPath(full, 'main.rs'), origin: `src/bin/${entry}/main.rs` });
    }
  }
  const explicit = Array.isArray(data.bin) ? data.bin.filter(isTable) : [];
  for (const bin of explicit) {
    const name = str(bin.name);
    if (!name) continue;
    const path = str(bin.path);
    const guess = [path, `src/bin/${name}.rs`, `src/bin/${name}/main.rs`, name === pkgName ? 'src/main.rs' : null].find(
      (p): p is string => p !== null && repo.isFile(joinPath(dir, p)),
    );
    const file = joinPath(dir, guess ?? path ?? 'src/main.rs');
    // Cargo does not also auto-discover a file an explicit [[bin]] already claims under another name.
    for (const [other, found] of bins) if (found.file === file && other !== name) bins.delete(other);
    bins.set(name, { name, file, origin: '[[bin]]' });
  }
  return [...bins.values()];
}

/** A dependency with `workspace = true` resolved against the workspace root's table. */
export function resolveWorkspaceDep(dep: CargoDep, root: CargoManifest | null): CargoDep & { baseDir: 'member' | 'root' } {
  if (!dep.workspace || !root?.workspace) return { ...dep, baseDir: 'member' };
  const base = root.workspace.dependencies.get(dep.key);
  if (!base) return { ...dep, baseDir: 'member' };
  return {
    ...dep,
    name: base.name,
    features: [...new Set([...base.features, ...dep.features])],
    defaultFeatures: base.defaultFeatures,
    path: base.path,
    baseDir: 'root',
  };
}
