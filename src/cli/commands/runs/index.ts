/**
 * `devsquad runs [list | show ID | events ID [--after N] [--follow] | cancel ID]`: what the run
 * database holds. Opening it first marks runs whose process died as failed (never left "running").
 */
import { DsqError } from '../../../core/errors.js';
import { FINAL_RUN_STATUSES, processAlive, type EventRecord, type RunStore } from '../../../orchestrate/store/run-store.js';
import type { Io } from '../../io.js';
import { openStores } from '../run/shared.js';

export interface RunsCommandOptions {
  action: string;
  id?: string;
  json?: boolean;
  db?: string;
  after?: string;
  follow?: boolean;
  limit?: string;
}

export async function runs(options: RunsCommandOptions, io: Io): Promise<number> {
  const needsId = ['show', 'events', 'cancel'].includes(options.action);
  if (!['list', 'show', 'events', 'cancel'].includes(options.action)) throw new DsqError('DSQ_ERR_CLI_USAGE', { detail: `Unknown runs action "${options.action}": use list, show ID, events ID or cancel ID` });
  if (needsId && !options.id) throw new DsqError('DSQ_ERR_CLI_USAGE', { detail: `devsquad runs ${options.action} needs a run id (devsquad runs list shows them)` });
  const { db, store } = openStores(process.cwd(), options.db);
  try {
    store.recoverInterrupted();
    if (options.action === 'list') return list(store, options, io);
    if (options.action === 'show') return show(store, options.id!, options, io);
    if (options.action === 'events') return await events(store, options.id!, options, io);
    return await cancel(store, options.id!, options, io);
  } finally {
    db.close();
  }
}

function list(store: RunStore, options: RunsCommandOptions, io: Io): number {
  const rows = store.listRuns(Number(options.limit ?? 20));
  if (options.json) {
    io.out(JSON.stringify(rows, null, 2));
    return 0;
  }
  if (rows.length === 0) io.out('No runs yet. Start one with `devsquad run production-ready .`');
  for (const r of rows) io.out(`${r.id}  ${r.status.padEnd(9)}  ${r.workflow.padEnd(18)}  ${r.createdAt}  ${io.color.dim(r.repo)}`);
  return 0;
}

function show(store: RunStore, id: string, options: RunsCommandOptions, io: Io): number {
  const run = store.getRun(id);
  const steps = store.steps(id);
  const artifacts = store.artifacts(id);
  const findings = store.findings(id);
  const gate = store.gate(id);
  if (options.json) {
    io.out(JSON.stringify({ run, steps, artifacts, findings, gate }, null, 2));
    return 0;
  }
  const c = io.color;
  io.out(c.bold(`${run.id}  ${run.workflow}  ${run.status}`));
  io.out(`  repo     ${run.repo}`);
  io.out(`  created  ${run.createdAt}${run.finishedAt ? `  finished ${run.finishedAt}` : ''}`);
  if (run.error) io.out(`  error    ${c.red(run.error)}`);
  io.out('Steps:');
  for (const s of steps) io.out(`  ${s.status.padEnd(9)} ${s.stepId} (${s.agent}.${s.task})${s.error ? c.dim(`  ${s.error}`) : ''}`);
  io.out(`Artifacts: ${artifacts.length}${artifacts.some((a) => !a.valid) ? ` (${artifacts.filter((a) => !a.valid).length} failing validation)` : ''}`);
  io.out(`Findings: ${findings.length}`);
  if (gate) io.out(`Gate: ${gate.passed ? 'passed' : 'blocked'}, score ${gate.score}${gate.blockers.length > 0 ? ` — ${gate.blockers.join('; ')}` : ''}`);
  return 0;
}

function printEvent(e: EventRecord, json: boolean, io: Io): void {
  if (json) io.out(JSON.stringify(e));
  else io.out(`${String(e.id).padStart(6)}  ${e.at}  ${e.type.padEnd(16)} ${e.stepId ?? ''}${Object.keys(e.data).length > 0 ? `  ${JSON.stringify(e.data)}` : ''}`);
}

async function events(store: RunStore, id: string, options: RunsCommandOptions, io: Io): Promise<number> {
  store.getRun(id);
  let after = Number(options.after ?? 0);
  if (!Number.isInteger(after) || after < 0) throw new DsqError('DSQ_ERR_CLI_USAGE', { detail: `--after expects an event id, got "${options.after}"` });
  // --json prints one event per line (JSON Lines) so a follower can stream it.
  for (;;) {
    for (const e of store.eventsAfter(id, after)) {
      printEvent(e, Boolean(options.json), io);
      after = e.id;
    }
    if (!options.follow) return 0;
    const run = store.getRun(id);
    if (FINAL_RUN_STATUSES.includes(run.status)) {
      for (const e of store.eventsAfter(id, after)) printEvent(e, Boolean(options.json), io);
      return 0;
    }
    if (run.ownerPid !== null && !processAlive(run.ownerPid) && store.recoverInterrupted().length > 0) continue;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function cancel(store: RunStore, id: string, options: RunsCommandOptions, io: Io): Promise<number> {
  const run = store.getRun(id);
  if (FINAL_RUN_STATUSES.includes(run.status)) throw new DsqError('DSQ_ERR_RUN_NOT_ACTIVE', { id, status: run.status });
  const alive = run.ownerPid !== null && processAlive(run.ownerPid);
  if (!alive) {
    // Nobody is running it any more: record the cancellation ourselves.
    store.db.prepare("UPDATE steps SET status = 'cancelled', finished_at = ?, error = 'the run was cancelled' WHERE run_id = ? AND status IN ('queued', 'running')").run(new Date().toISOString(), id);
    store.setRunStatus(id, 'cancelled', 'cancelled by devsquad runs cancel');
  } else {
    store.appendEvent(id, null, 'run.cancel_requested', { by: process.pid });
    // The running process polls for this event; wait a little for it to settle.
    for (let waited = 0; waited < 10_000 && !FINAL_RUN_STATUSES.includes(store.getRun(id).status); waited += 200) await new Promise((resolve) => setTimeout(resolve, 200));
  }
  const after = store.getRun(id);
  if (options.json) io.out(JSON.stringify({ id, status: after.status, requested: alive }));
  else io.out(after.status === 'cancelled' ? `run ${id} cancelled` : `cancellation of run ${id} requested; it is still ${after.status}`);
  return 0;
}
