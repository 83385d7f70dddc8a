/**
 * What `run`, `agent` and `gate` share: opening the run database, parsing `--input`, the catalogue
 * (with the test-only slow-task hook), writing step files with the writer, and counting findings.
 */
import { DsqError } from '../../../core/errors.js';
import type { AgentTask, ResultFile } from '../../../agents/types.js';
import { catalogue } from '../../../agents/catalogue.js';
import type { TaskCatalogue } from '../../../orchestrate/engine.js';
import { databasePath, openDatabase, type Db } from '../../../orchestrate/store/database.js';
import { MemoryStore } from '../../../orchestrate/store/memory-store.js';
import { RunStore } from '../../../orchestrate/store/run-store.js';
import type { StepOutcome } from '../../../orchestrate/engine.js';
import { applyWrites, planWrites, type WriteAction } from '../../../write/writer.js';
import { severityRank, SEVERITIES, type Severity } from '../../../validate/types.js';

export interface Stores {
  db: Db;
  store: RunStore;
  memory: MemoryStore;
  file: string;
}

/** Opens the run database (`--db`, DEVSQUAD_DB, or `<root>/.devsquad/devsquad.db`). */
export function openStores(root: string, explicit?: string): Stores {
  const file = databasePath(root, explicit);
  const db = openDatabase(file);
  return { db, store: new RunStore(db), memory: new MemoryStore(db), file };
}

/** `key=value` → { key: value }; values are JSON when they parse, strings otherwise. */
export function parseKeyValues(pairs: readonly string[], pattern: RegExp, expected: string): Array<[string[], unknown]> {
  return pairs.map((pair) => {
    const m = pattern.exec(pair);
    if (!m) throw new DsqError('DSQ_ERR_CLI_USAGE', { detail: `--input expects ${expected}, got "${pair}"` });
    const raw = m.at(-1) ?? '';
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      value = raw;
    }
    return [m.slice(1, -1), value];
  });
}

/** `--input step.key=value` for workflows → { step: { key: value } }. */
export function parseStepInputs(pairs: readonly string[]): Record<string, Record<string, unknown>> {
  const out: Record<string, Record<string, unknown>> = {};
  for (const [[step = '', key = ''], value] of parseKeyValues(pairs, /^([a-z][a-z0-9_-]*)\.([A-Za-z][A-Za-z0-9_]*)=(.*)$/s, 'step.key=value (for example dockerfile.nonRootUid=10001)')) {
    (out[step] ??= {})[key] = value;
  }
  return out;
}

/** `--input key=value` for one task → { key: value }. */
export function parseTaskInputs(pairs: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [[key = ''], value] of parseKeyValues(pairs, /^([A-Za-z][A-Za-z0-9_]*)=(.*)$/s, 'key=value (for example nonRootUid=10001)')) out[key] = value;
  return out;
}

/**
 * TEST-ONLY: `DEVSQUAD_TEST_SLOW_TASK=agent.task:ms` makes that task wait `ms` (honouring
 * cancellation) before it runs, so end-to-end tests can kill or interrupt a run mid-step. Not a
 * feature; documented in docs/development.md's test notes and docs/commands/run.md.
 */
export function runCatalogue(env: NodeJS.ProcessEnv = process.env): TaskCatalogue {
  const hook = /^([a-z_]+\.[a-z_]+):(\d+)$/.exec(env.DEVSQUAD_TEST_SLOW_TASK ?? '');
  if (!hook) return catalogue;
  const [, name, ms] = hook;
  return {
    get(agent, task) {
      const found = catalogue.get(agent, task);
      if (!found || `${agent}.${task}` !== name) return found;
      const slow: AgentTask = {
        ...found,
        run: async (context) => {
          const total = Number(ms);
          for (let waited = 0; waited < total; waited += 100) {
            context.signal.throwIfAborted();
            context.progress((waited / total) * 50, 'waiting (DEVSQUAD_TEST_SLOW_TASK)');
            await new Promise((resolve) => setTimeout(resolve, 100));
          }
          return found.run(context);
        },
      };
      return slow;
    },
  };
}

