/**
 * Settings loaded with the `config` crate: a field path such as `settings.application.port` is
 * looked up in the package's configuration files (configuration/, config/, settings.*), base and
 * default files first and production last (local/dev/test files are for development), and the env
 * var that overrides it is derived from `Environment::with_prefix("APP").separator("__")`.
 */
import type { RepoFs } from '../../core/repo/repo-fs.js';
import { lineOf } from '../shared/text.js';
import type { Resolved } from './resolve.js';
import type { RustFile } from './source.js';

const DEV_FILE = /(^|\/)(local|dev|development|test|testing|ci)\.[a-z]+$/;

export type ConfigLookup = (path: readonly string[]) => Resolved | null;

export function configLookup(repo: RepoFs, dir: string, files: readonly RustFile[]): ConfigLookup {
  const candidates = repo
    .glob(['configuration/*.{yaml,yml,toml,json}', 'config/*.{yaml,yml,toml,json}', '{config,settings,base,default}.{yaml,yml,toml,json}'], { cwd: dir })
    .filter((f) => !DEV_FILE.test(f));
  const rank = (f: string): number => (/(base|default)\.[a-z]+$/.test(f) ? 0 : /(production|prod)\.[a-z]+$/.test(f) ? 2 : 1);
  candidates.sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  const envName = environmentName(files);
  return (path) => {
    let found: Resolved | null = null;
    for (const file of candidates) {
      const data = file.endsWith('.toml') ? repo.readToml(file) : file.endsWith('.json') ? repo.readJson(file) : repo.readYaml(file);
      const value = valueAt(data, path);
      if (value === undefined) continue;
      const key = path[path.length - 1] ?? '';
      const line = lineOf(repo.readText(file) ?? '', new RegExp(`^\\s*"?${key}"?\\s*[:=]`));
      found = { value: String(value), envVar: envName ? envName(path) : null, host: null, where: { file, line: line ?? 1, note: `${path.join('.')} = ${String(value)}` } };
    }
    return found;
  };
}

function valueAt(data: unknown, path: readonly string[]): string | number | undefined {
  let node: unknown = data;
  for (const key of path) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return typeof node === 'string' || typeof node === 'number' ? node : undefined;
}

/** config::Environment::with_prefix("APP").prefix_separator("_").separator("__") → APP_APPLICATION__PORT. */
function environmentName(files: readonly RustFile[]): ((path: readonly string[]) => string | null) | null {
  for (const f of files) {
    const m = /Environment::with_prefix\(\s*"([^"]+)"\s*\)([^;]*)/.exec(f.code);
    if (!m) continue;
    const chain = m[2] ?? '';
    const separator = /\.separator\(\s*"([^"]*)"\s*\)/.exec(chain)?.[1];
    const prefixSeparator = /\.prefix_separator\(\s*"([^"]*)"\s*\)/.exec(chain)?.[1] ?? separator ?? '_';
    const prefix = m[1] ?? '';
    // Without a separator only top-level keys can be set from the environment.
    return (path) => (separator === undefined && path.length > 1 ? null : `${prefix}${prefixSeparator}${path.join(separator ?? '_')}`.toUpperCase());
  }
  return null;
}
