/**
 * RepoFs: the only way devsquad reads a user's repository. It is jailed to the root (a path or a
 * symlink that resolves outside is refused), caps what it reads, skips binary files, honours
 * .gitignore, and never throws on a user's broken file: parse helpers return `null` and record a
 * diagnostic with a stable code instead.
 */
import fs from 'node:fs';
import path from 'node:path';
import posix from 'node:path/posix';
import ignore, { type Ignore } from 'ignore';
import picomatch from 'picomatch';
import { parse as parseYaml, parseAllDocuments } from 'yaml';
import { parse as parseToml } from 'smol-toml';
import { XMLParser } from 'fast-xml-parser';
import { parse as parseJsonc, type ParseError } from 'jsonc-parser';
import { DsqError, repoDiagnostic, type ErrorCode, type ErrorParams, type RepoDiagnostic } from '../errors.js';
import { log } from '../logger.js';

export interface RepoFsOptions {
  /** Largest file readText returns, in bytes (default 1 MiB). */
  maxFileBytes?: number;
  /** Most files indexed (default 200,000). */
  maxFiles?: number;
  /** Honour .gitignore files (default true). */
  gitignore?: boolean;
}

/** Directories that hold dependencies, caches or build output: never part of the analysis. */
const ALWAYS_SKIPPED_DIRS = new Set([
  '.git', '.hg', '.svn', 'node_modules', 'bower_components', 'jspm_packages', '.pnpm-store', '.yarn/cache',
  '.venv', 'venv', '__pycache__', '.tox', '.nox', '.mypy_cache', '.pytest_cache', '.ruff_cache',
  '.next', '.nuxt', '.output', '.svelte-kit', '.astro', '.turbo', '.nx', '.parcel-cache', '.vercel',
  '.gradle', '.idea', '.vscode-test', '.terraform', '.devsquad-example', 'coverage', '_build',
]);

const XML = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@_', parseTagValue: false, trimValues: true });

interface IgnoreScope {
  base: string;
  matcher: Ignore;
}

export class RepoFs {
  readonly root: string;
  readonly maxFileBytes: number;
  private readonly maxFiles: number;
  private readonly useGitignore: boolean;
  private fileList: string[] | null = null;
  private fileSet = new Set<string>();
  private dirSet = new Set<string>();
  private children = new Map<string, string[]>();
  private textCache = new Map<string, string | null>();
  /** Files reached through a symlink: only these need a realpath check before reading. */
  private linkedFiles = new Set<string>();
  private diagnosticKeys = new Set<string>();
  readonly diagnostics: RepoDiagnostic[] = [];

  constructor(root: string, options: RepoFsOptions = {}) {
    this.root = path.resolve(root);
    this.maxFileBytes = options.maxFileBytes ?? 1024 * 1024;
    this.maxFiles = options.maxFiles ?? 200_000;
    this.useGitignore = options.gitignore ?? true;
  }

