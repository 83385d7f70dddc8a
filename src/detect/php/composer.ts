/**
 * composer.json and composer.lock, read as data. Only the fields devsquad uses are typed; anything
 * malformed reads as absent.
 */
import type { RepoFs } from '../../core/repo/repo-fs.js';
import { joinPath } from '../../core/repo/repo-fs.js';
import { lineOf } from '../shared/text.js';

export interface Composer {
  file: string;
  /** composer.json text, for evidence lines. */
  text: string;
  name: string | null;
  type: string | null;
  require: Record<string, string>;
  requireDev: Record<string, string>;
  /** `config.platform.php`: the PHP version Composer resolves for. */
  platformPhp: string | null;
  scripts: Record<string, unknown>;
}

export interface ComposerLock {
  file: string;
  /** Non-dev packages: name → version. */
  packages: Map<string, string>;
  /** `ext-*` requirements of the locked non-dev packages. */
  extensions: Set<string>;
}

export function readComposer(repo: RepoFs, dir: string): Composer | null {
  const file = joinPath(dir, 'composer.json');
  const data = repo.readJson(file);
  if (!isRecord(data)) return null;
  const config = isRecord(data.config) ? data.config : {};
  const platform = isRecord(config.platform) ? config.platform : {};
  return {
    file,
    text: repo.readText(file) ?? '',
    name: typeof data.name === 'string' ? data.name : null,
    type: typeof data.type === 'string' ? data.type : null,
    require: stringRecord(data.require),
    requireDev: stringRecord(data['require-dev']),
    platformPhp: typeof platform.php === 'string' ? platform.php : null,
    scripts: isRecord(data.scripts) ? data.scripts : {},
  };
}

export function readComposerLock(repo: RepoFs, dir: string): ComposerLock | null {
  const file = joinPath(dir, 'composer.lock');
  if (!repo.isFile(file)) return null;
  const data = repo.readJson(file);
  const packages = new Map<string, string>();
  const extensions = new Set<string>();
  if (isRecord(data) && Array.isArray(data.packages)) {
    for (const pkg of data.packages) {
      if (!isRecord(pkg) || typeof pkg.name !== 'string') continue;
      packages.set(pkg.name, typeof pkg.version === 'string' ? pkg.version.replace(/^v/, '') : '');
      for (const req of Object.keys(stringRecord(pkg.require))) if (req.startsWith('ext-')) extensions.add(req.slice(4).toLowerCase());
    }
  }
  return { file, packages, extensions };
}

/** Line of a package in composer.json, for evidence. */
export function packageLine(composer: Composer | null, name: string): number | undefined {
  return composer ? lineOf(composer.text, `"${name}"`) : undefined;
}

export function hasPackage(composer: Composer | null, lock: ComposerLock | null, name: string): boolean {
  return Object.hasOwn(composer?.require ?? {}, name) || (lock?.packages.has(name) ?? false);
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stringRecord(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!isRecord(value)) return out;
  for (const [k, v] of Object.entries(value)) if (typeof v === 'string') out[k] = v;
  return out;
}
