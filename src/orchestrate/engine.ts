/**
 * Runs a workflow: a DAG scheduler over agent tasks. A step starts when every step it needs has
 * succeeded; steps with no path between them run at the same time (up to `maxConcurrency`). Each
 * attempt gets its own AbortSignal, aborted on the step's timeout or when the run is cancelled; failed
 * attempts are retried with backoff. A step whose need failed is `skipped`; one behind a failing gate
 * is `blocked`. Everything is persisted as it happens (when a store is given): statuses, progress
 * events, artifacts, findings and the gate result, so `devsquad runs events` can replay or resume.
 */
import { createHash } from 'node:crypto';
import type { AgentResult, AgentTask, TaskMemory } from '../agents/types.js';
import type { RepoFs } from '../core/repo/repo-fs.js';
import type { ProjectPlan } from '../plan/schema.js';
import type { GateEvaluator, GateOutcome } from './gate/types.js';
import type { MemoryStore } from './store/memory-store.js';
import type { RunStatus, RunStore, StepStatus } from './store/run-store.js';
import { durationMs, GATE_AGENT, GATE_TASK, type Workflow, type WorkflowStep } from './workflows/schema.js';

export interface TaskCatalogue {
  get(agent: string, task: string): AgentTask | undefined;
}

export interface EngineEvent {
  type: 'run.started' | 'run.finished' | 'step.started' | 'step.progress' | 'step.retrying' | 'step.finished';
  runId: string;
  stepId?: string;
  status?: StepStatus | RunStatus;
  percent?: number;
  message?: string;
  attempt?: number;
  error?: string;
}

export interface EngineOptions {
  catalogue: TaskCatalogue;
  gate: GateEvaluator;
  repo: RepoFs;
  root: string;
  plan: ProjectPlan;
  version: string;
  store?: RunStore | null;
  memory?: MemoryStore | null;
  /** Cancels the whole run (Ctrl-C). */
  signal?: AbortSignal;
  onEvent?: (event: EngineEvent) => void;
  /** Per-step timeout when the step sets none. */
  defaultTimeoutMs?: number;
  /** The whole run's deadline; the run ends `timed_out` when it passes. */
  runTimeoutMs?: number;
  maxConcurrency?: number;
  retryDelayMs?: number;
  /** Inputs that override a step's, by step id (from the command line). */
  stepInputs?: Record<string, Record<string, unknown>>;
  /** Reuse the inputs an earlier run on this repository recorded for a task (default true). */
  reuseDecisions?: boolean;
  /** An existing run record to use (the CLI creates it first to print its id). */
  runId?: string;
}

export interface StepOutcome {
  id: string;
  agent: string;
  task: string;
  status: StepStatus;
  attempts: number;
  durationMs: number;
  error?: string;
  result: AgentResult | null;
}

export interface RunOutcome {
  runId: string;
  workflow: string;
  status: RunStatus;
  steps: StepOutcome[];
  gate: GateOutcome | null;
  durationMs: number;
}

class StepAbort extends Error {
  constructor(readonly kind: 'timeout' | 'cancelled', message: string) {
    super(message);
  }
}

const sleep = (ms: number, signal: AbortSignal): Promise<void> =>
  new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
  });

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

