/**
 * The Go packages of one module, read the way the go command sees them: one package per directory,
 * nested modules, vendor/, testdata/ and `_`/`.` directories excluded, `_test.go` files and files
 * constrained with the `ignore` build tag left out. From it: which directories hold `package main`
 * (the binaries) and which module-local packages each binary pulls in (its import closure), so the
 * port, routes, env reads and dependencies of `cmd/api` are not mixed up with those of `cmd/worker`.
 */
import type { RepoFs } from '../../core/repo/repo-fs.js';
import { joinPath } from '../../core/repo/repo-fs.js';
import { lineAt, stripCComments } from '../shared/text.js';

export interface GoImport {
  path: string;
  line: number;
}

export interface GoFile {
  file: string;
  /** Source with comments blanked out (line numbers preserved). */
  code: string;
  /** The original text, for evidence notes and struct tags. */
  raw: string;
  pkg: string;
  imports: GoImport[];
}

export interface GoPackage {
  dir: string;
  name: string;
  files: GoFile[];
}

export interface GoModuleSource {
  dir: string;
  packages: Map<string, GoPackage>;
}

/** Most .go files read per module: keeps giant monorepos fast. */
const MAX_FILES = 3000;

/** Folders a deployable main package never lives in (generators, examples, test helpers). */
const NON_BINARY_DIR = /(^|\/)(examples?|_examples|samples?|demos?|tools?|hack|scripts|tests?|e2e|integration|benchmarks?|docs?|magefiles|internal\/tools|third_party|build)(\/|$)/;

/** Parsed sources per repository and module: go.work members would otherwise re-read their siblings. */
const sourceCache = new WeakMap<RepoFs, Map<string, GoModuleSource>>();

export function readModuleSource(repo: RepoFs, moduleDir: string): GoModuleSource {
  let cache = sourceCache.get(repo);
  if (!cache) {
    cache = new Map();
    sourceCache.set(repo, cache);
  }
  const cached = cache.get(moduleDir);
  if (cached) return cached;
  const source = scanModule(repo, moduleDir);
  cache.set(moduleDir, source);
  return source;
}

function scanModule(repo: RepoFs, moduleDir: string): GoModuleSource {
  const prefix = moduleDir === '' ? '' : `${moduleDir}/`;
  const nestedModules = new Set<string>();
  const packages = new Map<string, GoPackage>();
  let count = 0;
  for (const file of repo.filesUnder(moduleDir)) {
    if (!file.endsWith('.go') || file.endsWith('_test.go')) continue;
    const local = file.slice(prefix.length);
    const dirLocal = local.includes('/') ? local.slice(0, local.lastIndexOf('/')) : '';
    if (dirLocal !== '' && dirLocal.split('/').some((seg) => seg === 'vendor' || seg === 'testdata' || seg.startsWith('_') || seg.startsWith('.'))) continue;
    if (insideNestedModule(repo, moduleDir, dirLocal, nestedModules)) continue;
    if (++count > MAX_FILES) break;
    const parsed = parseGoFile(repo, file);
    if (!parsed) continue;
    const dir = joinPath(moduleDir, dirLocal);
    const pkg = packages.get(dir) ?? { dir, name: parsed.pkg, files: [] };
    // A directory holds one package; a stray file of another name (a doc.go mismatch) does not change it.
    if (pkg.files.length === 0) pkg.name = parsed.pkg;
    pkg.files.push(parsed);
    packages.set(dir, pkg);
  }
  return { dir: moduleDir, packages };
}

function insideNestedModule(repo: RepoFs, moduleDir: string, dirLocal: string, cache: Set<string>): boolean {
  if (dirLocal === '') return false;
  const parts = dirLocal.split('/');
  for (let i = 1; i <= parts.length; i++) {
    const sub = joinPath(moduleDir, parts.slice(0, i).join('/'));
    if (cache.has(sub)) return true;
    if (repo.isFile(joinPath(sub, 'go.mod'))) {
      cache.add(sub);
      return true;
    }
  }
  return false;
}

export function parseGoFile(repo: RepoFs, file: string): GoFile | null {
  const raw = repo.readText(file);
  if (raw === null) return null;
  // Files guarded by `//go:build ignore` are generators run by hand, not part of the package.
  const header = raw.slice(0, Math.max(0, raw.search(/^\s*package\s/m)));
  if (/^\/\/(go:build|\s*\+build)\s.*\bignore\b/m.test(header)) return null;
  const code = stripCComments(raw);
  const pkg = /^\s*package\s+([A-Za-z_]\w*)/m.exec(code)?.[1];
  if (!pkg) return null;
  return { file, code, raw, pkg, imports: parseImports(code) };
}

