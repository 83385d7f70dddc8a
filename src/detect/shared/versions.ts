/**
 * Runtime versions from the files version managers share: .tool-versions (asdf) and mise.toml,
 * searched from the service directory up to the repository root. Default versions live here too,
 * so every detector falls back to the same current LTS line.
 */
import type { RepoFs } from '../../core/repo/repo-fs.js';
import { joinPath } from '../../core/repo/repo-fs.js';
import { lineOf } from './text.js';

/** Current supported lines used when the repo does not say. Checked when devsquad is released. */
export const DEFAULT_VERSIONS = {
  node: '22',
  python: '3.12',
  go: '1.23',
  java: '21',
  rust: '1.83',
  ruby: '3.3',
  php: '8.3',
  dotnet: '8.0',
  elixir: '1.17',
  erlang: '27',
  deno: '2',
  bun: '1',
} as const;

export interface VersionHint {
  version: string;
  file: string;
  line?: number;
}

/** Directories from `dir` up to the root: 'a/b' → ['a/b', 'a', '']. */
export function ancestors(dir: string): string[] {
  const out = [dir];
  let current = dir;
  while (current !== '') {
    current = current.includes('/') ? current.slice(0, current.lastIndexOf('/')) : '';
    out.push(current);
  }
  return out;
}

/** A tool's version from .tool-versions or mise.toml (`nodejs`/`node`, `python`, `golang`/`go`, …). */
export function toolVersion(repo: RepoFs, dir: string, names: readonly string[]): VersionHint | null {
  for (const at of ancestors(dir)) {
    const toolVersions = joinPath(at, '.tool-versions');
    const text = repo.readText(toolVersions);
    if (text !== null) {
      for (const [i, raw] of text.split('\n').entries()) {
        const [tool, version] = raw.trim().split(/\s+/);
        if (tool && version && names.includes(tool) && version !== 'system') return { version, file: toolVersions, line: i + 1 };
      }
    }
    for (const mise of ['mise.toml', '.mise.toml']) {
      const file = joinPath(at, mise);
      const data = repo.readToml(file);
      const tools = data?.tools;
      if (!tools || typeof tools !== 'object') continue;
      for (const name of names) {
        const value = (tools as Record<string, unknown>)[name];
        const version = typeof value === 'string' ? value : Array.isArray(value) && typeof value[0] === 'string' ? value[0] : typeof value === 'object' && value !== null && typeof (value as { version?: unknown }).version === 'string' ? (value as { version: string }).version : null;
        if (version && version !== 'latest') {
          const text2 = repo.readText(file) ?? '';
          return { version, file, line: lineOf(text2, new RegExp(`^\\s*"?${name}"?\\s*=`)) };
        }
      }
    }
  }
  return null;
}

/** The first line of a one-line version file (.nvmrc, .python-version, .ruby-version), searched upwards. */
export function versionFile(repo: RepoFs, dir: string, fileNames: readonly string[]): VersionHint | null {
  for (const at of ancestors(dir)) {
    for (const name of fileNames) {
      const file = joinPath(at, name);
      const text = repo.readText(file);
      if (text === null) continue;
      const version = text.split('\n').map((l) => l.trim()).find((l) => l !== '' && !l.startsWith('#'));
      if (version) return { version, file, line: 1 };
    }
  }
  return null;
}

/**
 * Reduces a version constraint to an image tag: '>=18.17 <21' → '18.17', '^3.11' → '3.11', 'v20.11.1' → '20.11.1',
 * 'lts/iron' → '20'. Returns null when nothing usable is in it.
 */
export function versionToTag(constraint: string): string | null {
  const lts: Record<string, string> = { argon: '4', boron: '6', carbon: '8', dubnium: '10', erbium: '12', fermium: '14', gallium: '16', hydrogen: '18', iron: '20', jod: '22', krypton: '24' };
  const trimmed = constraint.trim().toLowerCase();
  const ltsName = /^lts\/(\w+)/.exec(trimmed)?.[1];
  if (ltsName && lts[ltsName]) return lts[ltsName] ?? null;
  if (trimmed === 'lts/*' || trimmed === 'lts' || trimmed === 'node' || trimmed === 'stable') return null;
  const m = /(\d+)(?:\.(\d+|x|\*))?(?:\.(\d+|x|\*))?/.exec(trimmed);
  if (!m) return null;
  const parts = [m[1], m[2], m[3]].filter((p): p is string => p !== undefined && /^\d+$/.test(p));
  return parts.join('.');
}
