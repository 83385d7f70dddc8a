/** deno.json / deno.jsonc, read with comments and trailing commas allowed. */
import type { RepoFs } from '../../core/repo/repo-fs.js';
import { joinPath } from '../../core/repo/repo-fs.js';

export interface DenoConfig {
  file: string;
  text: string;
  name: string | null;
  /** Task name → command (Deno 2.1's `{ command, description }` form flattened). */
  tasks: Record<string, string>;
  imports: Record<string, string>;
  /** `workspace: ["./api", "./web"]` (or `{ members: [...] }`). */
  workspace: string[] | null;
  hasExports: boolean;
}

export function readDenoConfig(repo: RepoFs, dir: string): DenoConfig | null {
  for (const name of ['deno.json', 'deno.jsonc']) {
    const file = joinPath(dir, name);
    if (!repo.isFile(file)) continue;
    const data = repo.readJsonc(file);
    const obj = isRecord(data) ? data : {};
    const tasks: Record<string, string> = {};
    if (isRecord(obj.tasks)) {
      for (const [k, v] of Object.entries(obj.tasks)) {
        if (typeof v === 'string') tasks[k] = v;
        else if (isRecord(v) && typeof v.command === 'string') tasks[k] = v.command;
      }
    }
    const imports: Record<string, string> = {};
    if (isRecord(obj.imports)) for (const [k, v] of Object.entries(obj.imports)) if (typeof v === 'string') imports[k] = v;
    const ws = Array.isArray(obj.workspace) ? obj.workspace : isRecord(obj.workspace) && Array.isArray(obj.workspace.members) ? obj.workspace.members : null;
    return {
      file,
      text: repo.readText(file) ?? '',
      name: typeof obj.name === 'string' ? obj.name : null,
      tasks,
      imports,
      workspace: ws ? ws.filter((m): m is string => typeof m === 'string') : null,
      hasExports: obj.exports !== undefined,
    };
  }
  return null;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
