/**
 * appsettings.json and appsettings.Production.json flattened to configuration keys (`Kestrel:Endpoints:Http:Url`),
 * the way IConfiguration sees them in production. appsettings.Development.json never applies in a
 * container and is not read. Keys compare case-insensitively, as in ASP.NET Core.
 */
import type { RepoFs } from '../../core/repo/repo-fs.js';
import { joinPath } from '../../core/repo/repo-fs.js';
import { lineOf } from '../shared/text.js';

export interface SettingEntry {
  key: string;
  value: string;
  file: string;
  line?: number;
}

export class AppSettings {
  readonly files: string[] = [];
  private readonly entries = new Map<string, SettingEntry>();

  get(key: string): SettingEntry | null {
    return this.entries.get(key.toLowerCase()) ?? null;
  }

  /** Entries whose key starts with `prefix:` (Kestrel:Endpoints, ConnectionStrings). */
  under(prefix: string): SettingEntry[] {
    const p = `${prefix.toLowerCase()}:`;
    return [...this.entries.values()].filter((e) => e.key.toLowerCase().startsWith(p));
  }

  set(entry: SettingEntry): void {
    this.entries.set(entry.key.toLowerCase(), entry);
  }
}

export function readAppSettings(repo: RepoFs, dir: string): AppSettings {
  const settings = new AppSettings();
  for (const name of ['appsettings.json', 'appsettings.Production.json']) {
    const file = joinPath(dir, name);
    const data = repo.readJsonc(file);
    const text = repo.readText(file);
    if (data === null || text === null || typeof data !== 'object') continue;
    settings.files.push(file);
    flatten(data, '', (key, value) => {
      const leaf = key.slice(key.lastIndexOf(':') + 1);
      settings.set({ key, value, file, line: lineOf(text, `"${leaf}"`) });
    });
  }
  return settings;
}

function flatten(value: unknown, prefix: string, emit: (key: string, value: string) => void): void {
  if (Array.isArray(value)) {
    value.forEach((v, i) => flatten(v, `${prefix}:${i}`, emit));
  } else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) flatten(v, prefix === '' ? k : `${prefix}:${k}`, emit);
  } else if (prefix !== '') {
    emit(prefix, value === null ? '' : String(value));
  }
}