export async function runWorkflow(workflow: Workflow, options: EngineOptions): Promise<RunOutcome> {
  const started = Date.now();
  const store = options.store ?? null;
  const runId = options.runId ?? store?.createRun({ workflow: workflow.name, repo: options.root }).id ?? `local-${started.toString(36)}`;
  const emit = (event: Omit<EngineEvent, 'runId'>): void => options.onEvent?.({ runId, ...event });
  // Progress arrives in bursts: queue it and write a batch per tick; status changes flush it first so
  // the log stays in the order things happened.
  const progressLog = store?.bufferedAppender() ?? null;
  const runController = new AbortController();
  const cancel = (): void => runController.abort(new StepAbort('cancelled', 'the run was cancelled'));
  if (options.signal?.aborted) cancel();
  options.signal?.addEventListener('abort', cancel, { once: true });
  let runTimedOut = false;
  const deadline = options.runTimeoutMs
    ? setTimeout(() => {
        runTimedOut = true;
        runController.abort(new StepAbort('timeout', `the run passed its ${options.runTimeoutMs} ms deadline`));
      }, options.runTimeoutMs)
    : null;

  const outcomes = new Map<string, StepOutcome>(workflow.steps.map((s) => [s.id, { id: s.id, agent: s.agent, task: s.task, status: 'queued', attempts: 0, durationMs: 0, result: null }]));
  for (const step of workflow.steps) store?.upsertStep(runId, { stepId: step.id, agent: step.agent, task: step.task });
  store?.setRunStatus(runId, 'running');
  emit({ type: 'run.started', status: 'running' });
  let gateOutcome: GateOutcome | null = null;

  const finish = (step: WorkflowStep, status: StepStatus, extra: { error?: string; attempts?: number; durationMs?: number; result?: AgentResult | null } = {}): void => {
    progressLog?.flush();
    const outcome = outcomes.get(step.id)!;
    Object.assign(outcome, { status, ...extra });
    store?.setStepStatus(runId, step.id, status, { error: extra.error ?? null, output: extra.result?.output ?? null, ...(extra.attempts !== undefined ? { attempt: extra.attempts } : {}) });
    if (extra.result && store) persistResult(store, runId, step.id, extra.result);
    emit({ type: 'step.finished', stepId: step.id, status, ...(extra.error ? { error: extra.error } : {}) });
  };

  const runStep = async (step: WorkflowStep): Promise<void> => {
    outcomes.get(step.id)!.status = 'running';
    if (step.agent === GATE_AGENT && step.task === GATE_TASK) {
      store?.setStepStatus(runId, step.id, 'running');
      emit({ type: 'step.started', stepId: step.id });
      const t0 = Date.now();
      const results = workflow.steps.filter((s) => step.needs.includes(s.id)).map((s) => {
        const o = outcomes.get(s.id)!;
        return { stepId: s.id, result: o.result, status: o.status, ...(o.error ? { error: o.error } : {}) };
      });
      gateOutcome = options.gate({ plan: options.plan, results, inputs: { ...step.inputs, ...options.stepInputs?.[step.id] } });
      store?.recordGate(runId, gateOutcome);
      finish(step, gateOutcome.passed ? 'succeeded' : 'failed', { attempts: 1, durationMs: Date.now() - t0, ...(gateOutcome.passed ? {} : { error: `quality gate blocked: ${gateOutcome.blockers.join('; ')}` }) });
      return;
    }
    const task = options.catalogue.get(step.agent, step.task);
    if (!task) return finish(step, 'failed', { error: `unknown task ${step.agent}.${step.task}` });
    const inputs = resolveInputs(step, task, options);
    const parsed = task.inputs.safeParse(inputs);
    if (!parsed.success) return finish(step, 'failed', { error: `invalid inputs: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}` });
    const timeoutMs = durationMs(step.timeout, options.defaultTimeoutMs ?? 120_000);
    const t0 = Date.now();
    let lastError = '';
    for (let attempt = 1; attempt <= step.retries + 1; attempt++) {
      if (runController.signal.aborted) break;
      store?.setStepStatus(runId, step.id, 'running', { attempt });
      emit({ type: 'step.started', stepId: step.id, attempt });
      const controller = new AbortController();
      const onRunAbort = (): void => controller.abort(runController.signal.reason);
      runController.signal.addEventListener('abort', onRunAbort, { once: true });
      const timer = setTimeout(() => controller.abort(new StepAbort('timeout', `timed out after ${timeoutMs} ms`)), timeoutMs);
      try {
        const result = await Promise.race([
          task.run({
            repo: options.repo,
            root: options.root,
            plan: options.plan,
            inputs: parsed.data,
            signal: controller.signal,
            version: options.version,
            memory: taskMemory(options, runId, step),
            progress: (percent, message) => {
              const pct = Math.max(0, Math.min(100, Math.round(percent)));
              progressLog?.append(runId, step.id, 'step.progress', { percent: pct, message });
              emit({ type: 'step.progress', stepId: step.id, percent: pct, message });
            },
          }),
          new Promise<never>((_, reject) => controller.signal.addEventListener('abort', () => reject(controller.signal.reason as Error), { once: true })),
        ]);
        if (result.status === 'success') {
          if (Object.keys(step.inputs).length > 0 || options.stepInputs?.[step.id]) rememberInputs(options, runId, step, inputs);
          return finish(step, 'succeeded', { attempts: attempt, durationMs: Date.now() - t0, result });
        }
        lastError = result.output.split('\n')[0] ?? 'the task reported an error';
        outcomes.get(step.id)!.result = result;
      } catch (error) {
        if (error instanceof StepAbort && error.kind === 'cancelled') return finish(step, 'cancelled', { attempts: attempt, durationMs: Date.now() - t0, error: error.message });
        if (error instanceof StepAbort && runTimedOut) return finish(step, 'timed_out', { attempts: attempt, durationMs: Date.now() - t0, error: error.message });
        lastError = error instanceof Error ? error.message : String(error);
        if (error instanceof StepAbort && attempt === step.retries + 1) return finish(step, 'timed_out', { attempts: attempt, durationMs: Date.now() - t0, error: lastError });
      } finally {
        clearTimeout(timer);
        runController.signal.removeEventListener('abort', onRunAbort);
      }
      if (attempt <= step.retries) {
        emit({ type: 'step.retrying', stepId: step.id, attempt, error: lastError });
        store?.appendEvent(runId, step.id, 'step.retrying', { attempt, error: lastError });
        await sleep((options.retryDelayMs ?? 200) * 2 ** (attempt - 1), runController.signal);
      }
    }
    if (runController.signal.aborted) return finish(step, runTimedOut ? 'timed_out' : 'cancelled', { durationMs: Date.now() - t0, error: (runController.signal.reason as Error)?.message });
    finish(step, 'failed', { attempts: step.retries + 1, durationMs: Date.now() - t0, error: lastError, result: outcomes.get(step.id)!.result });
  };

  // The scheduler: start what is ready, wait for one to finish, settle what can no longer run.
  const running = new Map<string, Promise<void>>();
  const limit = Math.max(1, options.maxConcurrency ?? 4);
  for (;;) {
    settleUnreachable(workflow, outcomes, runController.signal.aborted, finish);
    const ready = workflow.steps.filter((s) => outcomes.get(s.id)!.status === 'queued' && !running.has(s.id) && s.needs.every((n) => outcomes.get(n)!.status === 'succeeded'));
    for (const step of ready) {
      if (running.size >= limit || runController.signal.aborted) break;
      running.set(step.id, runStep(step).finally(() => running.delete(step.id)));
    }
    if (running.size === 0) break;
    await Promise.race(running.values());
  }
  if (deadline) clearTimeout(deadline);
  progressLog?.flush();
  options.signal?.removeEventListener('abort', cancel);

  const steps = [...outcomes.values()];
  const status: RunStatus = runTimedOut
    ? 'timed_out'
    : runController.signal.aborted
      ? 'cancelled'
      : steps.every((s) => s.status === 'succeeded')
        ? 'succeeded'
        : 'failed';
  const gate = gateOutcome as GateOutcome | null;
  const error = status === 'succeeded' ? null : gate && !gate.passed ? `quality gate blocked: ${gate.blockers.join('; ')}` : steps.find((s) => s.error)?.error ?? null;
  store?.setRunStatus(runId, status, error);
  emit({ type: 'run.finished', status });
  return { runId, workflow: workflow.name, status, steps, gate, durationMs: Date.now() - started };
}

