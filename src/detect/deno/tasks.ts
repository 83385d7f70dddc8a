/**
 * deno.json tasks: resolving `deno task start` to the process it finally runs (PID 1 must be deno
 * itself, not the task runner), skipping dev-only `--watch` tasks, and reading the entry file, the
 * subcommand and the `--port` of a `deno run` / `deno serve` command line.
 */

export interface ResolvedTask {
  /** The task name whose command was used. */
  task: string;
  command: string;
}

export interface DenoCommand {
  subcommand: 'run' | 'serve';
  /** Module the command runs (main.ts, src/server.ts, jsr:@std/http/file-server). */
  entry: string | null;
  /** `--port 3000` of `deno serve`. */
  port: number | null;
}

/** Flags of `deno run` / `deno serve` that take the next word as their value. */
const VALUE_FLAGS = new Set(['-c', '--config', '--import-map', '--lock', '--cert', '--location', '--seed', '--v8-flags', '--port', '--host', '--env-file', '--ext', '--inspect-wait', '--node-modules-dir']);

/** Tasks that run the app in production, most preferred first. */
const PRODUCTION_TASKS = ['start', 'serve', 'prod', 'start:prod', 'preview'];

/**
 * The production command behind the tasks: `start` (or serve/prod/preview), following
 * `deno task <other>` and `&&` chains; a `--watch` task is passed over for a later candidate, and
 * when all watch, the flag is dropped.
 */
export function resolveStartTask(tasks: Readonly<Record<string, string>>): ResolvedTask | null {
  const candidates: ResolvedTask[] = [];
  for (const name of PRODUCTION_TASKS) {
    const command = expand(tasks, name, 0);
    if (command !== null) candidates.push({ task: name, command });
  }
  const production = candidates.find((c) => !isDevCommand(c.command));
  if (production) return production;
  const first = candidates[0];
  return first ? { task: first.task, command: first.command.replace(/\s--watch(=\S+)?/g, '') } : null;
}

export function isDevCommand(command: string): boolean {
  return /\s--watch\b/.test(command) || /\bdev\.tsx?\b/.test(command);
}

/** Follows `deno task x` and picks the `deno run` / `deno serve` step of a `a && b` chain. */
function expand(tasks: Readonly<Record<string, string>>, name: string, depth: number): string | null {
  const raw = tasks[name];
  if (raw === undefined || depth > 5) return null;
  const steps = raw.split('&&').map((s) => s.trim());
  const run = [...steps].reverse().find((s) => /\bdeno\s+(run|serve)\b/.test(s));
  if (run) return run;
  for (const step of steps.reverse()) {
    const nested = /^deno\s+task\s+([\w:.-]+)/.exec(step);
    if (nested?.[1]) return expand(tasks, nested[1], depth + 1);
  }
  return null;
}

export function parseDenoCommand(command: string): DenoCommand | null {
  const words = command.trim().split(/\s+/);
  const at = words.findIndex((w, i) => w === 'deno' && (words[i + 1] === 'run' || words[i + 1] === 'serve'));
  if (at === -1) return null;
  const subcommand = words[at + 1] === 'serve' ? 'serve' : 'run';
  let entry: string | null = null;
  let port: number | null = null;
  for (let i = at + 2; i < words.length; i++) {
    const word = words[i] ?? '';
    if (word.startsWith('-')) {
      const [flag, value] = word.split('=', 2);
      if (flag === '--port') {
        const p = Number(value ?? words[i + 1]);
        if (Number.isInteger(p)) port = p;
      }
      if (value === undefined && flag && VALUE_FLAGS.has(flag)) i++;
      continue;
    }
    entry = word.replace(/^["']|["']$/g, '');
    break;
  }
  return { subcommand, entry, port };
}