/** Import paths with the line each is declared on. `import "C"` shows up as path 'C'. */
export function parseImports(code: string): GoImport[] {
  const out: GoImport[] = [];
  const blockRe = /^\s*import\s*\(([\s\S]*?)\)/gm;
  for (let m = blockRe.exec(code); m !== null; m = blockRe.exec(code)) {
    const start = m.index + m[0].indexOf('(') + 1;
    const specRe = /(?:^|\n)\s*(?:[\w.]+\s+)?"([^"]+)"/g;
    const body = m[1] ?? '';
    for (let s = specRe.exec(body); s !== null; s = specRe.exec(body)) {
      const at = start + s.index + s[0].indexOf('"');
      out.push({ path: s[1] ?? '', line: lineAt(code, at) });
    }
  }
  const singleRe = /^\s*import\s+(?:[\w.]+\s+)?"([^"]+)"/gm;
  for (let m = singleRe.exec(code); m !== null; m = singleRe.exec(code)) {
    out.push({ path: m[1] ?? '', line: lineAt(code, m.index + m[0].indexOf('"')) });
  }
  return out;
}

export interface GoBinary {
  /** Binary name: the cmd/ folder, or the module path's last element for a root main package. */
  name: string;
  /** Directory of the main package. */
  dir: string;
  /** Package path relative to the module, as `go build` takes it: '.', './cmd/api'. */
  target: string;
  pkg: GoPackage;
}

/**
 * The deployable main packages: the module root and everything under cmd/. Only when there are none
 * do other main packages count (a lone `server/main.go`), never those in tools/, examples/, hack/….
 */
export function findBinaries(source: GoModuleSource, modulePath: string): GoBinary[] {
  const mains = [...source.packages.values()].filter((p) => p.name === 'main');
  const prefix = source.dir === '' ? '' : `${source.dir}/`;
  const rel = (dir: string): string => (dir === source.dir ? '' : dir.slice(prefix.length));
  const toBinary = (pkg: GoPackage): GoBinary => {
    const local = rel(pkg.dir);
    const name = local === '' ? binaryNameFromModule(modulePath) : local.split('/').pop() ?? local;
    return { name, dir: pkg.dir, target: local === '' ? '.' : `./${local}`, pkg };
  };
  const preferred = mains.filter((p) => rel(p.dir) === '' || /^cmd\//.test(rel(p.dir)));
  const chosen = preferred.length > 0 ? preferred : mains.filter((p) => !NON_BINARY_DIR.test(rel(p.dir)));
  return chosen.map(toBinary).sort((a, b) => a.target.localeCompare(b.target));
}

/** `go build` names a root binary after the module path's last element, skipping a /vN suffix. */
export function binaryNameFromModule(modulePath: string): string {
  const parts = modulePath.split('/').filter((p) => p !== '');
  let last = parts.pop() ?? 'app';
  if (/^v\d+$/.test(last) && parts.length > 0) last = parts.pop() ?? last;
  return last;
}

/**
 * Every package a binary imports from the module itself or from a sibling module of the workspace,
 * transitively, starting with the binary's own package. `localModules` maps module paths to dirs.
 */
export function importClosure(
  start: GoPackage,
  localModules: ReadonlyMap<string, GoModuleSource>,
  modulePaths: readonly string[],
): GoPackage[] {
  const seen = new Set<string>([start.dir]);
  const out: GoPackage[] = [start];
  const queue: GoPackage[] = [start];
  // Longest module path first so a nested module wins over its parent's prefix.
  const sorted = [...modulePaths].sort((a, b) => b.length - a.length);
  while (queue.length > 0 && out.length < 400) {
    const pkg = queue.shift()!;
    for (const file of pkg.files) {
      for (const imp of file.imports) {
        const mod = sorted.find((m) => imp.path === m || imp.path.startsWith(`${m}/`));
        if (mod === undefined) continue;
        const source = localModules.get(mod);
        if (!source) continue;
        const dir = joinPath(source.dir, imp.path.slice(mod.length + 1));
        if (seen.has(dir)) continue;
        seen.add(dir);
        const next = source.packages.get(dir);
        if (next) {
          out.push(next);
          queue.push(next);
        }
      }
    }
  }
  return out;
}