  /** Opens a repository, failing with a catalogue error when the path is missing or not a directory. */
  static open(root: string, options: RepoFsOptions = {}): RepoFs {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(root);
    } catch {
      throw new DsqError('DSQ_ERR_REPO_NOT_FOUND', { path: root });
    }
    if (!stat.isDirectory()) throw new DsqError('DSQ_ERR_REPO_NOT_DIRECTORY', { path: root });
    return new RepoFs(fs.realpathSync(root), options);
  }

  /** The repository's folder name, used as the project name. */
  get name(): string {
    return path.basename(this.root);
  }

  /** Every indexed file, repo-relative with forward slashes, sorted. */
  files(): readonly string[] {
    return this.index();
  }

  /** Every indexed directory, '' being the root, sorted. */
  dirs(): readonly string[] {
    this.index();
    return [...this.dirSet].sort();
  }

  exists(rel: string): boolean {
    this.index();
    const p = normalize(rel);
    return p !== null && (this.fileSet.has(p) || this.dirSet.has(p));
  }

  isFile(rel: string): boolean {
    this.index();
    const p = normalize(rel);
    return p !== null && this.fileSet.has(p);
  }

  isDir(rel: string): boolean {
    this.index();
    const p = normalize(rel);
    return p !== null && this.dirSet.has(p);
  }

  /** Names of the entries directly inside `dir` (files and directories), sorted. */
  list(dir: string): string[] {
    this.index();
    const p = normalize(dir);
    return p === null ? [] : [...(this.children.get(p) ?? [])];
  }

  /** Every indexed file under `dir` (all depths), sorted; a contiguous slice of the sorted index. */
  filesUnder(dir: string): readonly string[] {
    const files = this.index();
    const p = normalize(dir);
    if (p === null) return [];
    if (p === '') return files;
    const prefix = `${p}/`;
    let lo = 0;
    let hi = files.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (files[mid]! < prefix) lo = mid + 1;
      else hi = mid;
    }
    let end = lo;
    while (end < files.length && files[end]!.startsWith(prefix)) end++;
    return files.slice(lo, end);
  }

  /**
   * Files under `cwd` matching any of the glob patterns (relative to `cwd`). Returns repo-relative
   * paths. Patterns use picomatch syntax (`**`, `{a,b}`, `!(x)`).
   */
  glob(patterns: string | string[], options: { cwd?: string; dot?: boolean } = {}): string[] {
    const cwd = normalize(options.cwd ?? '') ?? '';
    const isMatch = picomatch(patterns, { dot: options.dot ?? true });
    const prefix = cwd === '' ? '' : cwd + '/';
    const out: string[] = [];
    for (const file of this.filesUnder(cwd)) {
      if (isMatch(file.slice(prefix.length))) out.push(file);
    }
    return out;
  }

  /** Text of a file, or null when it is missing, outside the repo, too large or binary. */
  readText(rel: string): string | null {
    const p = normalize(rel);
    if (p === null) {
      this.report('DSQ_ERR_REPO_PATH_ESCAPE', rel);
      return null;
    }
    if (this.textCache.has(p)) return this.textCache.get(p) ?? null;
    const text = this.loadText(p);
    this.textCache.set(p, text);
    return text;
  }

  /** Parsed JSON, or null (with a DSQ_ERR_MANIFEST_PARSE diagnostic when the file exists but is broken). */
  readJson(rel: string): unknown {
    const text = this.readText(rel);
    if (text === null) return null;
    try {
      return JSON.parse(stripBom(text));
    } catch (error) {
      this.report('DSQ_ERR_MANIFEST_PARSE', rel, { format: 'JSON', reason: firstLine(error) });
      return null;
    }
  }

  /** JSON with comments and trailing commas (tsconfig.json, deno.jsonc, nx.json). */
  readJsonc(rel: string): unknown {
    const text = this.readText(rel);
    if (text === null) return null;
    const errors: ParseError[] = [];
    const value: unknown = parseJsonc(stripBom(text), errors, { allowTrailingComma: true });
    if (errors.length > 0) {
      this.report('DSQ_ERR_MANIFEST_PARSE', rel, { format: 'JSON', reason: `syntax error at offset ${errors[0]?.offset ?? 0}` });
      return null;
    }
    return value;
  }

  /** The first YAML document, or null. */
  readYaml(rel: string): unknown {
    const text = this.readText(rel);
    if (text === null) return null;
    try {
      return parseYaml(text, { uniqueKeys: false });
    } catch (error) {
      this.report('DSQ_ERR_MANIFEST_PARSE', rel, { format: 'YAML', reason: firstLine(error) });
      return null;
    }
  }

  /** Every YAML document in the file (pnpm-lock, Kubernetes manifests), or null. */
  readYamlAll(rel: string): unknown[] | null {
    const text = this.readText(rel);
    if (text === null) return null;
    const docs = parseAllDocuments(text);
    const list = Array.isArray(docs) ? docs : [docs];
    const broken = list.find((d) => d.errors.length > 0);
    if (broken) {
      this.report('DSQ_ERR_MANIFEST_PARSE', rel, { format: 'YAML', reason: firstLine(broken.errors[0]) });
      return null;
    }
    return list.map((d) => d.toJS() as unknown);
  }

  readToml(rel: string): Record<string, unknown> | null {
    const text = this.readText(rel);
    if (text === null) return null;
    try {
      return parseToml(text) as Record<string, unknown>;
    } catch (error) {
      this.report('DSQ_ERR_MANIFEST_PARSE', rel, { format: 'TOML', reason: firstLine(error) });
      return null;
    }
  }

  /** XML as plain objects (attributes prefixed `@_`), or null. */
  readXml(rel: string): Record<string, unknown> | null {
    const text = this.readText(rel);
    if (text === null) return null;
    try {
      return XML.parse(text, true) as Record<string, unknown>;
    } catch (error) {
      this.report('DSQ_ERR_MANIFEST_PARSE', rel, { format: 'XML', reason: firstLine(error) });
      return null;
    }
  }

  /** Records a diagnostic once per (code, path). Detectors use it for problems they find. */
  report(code: ErrorCode, rel: string, params: ErrorParams = {}): void {
    const key = `${code}\0${rel}`;
    if (this.diagnosticKeys.has(key)) return;
    this.diagnosticKeys.add(key);
    const diagnostic = repoDiagnostic(code, rel, params);
    log.debug(`${diagnostic.code}: ${diagnostic.message}`);
    this.diagnostics.push(diagnostic);
  }

  private loadText(p: string): string | null {
    this.index();
    if (!this.fileSet.has(p)) return null;
    const abs = path.join(this.root, p);
    try {
      // Directory links are never followed while indexing, so only a linked file can lead outside.
      const real = this.linkedFiles.has(p) ? fs.realpathSync(abs) : abs;
      if (!isInside(this.root, real)) {
        this.report('DSQ_ERR_REPO_SYMLINK_ESCAPE', p);
        return null;
      }
      const size = fs.statSync(real).size;
      if (size > this.maxFileBytes) {
        this.report('DSQ_ERR_REPO_FILE_TOO_LARGE', p, { size, limit: this.maxFileBytes });
        return null;
      }
      const buffer = fs.readFileSync(real);
      if (looksBinary(buffer)) {
        this.report('DSQ_ERR_REPO_BINARY_FILE', p);
        return null;
      }
      return buffer.toString('utf8');
    } catch (error) {
      this.report('DSQ_ERR_REPO_UNREADABLE', p, { reason: firstLine(error) });
      return null;
    }
  }

  private index(): string[] {
    if (this.fileList) return this.fileList;
    const files: string[] = [];
    this.dirSet.add('');
    const stack: Array<{ dir: string; scopes: IgnoreScope[] }> = [{ dir: '', scopes: [] }];
    let truncated = false;
    while (stack.length > 0 && !truncated) {
      const { dir, scopes: parentScopes } = stack.pop()!;
      const abs = dir === '' ? this.root : path.join(this.root, dir);
      let entries: fs.Dirent[];
      try {
        entries = fs.readdirSync(abs, { withFileTypes: true });
      } catch (error) {
        this.report('DSQ_ERR_REPO_UNREADABLE', dir || '.', { reason: firstLine(error) });
        continue;
      }
      const scopes = this.useGitignore ? this.withGitignore(dir, entries, parentScopes) : parentScopes;
      const names: string[] = [];
      for (const entry of entries) {
        const rel = dir === '' ? entry.name : `${dir}/${entry.name}`;
        let isDirectory = entry.isDirectory();
        let isFile = entry.isFile();
        if (entry.isSymbolicLink()) {
          const target = this.resolveLink(rel);
          if (target === null) continue;
          // Links to directories are not followed: they can loop, and the target is indexed anyway.
          if (target.isDirectory()) continue;
          isFile = target.isFile();
          isDirectory = false;
          if (isFile) this.linkedFiles.add(rel);
        }
        if (isDirectory) {
          if (ALWAYS_SKIPPED_DIRS.has(entry.name) || ignored(scopes, rel, true)) continue;
          if (isDependencyDir(entry.name, entries)) continue;
          names.push(entry.name);
          this.dirSet.add(rel);
          stack.push({ dir: rel, scopes });
        } else if (isFile) {
          if (ignored(scopes, rel, false)) continue;
          if (files.length >= this.maxFiles) {
            this.report('DSQ_ERR_REPO_TOO_MANY_FILES', '.', { limit: this.maxFiles });
            truncated = true;
            break;
          }
          names.push(entry.name);
          files.push(rel);
        }
      }
      this.children.set(dir, names.sort());
    }
    files.sort();
    this.fileList = files;
    this.fileSet = new Set(files);
    return files;
  }

  private resolveLink(rel: string): fs.Stats | null {
    try {
      const real = fs.realpathSync(path.join(this.root, rel));
      if (!isInside(this.root, real)) {
        this.report('DSQ_ERR_REPO_SYMLINK_ESCAPE', rel);
        return null;
      }
      return fs.statSync(real);
    } catch {
      return null; // dangling link: nothing to read
    }
  }

  private withGitignore(dir: string, entries: fs.Dirent[], parent: IgnoreScope[]): IgnoreScope[] {
    if (!entries.some((e) => e.name === '.gitignore' && e.isFile())) return parent;
    const rel = dir === '' ? '.gitignore' : `${dir}/.gitignore`;
    try {
      const text = fs.readFileSync(path.join(this.root, rel), 'utf8');
      return [...parent, { base: dir, matcher: ignore().add(text) }];
    } catch {
      return parent;
    }
  }
}

