/** Procfile (Heroku, Dokku, Foreman): a hint for start, worker and release commands everywhere. */
import type { RepoFs } from '../../core/repo/repo-fs.js';
import { joinPath } from '../../core/repo/repo-fs.js';

export interface ProcfileEntry {
  process: string;
  command: string;
  line: number;
}

export interface Procfile {
  file: string;
  entries: ProcfileEntry[];
  web: ProcfileEntry | null;
  worker: ProcfileEntry | null;
  release: ProcfileEntry | null;
}

export function readProcfile(repo: RepoFs, dir: string): Procfile | null {
  const file = joinPath(dir, 'Procfile');
  const text = repo.readText(file);
  if (text === null) return null;
  const entries: ProcfileEntry[] = [];
  text.split('\n').forEach((raw, i) => {
    const m = /^([A-Za-z0-9_-]+):\s*(.+?)\s*$/.exec(raw);
    if (m) entries.push({ process: m[1] ?? '', command: m[2] ?? '', line: i + 1 });
  });
  const get = (name: string): ProcfileEntry | null => entries.find((e) => e.process === name) ?? null;
  return { file, entries, web: get('web'), worker: get('worker') ?? get('worker-default') ?? null, release: get('release') };
}

/** The port a command line binds (`--port 8000`, `-b 0.0.0.0:8000`, `-p 3000`), ignoring $PORT. */
export function portFromCommand(command: string): { port: number | null; usesPortEnv: boolean; bindAddress: string | null } {
  const usesPortEnv = /\$\{?PORT\b/.test(command);
  const bind = /(?:--bind|-b|--host|--listen|--http)[=\s]+["']?([0-9a-zA-Z.:[\]]+?):(\d{2,5})\b/.exec(command);
  if (bind) return { port: Number(bind[2]), usesPortEnv, bindAddress: bind[1] ?? null };
  const flag = /(?:--port|-p|--server\.port|--listen-port|PORT=)[=\s]*(\d{2,5})\b/.exec(command);
  const host = /(?:--host|-H|--server\.address)[=\s]+["']?([0-9a-zA-Z.:]+)/.exec(command);
  return { port: flag ? Number(flag[1]) : null, usesPortEnv, bindAddress: host?.[1] ?? null };
}

/** Whether a bind address only accepts local connections (unreachable from outside a container). */
export function isLoopback(address: string | null | undefined): boolean {
  return address === '127.0.0.1' || address === 'localhost' || address === '::1' || address === '[::1]';
}
