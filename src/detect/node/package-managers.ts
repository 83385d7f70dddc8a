/**
 * Which package manager a Node project uses and how to run it: the Corepack `packageManager` field
 * wins (it is what `corepack` will actually run), then the lockfile. A workspace member has no
 * lockfile of its own: the one at the workspace root counts. Commands are lockfile-strict.
 */
import type { RepoFs } from '../../core/repo/repo-fs.js';
import { joinPath } from '../../core/repo/repo-fs.js';
import { lineOf } from '../shared/text.js';
import type { Manifest } from './schema.js';
import { manifestLine } from './schema.js';

export type PackageManagerName = 'npm' | 'pnpm' | 'yarn' | 'bun';

export interface PmEvidence {
  file: string;
  line?: number;
  note: string;
}

export interface PackageManagerInfo {
  name: PackageManagerName;
  /** Repo-relative lockfile path, or null when the project has none. */
  lockfile: string | null;
  /** Exact version from `packageManager` (or the major a lockfile format implies), else null. */
  version: string | null;
  /** Yarn 2+ (`.yarnrc.yml`, `__metadata:` in yarn.lock, or yarn@>=2 in packageManager). */
  berry: boolean;
  /** Yarn Plug'n'Play: no node_modules, binaries run through `yarn <bin>`. */
  pnp: boolean;
  /** `packageManager` pins the tool through Corepack. */
  corepack: boolean;
  /** Directory the lockfile and install belong to (the workspace root for members). */
  rootDir: string;
  evidence: PmEvidence[];
  warnings: string[];
}

const LOCKFILES: ReadonlyArray<[string, PackageManagerName]> = [
  ['pnpm-lock.yaml', 'pnpm'],
  ['bun.lock', 'bun'],
  ['bun.lockb', 'bun'],
  ['yarn.lock', 'yarn'],
  ['package-lock.json', 'npm'],
  ['npm-shrinkwrap.json', 'npm'],
];

/**
 * Finds the package manager for the package in `dir`, whose workspace root (or itself) is
 * `rootDir` with manifest `rootManifest`.
 */
export function detectPackageManager(repo: RepoFs, dir: string, manifest: Manifest, rootDir: string, rootManifest: Manifest | null): PackageManagerInfo {
  const evidence: PmEvidence[] = [];
  const warnings: string[] = [];
  const searchDirs = dir === rootDir ? [dir] : [dir, rootDir];

  // 1. Corepack's packageManager field, in the package or at the workspace root.
  let pinned: { name: PackageManagerName; version: string | null; manifest: Manifest } | null = null;
  for (const m of [manifest, rootManifest]) {
    if (!m?.packageManager) continue;
    const match = /^(npm|pnpm|yarn|bun)@([^+\s]+)/.exec(m.packageManager);
    if (!match) continue;
    pinned = { name: match[1] as PackageManagerName, version: match[2] ?? null, manifest: m };
    evidence.push({ file: m.file, line: manifestLine(m, 'packageManager'), note: `"packageManager": "${m.packageManager}"` });
    break;
  }

  // 2. Lockfiles, nearest directory first.
  const found: Array<{ file: string; name: PackageManagerName; dir: string }> = [];
  for (const at of searchDirs) {
    for (const [lock, name] of LOCKFILES) {
      const file = joinPath(at, lock);
      if (repo.isFile(file)) found.push({ file, name, dir: at });
    }
    if (found.length > 0) break;
  }

  let name: PackageManagerName;
  let lockfile: string | null = null;
  let lockDir = rootDir;
  if (pinned) {
    name = pinned.name;
    const own = found.find((f) => f.name === name);
    lockfile = own?.file ?? null;
    if (own) lockDir = own.dir;
    const other = found.find((f) => f.name !== name);
    if (other && !own) warnings.push(`packageManager says ${name} but the lockfile is ${other.file}; using ${name}.`);
  } else if (found.length > 0) {
    const first = found[0]!;
    name = first.name;
    lockfile = first.file;
    lockDir = first.dir;
    evidence.push({ file: first.file, note: `lockfile ${first.file.slice(first.file.lastIndexOf('/') + 1)}` });
    const others = [...new Set(found.filter((f) => f.name !== name).map((f) => f.file))];
    if (others.length > 0) warnings.push(`Several lockfiles found (${[first.file, ...others].join(', ')}); using ${name}. Delete the stale ones.`);
  } else if (repo.isFile(joinPath(rootDir, 'pnpm-workspace.yaml'))) {
    name = 'pnpm';
    evidence.push({ file: joinPath(rootDir, 'pnpm-workspace.yaml'), note: 'pnpm-workspace.yaml (no lockfile)' });
  } else if (repo.isFile(joinPath(rootDir, '.yarnrc.yml'))) {
    name = 'yarn';
    evidence.push({ file: joinPath(rootDir, '.yarnrc.yml'), note: '.yarnrc.yml (no lockfile)' });
  } else {
    name = 'npm';
    evidence.push({ file: manifest.file, note: 'no lockfile: npm by default' });
  }
  if (lockfile === null) {
    warnings.push(`No lockfile found: \`${name} install\` resolves versions at build time, so builds are not reproducible. Commit a lockfile.`);
  }

  const yarnrc = joinPath(lockDir, '.yarnrc.yml');
  const lockText = lockfile && name === 'yarn' ? repo.readText(lockfile) ?? '' : '';
  let berry = false;
  if (name === 'yarn') {
    const pinnedMajor = pinned ? Number.parseInt(pinned.version ?? '', 10) : NaN;
    berry = (Number.isFinite(pinnedMajor) && pinnedMajor >= 2) || repo.isFile(yarnrc) || /^__metadata:/m.test(lockText);
    if (berry && repo.isFile(yarnrc)) evidence.push({ file: yarnrc, note: '.yarnrc.yml: Yarn 2+ (berry)' });
    else if (berry && lockfile && /^__metadata:/m.test(lockText)) evidence.push({ file: lockfile, line: lineOf(lockText, /^__metadata:/), note: '__metadata: in yarn.lock: Yarn 2+ (berry)' });
  }
  const pnp = berry && isPnp(repo, lockDir, yarnrc);

  let version = pinned?.version ?? null;
  if (version === null && lockfile) version = versionFromLockfile(repo, name, lockfile, lockText);

  return { name, lockfile, version, berry, pnp, corepack: pinned !== null, rootDir: lockDir, evidence, warnings };
}