/** Queued steps that can never start: a need failed (skipped), a gate failed (blocked), the run was cancelled. */
function settleUnreachable(
  workflow: Workflow,
  outcomes: Map<string, StepOutcome>,
  aborted: boolean,
  finish: (step: WorkflowStep, status: StepStatus, extra?: { error?: string }) => void,
): void {
  let changed = true;
  while (changed) {
    changed = false;
    for (const step of workflow.steps) {
      if (outcomes.get(step.id)!.status !== 'queued') continue;
      if (aborted) {
        finish(step, 'cancelled', { error: 'the run was cancelled before this step started' });
        changed = true;
        continue;
      }
      const bad = step.needs.map((n) => outcomes.get(n)!).find((o) => !['queued', 'running', 'succeeded'].includes(o.status));
      if (!bad) continue;
      const gateFailed = bad.agent === GATE_AGENT && bad.task === GATE_TASK && bad.status === 'failed';
      finish(step, gateFailed || bad.status === 'blocked' ? 'blocked' : 'skipped', { error: gateFailed ? `blocked by the quality gate (${bad.id})` : `needs ${bad.id}, which ${bad.status === 'skipped' ? 'was skipped' : `ended ${bad.status}`}` });
      changed = true;
    }
  }
}

/** Step inputs: the workflow's, then the command line's; with neither, what an earlier run recorded. */
function resolveInputs(step: WorkflowStep, task: AgentTask, options: EngineOptions): Record<string, unknown> {
  const explicit = { ...step.inputs, ...options.stepInputs?.[step.id] };
  if (Object.keys(explicit).length > 0 || options.reuseDecisions === false || !options.memory) return explicit;
  const recalled = options.memory.latestDecision(options.root, inputsKey(task.agent, task.id));
  if (!recalled) return explicit;
  const json = /inputs (\{.*\})$/.exec(recalled.text)?.[1];
  try {
    return json ? (JSON.parse(json) as Record<string, unknown>) : explicit;
  } catch {
    return explicit;
  }
}

const inputsKey = (agent: string, task: string): string => `inputs:${agent}.${task}`;

function rememberInputs(options: EngineOptions, runId: string, step: WorkflowStep, inputs: Record<string, unknown>): void {
  options.memory?.store({ text: `${step.agent}.${step.task} ran with inputs ${JSON.stringify(inputs)}`, type: 'decision', agent: step.agent, runId, repo: options.root, key: inputsKey(step.agent, step.task) });
}

function taskMemory(options: EngineOptions, runId: string, step: WorkflowStep): TaskMemory | null {
  const memory = options.memory;
  if (!memory) return null;
  return {
    record: (entry) => void memory.store({ text: entry.text, type: entry.type ?? 'decision', agent: step.agent, runId, repo: options.root, key: entry.key ?? null }),
    recall: (key) => memory.latestDecision(options.root, key)?.text ?? null,
  };
}

function persistResult(store: RunStore, runId: string, stepId: string, result: AgentResult): void {
  store.recordArtifacts(
    runId,
    result.files.map((f) => ({ stepId, path: f.path, kind: f.kind, generator: f.generator, sha256: sha256(f.content), action: null, valid: !f.diagnostics.some((d) => d.severity !== 'info') })),
  );
  store.recordFindings(
    runId,
    result.findings.map((f) => ({ stepId, ruleId: f.ruleId, severity: f.severity, title: f.title, file: f.location.file, line: f.location.line, message: f.message, fingerprint: f.fingerprint })),
  );
}