function ignored(scopes: IgnoreScope[], rel: string, isDir: boolean): boolean {
  for (const scope of scopes) {
    const local = scope.base === '' ? rel : rel.slice(scope.base.length + 1);
    if (local && scope.matcher.ignores(isDir ? `${local}/` : local)) return true;
  }
  return false;
}

/** Vendored dependencies that sit beside their manifest (Elixir deps/, Composer and Go vendor/). */
function isDependencyDir(name: string, siblings: fs.Dirent[]): boolean {
  const has = (file: string): boolean => siblings.some((s) => s.name === file);
  if (name === 'deps') return has('mix.exs');
  if (name === 'vendor') return has('composer.json') || has('go.mod') || has('Gemfile');
  if (name === 'target') return has('Cargo.toml') || has('pom.xml');
  if (name === 'bin' || name === 'obj') return siblings.some((s) => /\.(cs|fs|vb)proj$/.test(s.name));
  return false;
}

const CLEAN_PATH = /^(?!\.{1,2}(\/|$))(?!.*\/\.{1,2}(\/|$))[^/\\\0]+(\/[^/\\\0]+)*$/;

/** Normalises a repo-relative path; null when it climbs out of the root or is absolute. */
export function normalize(rel: string): string | null {
  if (rel === '' || rel === '.' || rel === './') return '';
  // Fast path: already a clean relative path (the common case, from our own joinPath).
  if (CLEAN_PATH.test(rel)) return rel;
  if (rel.includes('\0')) return null;
  const p = posix.normalize(rel.replace(/\\/g, '/'));
  if (p.startsWith('/') || p === '..' || p.startsWith('../')) return null;
  return p.replace(/\/$/, '') === '.' ? '' : p.replace(/\/$/, '');
}

/** Joins repo-relative path parts, treating '' as the root. */
export function joinPath(...parts: string[]): string {
  return parts.filter((p) => p !== '' && p !== '.').join('/');
}

export function isInside(root: string, target: string): boolean {
  const rel = path.relative(root, target);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

function looksBinary(buffer: Buffer): boolean {
  const sample = buffer.subarray(0, 8000);
  return sample.includes(0);
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String((error as { message?: unknown })?.message ?? error);
  return message.split('\n')[0] ?? message;
}