/** Yarn berry uses Plug'n'Play unless `.yarnrc.yml` sets another nodeLinker. */
function isPnp(repo: RepoFs, dir: string, yarnrc: string): boolean {
  if (repo.isFile(joinPath(dir, '.pnp.cjs'))) return true;
  const text = repo.readText(yarnrc);
  if (text === null) return true;
  const linker = /^nodeLinker:\s*["']?([\w-]+)/m.exec(text)?.[1];
  return linker === undefined || linker === 'pnp';
}

/**
 * The lockfile format pins a major version of the tool that wrote it; installing with another major
 * fails `--frozen-lockfile`, so the image must use the same one.
 */
function versionFromLockfile(repo: RepoFs, name: PackageManagerName, lockfile: string, yarnText: string): string | null {
  if (name === 'pnpm' && lockfile.endsWith('.yaml')) {
    const text = repo.readText(lockfile) ?? '';
    const v = /^lockfileVersion:\s*['"]?(\d+(?:\.\d+)?)/m.exec(text)?.[1];
    if (!v) return null;
    const major = Number.parseFloat(v);
    if (major >= 9) return '9';
    if (major >= 6) return '8';
    if (major >= 5.4) return '7';
    return null;
  }
  if (name === 'yarn') {
    const meta = /^__metadata:\s*\n\s+version:\s*(\d+)/m.exec(yarnText)?.[1];
    if (meta === undefined) return null;
    const v = Number(meta);
    return v >= 8 ? '4' : v >= 6 ? '3' : '2';
  }
  return null;
}

/** The lockfile-strict install for the whole project (run at the workspace root for members). */
export function installCommand(pm: PackageManagerInfo): string {
  const locked = pm.lockfile !== null;
  switch (pm.name) {
    case 'pnpm':
      return locked ? 'pnpm install --frozen-lockfile' : 'pnpm install';
    case 'yarn':
      if (pm.berry) return locked ? 'yarn install --immutable' : 'yarn install';
      return locked ? 'yarn install --frozen-lockfile' : 'yarn install';
    case 'bun':
      return locked ? 'bun install --frozen-lockfile' : 'bun install';
    default:
      return locked ? 'npm ci' : 'npm install';
  }
}

/** `npm run build`, `pnpm run build`, … in the package directory. */
export function runScript(pm: PackageManagerInfo, script: string): string {
  return `${pm.name} run ${script}`;
}

/**
 * A package binary run without a package-manager wrapper where possible, so PID 1 is the real
 * process: `node_modules/.bin/next start`. Yarn PnP has no node_modules (`yarn next start`), bun
 * uses `bunx`, and hoisted workspace members may find the binary at the root (`npx`).
 */
export function binCommand(pm: PackageManagerInfo, bin: string, args: string, options: { hoisted?: boolean } = {}): string {
  const tail = args ? ` ${args}` : '';
  if (pm.pnp) return `yarn ${bin}${tail}`;
  if (pm.name === 'bun') return `bunx ${bin}${tail}`;
  if (options.hoisted && pm.name !== 'pnpm') return `npx ${bin}${tail}`;
  return `node_modules/.bin/${bin}${tail}`;
}

/**
 * A package binary for one-off tasks (migrations, turbo), where a wrapper process is harmless.
 * `npx` finds local binaries for npm, pnpm and yarn's node-modules linker alike and ships with
 * every Node image, so a runtime image without pnpm can still run it.
 */
export function execCommand(pm: PackageManagerInfo, bin: string, args: string): string {
  const tail = args ? ` ${args}` : '';
  if (pm.pnp) return `yarn ${bin}${tail}`;
  if (pm.name === 'bun') return `bunx ${bin}${tail}`;
  return `npx ${bin}${tail}`;
}
