/**
 * The run store: runs, their steps, an append-only event log, artifacts, findings and gate results.
 * Event ids are SQLite AUTOINCREMENT keys, so they only ever grow, across runs and restarts: a client
 * that saw event N resumes with `eventsAfter(runId, N)` and misses nothing. A run owned by a process
 * that is gone (a crash, a kill -9) is found by `recoverInterrupted()` on the next start and marked
 * failed, with an event saying so; it is never left "running".
 */
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import { DsqError } from '../../core/errors.js';
import type { Db } from './database.js';

export type RunStatus = 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled' | 'timed_out';
export type StepStatus = RunStatus | 'skipped' | 'blocked';
export const FINAL_RUN_STATUSES: readonly RunStatus[] = ['succeeded', 'failed', 'cancelled', 'timed_out'];

export interface RunRecord {
  id: string;
  workflow: string;
  repo: string;
  status: RunStatus;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  ownerPid: number | null;
  ownerHost: string | null;
  error: string | null;
  options: Record<string, unknown>;
}

export interface StepRecord {
  runId: string;
  stepId: string;
  agent: string;
  task: string;
  status: StepStatus;
  attempt: number;
  startedAt: string | null;
  finishedAt: string | null;
  error: string | null;
  output: string | null;
}

export interface EventRecord {
  id: number;
  runId: string;
  stepId: string | null;
  type: string;
  at: string;
  data: Record<string, unknown>;
}

export interface ArtifactRecord {
  stepId: string;
  path: string;
  kind: string;
  generator: string;
  sha256: string;
  action: string | null;
  valid: boolean;
}

export interface FindingRecord {
  stepId: string;
  ruleId: string;
  severity: 'critical' | 'high' | 'medium' | 'low' | 'info';
  title: string;
  file: string | null;
  line: number | null;
  message: string;
  fingerprint: string;
}

export interface GateRecord {
  score: number;
  passed: boolean;
  blockers: string[];
  recommendations: string[];
  checks: unknown[];
  at: string;
}

type Row = Record<string, unknown>;

const now = (): string => new Date().toISOString();

/** Sortable, unique run ids: `r` + milliseconds in base 36 + 6 random hex digits. */
export function newRunId(at = Date.now()): string {
  return `r${at.toString(36)}${randomBytes(3).toString('hex')}`;
}

function toRun(row: Row): RunRecord {
  return {
    id: row.id as string,
    workflow: row.workflow as string,
    repo: row.repo as string,
    status: row.status as RunStatus,
    createdAt: row.created_at as string,
    startedAt: (row.started_at as string | null) ?? null,
    finishedAt: (row.finished_at as string | null) ?? null,
    ownerPid: (row.owner_pid as number | null) ?? null,
    ownerHost: (row.owner_host as string | null) ?? null,
    error: (row.error as string | null) ?? null,
    options: JSON.parse(row.options as string) as Record<string, unknown>,
  };
}

function toStep(row: Row): StepRecord {
  return {
    runId: row.run_id as string,
    stepId: row.step_id as string,
    agent: row.agent as string,
    task: row.task as string,
    status: row.status as StepStatus,
    attempt: row.attempt as number,
    startedAt: (row.started_at as string | null) ?? null,
    finishedAt: (row.finished_at as string | null) ?? null,
    error: (row.error as string | null) ?? null,
    output: (row.output as string | null) ?? null,
  };
}

function toEvent(row: Row): EventRecord {
  return { id: row.id as number, runId: row.run_id as string, stepId: (row.step_id as string | null) ?? null, type: row.type as string, at: row.at as string, data: JSON.parse(row.data as string) as Record<string, unknown> };
}

