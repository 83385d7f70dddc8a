/**
 * Where `tsc` (and `nest build`) put compiled files: outDir and rootDir from tsconfig, following
 * `extends` through relative paths and workspace packages. When rootDir is not set, TypeScript uses
 * the common directory of all input files, so a stray `drizzle.config.ts` at the package root turns
 * `dist/main.js` into `dist/src/main.js`; we compute it the same way.
 */
import picomatch from 'picomatch';
import type { RepoFs } from '../../core/repo/repo-fs.js';
import { joinPath, normalize } from '../../core/repo/repo-fs.js';
import type { WorkspaceRoot } from './workspaces.js';

export interface TsOutput {
  /** The tsconfig that was read (repo-relative). */
  file: string;
  /** Output directory relative to the package dir, or null when tsc emits beside the sources. */
  outDir: string | null;
  /** Root of the inputs relative to the package dir ('' for the package dir itself). */
  rootDir: string;
  noEmit: boolean;
}

interface RawConfig {
  extends?: unknown;
  compilerOptions?: { outDir?: unknown; rootDir?: unknown; noEmit?: unknown };
  include?: unknown;
  exclude?: unknown;
  files?: unknown;
}

interface Effective {
  outDir: string | null;
  rootDir: string | null;
  noEmit: boolean;
  include: string[] | null;
  exclude: string[] | null;
  files: string[] | null;
}

export function readTsconfig(repo: RepoFs, dir: string, name: string, workspace: WorkspaceRoot | null): TsOutput | null {
  const file = joinPath(dir, name);
  if (!repo.isFile(file)) return null;
  const eff = effectiveConfig(repo, file, workspace, 0);
  if (!eff) return null;
  const rootDir = eff.rootDir !== null ? relativePath(dir, eff.rootDir) : inferRootDir(repo, dir, eff);
  return { file, outDir: eff.outDir === null ? null : relativePath(dir, eff.outDir), rootDir, noEmit: eff.noEmit };
}

function effectiveConfig(repo: RepoFs, file: string, workspace: WorkspaceRoot | null, depth: number): Effective | null {
  if (depth > 6) return null;
  const raw = repo.readJsonc(file) as RawConfig | null;
  if (!raw || typeof raw !== 'object') return null;
  const base = dirOf(file);
  let result: Effective = { outDir: null, rootDir: null, noEmit: false, include: null, exclude: null, files: null };
  const parents = Array.isArray(raw.extends) ? raw.extends : raw.extends === undefined ? [] : [raw.extends];
  for (const parent of parents) {
    if (typeof parent !== 'string') continue;
    const parentFile = resolveExtends(repo, base, parent, workspace);
    const inherited = parentFile ? effectiveConfig(repo, parentFile, workspace, depth + 1) : null;
    if (inherited) result = { ...result, ...definedOnly(inherited) };
  }
  const co = raw.compilerOptions ?? {};
  const at = (p: unknown): string | null => (typeof p === 'string' ? normalize(joinPath(base, p)) : null);
  if (typeof co.outDir === 'string') result.outDir = at(co.outDir);
  if (typeof co.rootDir === 'string') result.rootDir = at(co.rootDir);
  if (typeof co.noEmit === 'boolean') result.noEmit = co.noEmit;
  const list = (v: unknown): string[] | null => (Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string').map((s) => normalize(joinPath(base, s)) ?? s) : null);
  if (raw.include !== undefined) result.include = list(raw.include);
  if (raw.exclude !== undefined) result.exclude = list(raw.exclude);
  if (raw.files !== undefined) result.files = list(raw.files);
  return result;
}

function definedOnly(e: Effective): Partial<Effective> {
  const out: Partial<Effective> = {};
  if (e.outDir !== null) out.outDir = e.outDir;
  if (e.rootDir !== null) out.rootDir = e.rootDir;
  if (e.noEmit) out.noEmit = true;
  if (e.include !== null) out.include = e.include;
  if (e.exclude !== null) out.exclude = e.exclude;
  if (e.files !== null) out.files = e.files;
  return out;
}

function resolveExtends(repo: RepoFs, base: string, spec: string, workspace: WorkspaceRoot | null): string | null {
  const withJson = (p: string): string | null => {
    const n = normalize(p);
    if (n === null) return null;
    if (repo.isFile(n)) return n;
    if (repo.isFile(`${n}.json`)) return `${n}.json`;
    if (repo.isFile(joinPath(n, 'tsconfig.json'))) return joinPath(n, 'tsconfig.json');
    return null;
  };
  if (spec.startsWith('.')) return withJson(joinPath(base, spec));
  // A workspace package such as `@acme/tsconfig/node.json`.
  for (const member of workspace?.members ?? []) {
    if (!member.name || !(spec === member.name || spec.startsWith(`${member.name}/`))) continue;
    const rest = spec.slice(member.name.length).replace(/^\//, '');
    return withJson(rest === '' ? joinPath(member.dir, 'tsconfig.json') : joinPath(member.dir, rest));
  }
  return null;
}

/** The common directory of the TypeScript inputs, relative to the package dir. */
function inferRootDir(repo: RepoFs, dir: string, eff: Effective): string {
  const include = (eff.include ?? [joinPath(dir, '**/*')]).map(globOf);
  const exclude = (eff.exclude ?? [joinPath(dir, 'node_modules'), ...(eff.outDir ? [eff.outDir] : [])]).map(globOf);
  const isIncluded = picomatch(include);
  const isExcluded = picomatch(exclude);
  const inputs: string[] = [...(eff.files ?? [])];
  for (const file of repo.filesUnder(dir)) {
    if (!/\.(ts|tsx|mts|cts)$/.test(file) || file.endsWith('.d.ts')) continue;
    if (eff.outDir && (file === eff.outDir || file.startsWith(`${eff.outDir}/`))) continue;
    if (isIncluded(file) && !isExcluded(file)) inputs.push(file);
  }
  if (inputs.length === 0) return '';
  let common = dirOf(inputs[0]!).split('/');
  for (const input of inputs.slice(1)) {
    const parts = dirOf(input).split('/');
    let i = 0;
    while (i < common.length && i < parts.length && common[i] === parts[i]) i++;
    common = common.slice(0, i);
  }
  return relativePath(dir, common.join('/'));
}

/** tsconfig include/exclude entries are directories or globs; make both picomatch globs. */
function globOf(p: string): string {
  if (/[*?{]/.test(p)) return p;
  if (/\.[cm]?[jt]sx?$/.test(p)) return p;
  return p === '' ? '**/*' : `${p}/**/*`;
}

function dirOf(file: string): string {
  const i = file.lastIndexOf('/');
  return i === -1 ? '' : file.slice(0, i);
}

/** Repo-relative `to` as seen from repo-relative `from` ('apps/api', 'dist/apps/api' → '../../dist/apps/api'). */
export function relativePath(from: string, to: string): string {
  const a = from === '' ? [] : from.split('/');
  const b = to === '' ? [] : to.split('/');
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return [...a.slice(i).map(() => '..'), ...b.slice(i)].join('/');
}
