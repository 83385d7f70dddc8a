/**
 * Runs a workflow for the CLI: recovers runs a crash left behind, creates the run record, wires
 * Ctrl-C and `runs cancel`, shows progress, evaluates the gate, and works out (or applies) the writes.
 * `run`, `agent` and `gate` all go through here so they behave the same.
 */
import path from 'node:path';
import { DsqError } from '../../../core/errors.js';
import type { RepoFs } from '../../../core/repo/repo-fs.js';
import { createGate, evaluateGate, existingFiles } from '../../../orchestrate/gate/evaluate.js';
import type { GatePolicy } from '../../../orchestrate/gate/policy.js';
import type { GateOutcome } from '../../../orchestrate/gate/types.js';
import { runWorkflow, sha256 as sha, type RunOutcome } from '../../../orchestrate/engine.js';
import { durationMs, GATE_AGENT, type Workflow } from '../../../orchestrate/workflows/schema.js';
import type { ProjectPlan } from '../../../plan/schema.js';
import { prewarmTypeScriptFor } from '../../../validate/typescript-jobs.js';
import type { Io } from '../../io.js';
import { VERSION } from '../../version.js';
import { ProgressDisplay } from './progress.js';
import { cancellation, findingCounts, openStores, runCatalogue, stepFiles, writeStepFiles, type FileReport, type SeverityCounts, type Stores } from './shared.js';

export interface ExecuteOptions {
  root: string;
  repo: RepoFs;
  plan: ProjectPlan;
  workflow: Workflow;
  /** null: nothing persisted. */
  db: string | null | undefined;
  persist: boolean;
  stepInputs?: Record<string, Record<string, unknown>>;
  timeout?: string;
  concurrency?: number;
  fresh?: boolean;
  policy: GatePolicy | null;
  /** Where files go: null = dry run. */
  writeRoot: string | null;
  force: boolean;
  /** Show progress on stderr. */
  progress: boolean;
  runOptions?: Record<string, unknown>;
}

export interface ExecuteResult {
  outcome: RunOutcome;
  gate: GateOutcome;
  files: FileReport[];
  findings: SeverityCounts;
  written: string[];
  backups: string[];
  stores: Stores | null;
}

/** Monitoring tasks that write application code; for Node services that code goes through TypeScript. */
const CODE_TASKS = new Set(['sentry', 'health_checks', 'logging', 'tracing']);

export async function executeWorkflow(options: ExecuteOptions, io: Io): Promise<ExecuteResult> {
  // The compiler then loads on another core while the first steps run here.
  if (options.workflow.steps.some((s) => s.agent === 'monitoring' && CODE_TASKS.has(s.task))) prewarmTypeScriptFor(options.plan);
  const stores = options.persist ? openStores(options.root, options.db ?? undefined) : null;
  try {
    const recovered = stores?.store.recoverInterrupted() ?? [];
    if (recovered.length > 0 && options.progress) io.err(io.color.yellow(`marked ${recovered.length} interrupted run${recovered.length === 1 ? '' : 's'} as failed: ${recovered.join(', ')}`));
    const run = stores?.store.createRun({ workflow: options.workflow.name, repo: options.root, options: options.runOptions ?? {} }) ?? null;
    if (run && options.progress) io.err(io.color.dim(`run ${run.id} (${options.workflow.name}) in ${options.root}`));
    const display = options.progress ? new ProgressDisplay(io, options.workflow, io.interactive) : null;
    const cancel = cancellation({ store: stores?.store ?? null, runId: run?.id ?? null, onCancel: (why) => io.err(io.color.yellow(why)) });
    let outcome: RunOutcome;
    try {
      outcome = await runWorkflow(options.workflow, {
        catalogue: runCatalogue(),
        gate: createGate({ policy: options.policy, repo: options.repo, root: options.root }),
        repo: options.repo,
        root: options.root,
        plan: options.plan,
        version: VERSION,
        store: stores?.store ?? null,
        memory: stores?.memory ?? null,
        signal: cancel.signal,
        onEvent: (event) => display?.onEvent(event),
        ...(options.timeout ? { defaultTimeoutMs: durationMs(options.timeout, 120_000) } : {}),
        ...(options.concurrency ? { maxConcurrency: options.concurrency } : {}),
        stepInputs: options.stepInputs ?? {},
        reuseDecisions: !options.fresh,
        ...(run ? { runId: run.id } : {}),
      });
    } finally {
      cancel.dispose();
      display?.finish();
    }
    // A run whose gate step never ran (a step failed, or the workflow has none) still gets a score.
    let gate = outcome.gate;
    if (!gate) {
      const results = outcome.steps.filter((s) => s.agent !== GATE_AGENT).map((s) => ({ stepId: s.id, result: s.result, status: s.status, ...(s.error ? { error: s.error } : {}) }));
      const input = { plan: options.plan, results, inputs: {} };
      gate = evaluateGate(input, options.policy ?? undefined, { existing: existingFiles(input, options.repo) });
      if (run && stores && outcome.status !== 'cancelled') stores.store.recordGate(run.id, gate);
    }
    const files = stepFiles(outcome.steps.filter((s) => s.status === 'succeeded'));
    const writeRoot = options.writeRoot ?? options.root;
    const writes = await writeStepFiles(files, { root: writeRoot, force: options.force, apply: options.writeRoot !== null && outcome.status !== 'cancelled' });
    if (run && stores && options.writeRoot !== null) {
      const byPath = new Map(writes.files.map((f) => [f.path, f.action]));
      stores.store.recordArtifacts(run.id, files.map((f) => ({ stepId: f.step, path: f.file.path, kind: f.file.kind, generator: f.file.generator, sha256: sha(f.file.content), action: byPath.get(f.file.path) ?? null, valid: f.valid })));
    }
    return { outcome, gate, files: writes.files, findings: findingCounts(outcome.steps), written: writes.written, backups: writes.backups, stores };
  } catch (error) {
    stores?.db.close();
    throw error;
  }
}

/** `--write` and `--out DIR` into the directory files go to (null = dry run). */
export function writeRootOf(options: { write?: boolean; out?: string }, root: string): string | null {
  if (options.write && options.out) throw new DsqError('DSQ_ERR_CLI_USAGE', { detail: '--write and --out cannot be used together: --write writes into the repository, --out DIR elsewhere.' });
  return options.out ? path.resolve(options.out) : options.write ? root : null;
}

/** The exit code of a finished run (docs/commands/run.md): 130 cancelled, 1 blocked or failed, 5 conflicts. */
export function runExitCode(result: ExecuteResult, writing: boolean): number {
  if (result.outcome.status === 'cancelled') return 130;
  if (!result.gate.passed || result.outcome.status !== 'succeeded') return 1;
  if (writing && result.files.some((f) => f.action === 'conflict')) return new DsqError('DSQ_ERR_WRITE_CONFLICT', { path: '' }).exitCode;
  return 0;
}
