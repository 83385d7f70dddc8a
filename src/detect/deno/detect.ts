/**
 * Deno detector: a directory with deno.json / deno.jsonc is a Deno server when a task starts one
 * (`tasks.start` → `deno run …`) or an entry file calls Deno.serve / app.listen; a workspace root
 * when it lists `workspace` members; otherwise a library (a JSR package, or config-only deno.json).
 */
import type { RepoFs } from '../../core/repo/repo-fs.js';
import { joinPath } from '../../core/repo/repo-fs.js';
import type { ServicePlan } from '../../plan/schema.js';
import { sourceFiles } from '../shared/source-files.js';
import type { Detection } from '../types.js';
import { readDenoConfig, type DenoConfig } from './config.js';
import { planDeno } from './plan.js';
import { SOURCE_EXTENSIONS } from './source.js';
import { parseDenoCommand, resolveStartTask, type ResolvedTask } from './tasks.js';

export interface DenoDetection {
  config: DenoConfig;
  task: ResolvedTask | null;
  entry: string | null;
}

/** Where a Deno server's entry usually lives, in order. */
const ENTRY_CANDIDATES = ['main.ts', 'main.tsx', 'server.ts', 'app.ts', 'src/main.ts', 'src/server.ts', 'src/app.ts', 'index.ts', 'main.js', 'server.js'];
const SERVER_CODE = /\bDeno\.serve\s*\(|\.listen\s*\(|export\s+default\s+\{[^}]*\bfetch\b|\bstart\s*\(\s*manifest\b/;

export function detect(repo: RepoFs, dir: string): Detection | null {
  const config = readDenoConfig(repo, dir);
  if (!config) return null;
  if (config.workspace && config.workspace.length > 0) {
    return { role: 'workspace-root', reason: `deno.json workspace (${config.workspace.join(', ')})`, data: { tools: ['deno-workspace'] } };
  }
  const task = resolveStartTask(config.tasks);
  const fromTask = task ? parseDenoCommand(task.command) : null;
  const data = (entry: string | null): DenoDetection => ({ config, task, entry });
  if (task && fromTask) return { role: 'service', reason: `deno task ${task.task}: ${task.command}`, data: data(fromTask.entry) };
  const entry = findServerEntry(repo, dir);
  if (entry) return { role: 'service', reason: `${entry} starts a server`, data: data(entry) };
  if (repo.isFile(joinPath(dir, 'fresh.gen.ts'))) return { role: 'service', reason: 'Fresh app (fresh.gen.ts)', data: data(repo.isFile(joinPath(dir, 'main.ts')) ? 'main.ts' : null) };
  return { role: 'library', reason: config.hasExports ? 'deno.json with exports: a JSR/Deno package' : 'deno.json without a start task or server entry' };
}

export function plan(repo: RepoFs, dir: string, detection: Detection): ServicePlan[] {
  const data = (detection.data as DenoDetection | undefined) ?? redetect(repo, dir);
  if (!data) return [];
  const name = dir === '' ? repo.name : dir.slice(dir.lastIndexOf('/') + 1);
  return [planDeno(repo, dir, name, data)];
}

function redetect(repo: RepoFs, dir: string): DenoDetection | null {
  const d = detect(repo, dir);
  return d?.role === 'service' ? (d.data as DenoDetection) : null;
}

/** The first conventional entry file that starts a server, else any shallow source that does. */
function findServerEntry(repo: RepoFs, dir: string): string | null {
  for (const candidate of ENTRY_CANDIDATES) {
    const text = repo.readText(joinPath(dir, candidate));
    if (text !== null && SERVER_CODE.test(text)) return candidate;
  }
  for (const file of sourceFiles(repo, dir, { extensions: SOURCE_EXTENSIONS, max: 50 })) {
    const local = dir === '' ? file : file.slice(dir.length + 1);
    if (local.split('/').length > 2) continue;
    const text = repo.readText(file);
    if (text !== null && /\bDeno\.serve\s*\(/.test(text)) return local;
  }
  return null;
}