/** Whether a process on this host is alive (signal 0 checks without signalling). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export class RunStore {
  private readonly insertEvent;

  constructor(readonly db: Db) {
    this.insertEvent = db.prepare('INSERT INTO events (run_id, step_id, type, at, data) VALUES (?, ?, ?, ?, ?)');
  }

  createRun(input: { workflow: string; repo: string; options?: Record<string, unknown>; id?: string }): RunRecord {
    const id = input.id ?? newRunId();
    this.db
      .prepare('INSERT INTO runs (id, workflow, repo, status, created_at, owner_pid, owner_host, options) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
      .run(id, input.workflow, input.repo, 'queued', now(), process.pid, os.hostname(), JSON.stringify(input.options ?? {}));
    this.appendEvent(id, null, 'run.queued', { workflow: input.workflow });
    return this.getRun(id);
  }

  getRun(id: string): RunRecord {
    const row = this.db.prepare('SELECT * FROM runs WHERE id = ?').get(id) as Row | undefined;
    if (!row) throw new DsqError('DSQ_ERR_RUN_NOT_FOUND', { id });
    return toRun(row);
  }

  /** Newest first. */
  listRuns(limit = 20): RunRecord[] {
    return (this.db.prepare('SELECT * FROM runs ORDER BY created_at DESC, id DESC LIMIT ?').all(limit) as Row[]).map(toRun);
  }

  setRunStatus(id: string, status: RunStatus, error: string | null = null): void {
    const at = now();
    if (status === 'running') this.db.prepare('UPDATE runs SET status = ?, started_at = COALESCE(started_at, ?) WHERE id = ?').run(status, at, id);
    else if (FINAL_RUN_STATUSES.includes(status)) this.db.prepare('UPDATE runs SET status = ?, finished_at = ?, error = ? WHERE id = ?').run(status, at, error, id);
    else this.db.prepare('UPDATE runs SET status = ? WHERE id = ?').run(status, id);
    this.appendEvent(id, null, `run.${status}`, error ? { error } : {});
  }

  upsertStep(runId: string, step: { stepId: string; agent: string; task: string }): void {
    this.db
      .prepare("INSERT INTO steps (run_id, step_id, agent, task, status) VALUES (?, ?, ?, ?, 'queued') ON CONFLICT (run_id, step_id) DO NOTHING")
      .run(runId, step.stepId, step.agent, step.task);
  }

  setStepStatus(runId: string, stepId: string, status: StepStatus, extra: { error?: string | null; output?: string | null; attempt?: number } = {}): void {
    const at = now();
    const started = status === 'running' ? at : null;
    const finished = status === 'running' || status === 'queued' ? null : at;
    this.db
      .prepare('UPDATE steps SET status = ?, started_at = COALESCE(?, started_at), finished_at = ?, error = ?, output = COALESCE(?, output), attempt = COALESCE(?, attempt) WHERE run_id = ? AND step_id = ?')
      .run(status, started, finished, extra.error ?? null, extra.output ?? null, extra.attempt ?? null, runId, stepId);
    this.appendEvent(runId, stepId, `step.${status}`, { ...(extra.error ? { error: extra.error } : {}), ...(extra.attempt !== undefined ? { attempt: extra.attempt } : {}) });
  }

  steps(runId: string): StepRecord[] {
    return (this.db.prepare('SELECT * FROM steps WHERE run_id = ? ORDER BY rowid').all(runId) as Row[]).map(toStep);
  }

  appendEvent(runId: string, stepId: string | null, type: string, data: Record<string, unknown> = {}): number {
    return Number(this.insertEvent.run(runId, stepId, type, now(), JSON.stringify(data)).lastInsertRowid);
  }

  /** Appends many events in one transaction (progress bursts); returns their ids. */
  appendEvents(events: ReadonlyArray<{ runId: string; stepId: string | null; type: string; data?: Record<string, unknown> }>): number[] {
    return this.db.transaction(() => events.map((e) => this.appendEvent(e.runId, e.stepId, e.type, e.data ?? {})))();
  }

  /**
   * An appender for progress: an event after a quiet spell is written at once; a burst is queued and
   * written in one transaction per tick (or every 256), since one transaction per event caps the rate
   * at the disk's commit speed. `flush()` writes what is queued now.
   */
  bufferedAppender(): { append(runId: string, stepId: string | null, type: string, data?: Record<string, unknown>): void; flush(): void } {
    let queue: Array<{ runId: string; stepId: string | null; type: string; data: Record<string, unknown> }> = [];
    let scheduled = false;
    let lastWrite = 0;
    const flush = (): void => {
      scheduled = false;
      if (queue.length === 0) return;
      const batch = queue;
      queue = [];
      lastWrite = Date.now();
      this.appendEvents(batch);
    };
    return {
      append: (runId, stepId, type, data = {}) => {
        queue.push({ runId, stepId, type, data });
        // An event after a quiet spell is written at once (a crash right after loses nothing);
        // only bursts within 50 ms of a write are batched.
        if (queue.length >= 256 || (!scheduled && Date.now() - lastWrite > 50)) flush();
        else if (!scheduled) {
          scheduled = true;
          setImmediate(flush);
        }
      },
      flush,
    };
  }

  /** Events of a run with an id greater than `afterId` (0 = from the start), in order. */
  eventsAfter(runId: string, afterId = 0, limit = 10_000): EventRecord[] {
    return (this.db.prepare('SELECT * FROM events WHERE run_id = ? AND id > ? ORDER BY id LIMIT ?').all(runId, afterId, limit) as Row[]).map(toEvent);
  }

  recordArtifacts(runId: string, artifacts: readonly ArtifactRecord[]): void {
    const insert = this.db.prepare(
      'INSERT INTO artifacts (run_id, step_id, path, kind, generator, sha256, action, valid) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (run_id, path) DO UPDATE SET step_id = excluded.step_id, sha256 = excluded.sha256, action = excluded.action, valid = excluded.valid',
    );
    this.db.transaction(() => {
      for (const a of artifacts) insert.run(runId, a.stepId, a.path, a.kind, a.generator, a.sha256, a.action, a.valid ? 1 : 0);
    })();
  }

  artifacts(runId: string): ArtifactRecord[] {
    return (this.db.prepare('SELECT * FROM artifacts WHERE run_id = ? ORDER BY path').all(runId) as Row[]).map((r) => ({
      stepId: r.step_id as string,
      path: r.path as string,
      kind: r.kind as string,
      generator: r.generator as string,
      sha256: r.sha256 as string,
      action: (r.action as string | null) ?? null,
      valid: r.valid === 1,
    }));
  }

  recordFindings(runId: string, findings: readonly FindingRecord[]): void {
    const insert = this.db.prepare('INSERT INTO findings (run_id, step_id, rule_id, severity, title, file, line, message, fingerprint) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)');
    this.db.transaction(() => {
      for (const f of findings) insert.run(runId, f.stepId, f.ruleId, f.severity, f.title, f.file, f.line, f.message, f.fingerprint);
    })();
  }

  findings(runId: string): FindingRecord[] {
    return (this.db.prepare('SELECT * FROM findings WHERE run_id = ? ORDER BY id').all(runId) as Row[]).map((r) => ({
      stepId: r.step_id as string,
      ruleId: r.rule_id as string,
      severity: r.severity as FindingRecord['severity'],
      title: r.title as string,
      file: (r.file as string | null) ?? null,
      line: (r.line as number | null) ?? null,
      message: r.message as string,
      fingerprint: r.fingerprint as string,
    }));
  }

  recordGate(runId: string, gate: Omit<GateRecord, 'at'>): void {
    this.db
      .prepare('INSERT OR REPLACE INTO gate_results (run_id, score, passed, blockers, recommendations, checks, at) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(runId, gate.score, gate.passed ? 1 : 0, JSON.stringify(gate.blockers), JSON.stringify(gate.recommendations), JSON.stringify(gate.checks), now());
  }

  gate(runId: string): GateRecord | null {
    const r = this.db.prepare('SELECT * FROM gate_results WHERE run_id = ?').get(runId) as Row | undefined;
    if (!r) return null;
    return {
      score: r.score as number,
      passed: r.passed === 1,
      blockers: JSON.parse(r.blockers as string) as string[],
      recommendations: JSON.parse(r.recommendations as string) as string[],
      checks: JSON.parse(r.checks as string) as unknown[],
      at: r.at as string,
    };
  }

  /**
   * Marks runs left queued/running by a process of this host that no longer exists as failed, their
   * unfinished steps too, and appends a `run.interrupted` event. Runs owned by other hosts are left
   * alone: we cannot tell whether their process lives. Returns the ids it marked.
   */
  recoverInterrupted(isAlive: (pid: number) => boolean = processAlive): string[] {
    const host = os.hostname();
    const stale = (this.db.prepare("SELECT * FROM runs WHERE status IN ('queued', 'running')").all() as Row[])
      .map(toRun)
      .filter((run) => run.ownerHost === host && run.ownerPid !== null && run.ownerPid !== process.pid && !isAlive(run.ownerPid));
    for (const run of stale) {
      const reason = `interrupted: process ${run.ownerPid} ended while the run was ${run.status}`;
      this.db.transaction(() => {
        this.db.prepare("UPDATE steps SET status = 'failed', finished_at = ?, error = ? WHERE run_id = ? AND status IN ('queued', 'running')").run(now(), reason, run.id);
        this.appendEvent(run.id, null, 'run.interrupted', { pid: run.ownerPid, previousStatus: run.status });
        this.setRunStatus(run.id, 'failed', reason);
      })();
    }
    return stale.map((r) => r.id);
  }
}