export interface StepFile {
  step: string;
  file: ResultFile;
  valid: boolean;
}

export const isValid = (file: ResultFile): boolean => !file.diagnostics.some((d) => severityRank(d.severity) > severityRank('info'));

/** Every file of every step (first step to produce a path wins, as generators do). */
export function stepFiles(steps: readonly StepOutcome[]): StepFile[] {
  const seen = new Set<string>();
  const out: StepFile[] = [];
  for (const step of steps) {
    for (const file of step.result?.files ?? []) {
      if (seen.has(file.path)) continue;
      seen.add(file.path);
      out.push({ step: step.id, file, valid: isValid(file) });
    }
  }
  return out;
}

export interface FileReport {
  path: string;
  kind: string;
  step: string;
  valid: boolean;
  /** What writing it does (or would do in a dry run); `invalid` files are never written. */
  action: WriteAction | 'invalid';
  reason: string | null;
}

/**
 * Plans (and with `apply`, performs) the writes of validated files under `root`. Never overwrites a
 * file the user wrote or edited unless `force`; those come back as `conflict`.
 */
export async function writeStepFiles(files: readonly StepFile[], options: { root: string; force: boolean; apply: boolean }): Promise<{ files: FileReport[]; written: string[]; backups: string[] }> {
  const valid = files.filter((f) => f.valid);
  const planned = planWrites(valid.map((f) => f.file), { root: options.root, force: options.force });
  const applied = options.apply ? await applyWrites(planned, { root: options.root, force: options.force }) : null;
  const byPath = new Map(planned.map((p) => [p.file.path, p]));
  return {
    files: files.map((f) => {
      const p = byPath.get(f.file.path);
      return { path: f.file.path, kind: f.file.kind, step: f.step, valid: f.valid, action: p ? p.action : 'invalid', reason: p ? p.reason : 'failed validation; not written' };
    }),
    written: applied?.written ?? [],
    backups: applied?.backups ?? [],
  };
}

export type SeverityCounts = Record<Severity, number>;

/** Unique (by fingerprint) unsuppressed findings of every step, counted by severity. */
export function findingCounts(steps: readonly StepOutcome[]): SeverityCounts {
  const counts = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as SeverityCounts;
  const seen = new Set<string>();
  for (const step of steps) {
    for (const f of step.result?.findings ?? []) {
      if (f.suppressed || seen.has(f.fingerprint)) continue;
      seen.add(f.fingerprint);
      counts[f.severity] += 1;
    }
  }
  return counts;
}

/**
 * Ctrl-C handling: the first SIGINT aborts the run (steps settle, the run is recorded cancelled); a
 * second one exits at once with 130. Also polls the store for `runs cancel` from another terminal.
 */
export function cancellation(options: { store: RunStore | null; runId: string | null; onCancel?: (why: string) => void }): { signal: AbortSignal; dispose(): void } {
  const controller = new AbortController();
  let interrupts = 0;
  const onSigint = (): void => {
    interrupts += 1;
    if (interrupts > 1) process.exit(130);
    options.onCancel?.('interrupted (Ctrl-C); waiting for running steps to stop; press Ctrl-C again to quit at once');
    controller.abort();
  };
  process.on('SIGINT', onSigint);
  let lastEvent = 0;
  const poll = options.store && options.runId
    ? setInterval(() => {
        for (const event of options.store!.eventsAfter(options.runId!, lastEvent, 1000)) {
          lastEvent = event.id;
          if (event.type === 'run.cancel_requested' && !controller.signal.aborted) {
            options.onCancel?.('cancelled by `devsquad runs cancel`');
            controller.abort();
          }
        }
      }, 250)
    : null;
  poll?.unref();
  return {
    signal: controller.signal,
    dispose: () => {
      process.off('SIGINT', onSigint);
      if (poll) clearInterval(poll);
    },
  };
}
