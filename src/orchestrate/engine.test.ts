import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import type { AgentResult, AgentTask, TaskContext } from '../agents/types.js';
import { RepoFs } from '../core/repo/repo-fs.js';
import type { ProjectPlan } from '../plan/schema.js';
import { runWorkflow, type EngineOptions, type TaskCatalogue } from './engine.js';
import type { GateEvaluator } from './gate/types.js';
import { openDatabase } from './store/database.js';
import { MemoryStore } from './store/memory-store.js';
import { RunStore } from './store/run-store.js';
import { checkWorkflow, findCycle, type TaskLookup, type Workflow } from './workflows/schema.js';

const plan = { name: 'demo', services: [] } as unknown as ProjectPlan;

function result(ctx: TaskContext, extra: Partial<AgentResult> = {}): AgentResult {
  return { status: 'success', output: 'done', files: [], findings: [], severity: 'none', metadata: { agent: 'infrastructure', task: 't', stack: [], startedAt: '', durationMs: 0 }, ...extra, ...(ctx ? {} : {}) };
}

/** A task that waits `ms` (honouring its signal) and logs when it starts and ends. */
function sleepyTask(id: string, ms: number, log: string[], behaviour: { failTimes?: number; ignoreSignal?: boolean } = {}): AgentTask {
  let failures = 0;
  return {
    agent: 'infrastructure',
    id,
    description: id,
    inputs: z.object({ flavour: z.string().default('plain') }),
    run: (ctx) =>
      new Promise((resolve, reject) => {
        log.push(`start ${id}`);
        ctx.progress(50, `${id} half way`);
        const timer = setTimeout(() => {
          log.push(`end ${id}`);
          if (failures < (behaviour.failTimes ?? 0)) {
            failures++;
            reject(new Error(`${id} flaked`));
          } else resolve(result(ctx, { output: `${id} ${(ctx.inputs as { flavour: string }).flavour}` }));
        }, ms);
        if (!behaviour.ignoreSignal) ctx.signal.addEventListener('abort', () => (clearTimeout(timer), log.push(`abort ${id}`)), { once: true });
      }),
  };
}

function catalogueOf(tasks: AgentTask[]): TaskCatalogue & TaskLookup {
  const byName = new Map(tasks.map((t) => [`${t.agent}.${t.id}`, t]));
  return {
    get: (agent, task) => byName.get(`${agent}.${task}`),
    has: (agent, task) => byName.has(`${agent}.${task}`),
    inputProblems: (agent, task, inputs) => {
      const parsed = byName.get(`${agent}.${task}`)!.inputs.safeParse(inputs);
      return parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    },
    names: () => [...byName.keys()],
  };
}

const passGate: GateEvaluator = () => ({ score: 100, passed: true, blockers: [], recommendations: [], checks: [] });
const blockGate: GateEvaluator = () => ({ score: 40, passed: false, blockers: ['1 critical finding'], recommendations: ['fix it'], checks: [] });

function options(tasks: AgentTask[], extra: Partial<EngineOptions> = {}): EngineOptions {
  return { catalogue: catalogueOf(tasks), gate: passGate, repo: new RepoFs(process.cwd()), root: '/repo', plan, version: 'test', retryDelayMs: 1, ...extra };
}

const step = (id: string, needs: string[] = [], more: Partial<Workflow['steps'][number]> = {}): Workflow['steps'][number] => ({ id, agent: 'infrastructure', task: id, inputs: {}, needs, retries: 0, ...more });

describe('workflow engine', () => {
  it('runs independent steps concurrently and dependent ones after their needs', async () => {
    const log: string[] = [];
    const tasks = [sleepyTask('a', 40, log), sleepyTask('b', 40, log), sleepyTask('c', 5, log)];
    const run = await runWorkflow({ name: 'w', description: '', steps: [step('a'), step('b'), step('c', ['a', 'b'])] }, options(tasks));
    expect(run.status).toBe('succeeded');
    expect(log.slice(0, 2).sort()).toEqual(['start a', 'start b']); // both began before either ended
    expect(log.indexOf('start c')).toBeGreaterThan(Math.max(log.indexOf('end a'), log.indexOf('end b')));
  });

  it('honours maxConcurrency', async () => {
    const log: string[] = [];
    const tasks = ['a', 'b', 'c'].map((id) => sleepyTask(id, 15, log));
    await runWorkflow({ name: 'w', description: '', steps: [step('a'), step('b'), step('c')] }, options(tasks, { maxConcurrency: 1 }));
    expect(log).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
  });

  it('retries a failing step with backoff, then skips what needs a step that still fails', async () => {
    const log: string[] = [];
    const tasks = [sleepyTask('flaky', 1, log, { failTimes: 1 }), sleepyTask('broken', 1, log, { failTimes: 9 }), sleepyTask('after', 1, log)];
    const store = new RunStore(openDatabase(':memory:'));
    const run = await runWorkflow({ name: 'w', description: '', steps: [step('flaky', [], { retries: 2 }), step('broken', [], { retries: 1 }), step('after', ['broken'])] }, options(tasks, { store }));
    const byId = Object.fromEntries(run.steps.map((s) => [s.id, s]));
    expect(byId.flaky).toMatchObject({ status: 'succeeded', attempts: 2 });
    expect(byId.broken).toMatchObject({ status: 'failed', attempts: 2, error: 'broken flaked' });
    expect(byId.after).toMatchObject({ status: 'skipped', error: 'needs broken, which ended failed' });
    expect(run.status).toBe('failed');
    expect(store.getRun(run.runId)).toMatchObject({ status: 'failed', error: 'broken flaked' });
    expect(store.eventsAfter(run.runId).filter((e) => e.type === 'step.retrying').map((e) => e.stepId)).toEqual(['flaky', 'broken']);
  });

  it('times a step out through its signal', async () => {
    const log: string[] = [];
    const run = await runWorkflow({ name: 'w', description: '', steps: [step('slow', [], { timeout: '30ms' })] }, options([sleepyTask('slow', 5_000, log)]));
    expect(run.steps[0]).toMatchObject({ status: 'timed_out', error: 'timed out after 30 ms' });
    expect(log).toContain('abort slow');
  });

  it('cancels cleanly: running steps are aborted, queued ones never start, the run is recorded cancelled', async () => {
    const log: string[] = [];
    const controller = new AbortController();
    const store = new RunStore(openDatabase(':memory:'));
    setTimeout(() => controller.abort(), 20);
    const run = await runWorkflow({ name: 'w', description: '', steps: [step('long'), step('next', ['long'])] }, options([sleepyTask('long', 5_000, log), sleepyTask('next', 1, log)], { store, signal: controller.signal }));
    expect(run.status).toBe('cancelled');
    expect(run.steps.map((s) => s.status)).toEqual(['cancelled', 'cancelled']);
    expect(log).toEqual(['start long', 'abort long']);
    expect(store.getRun(run.runId).status).toBe('cancelled');
    expect(store.steps(run.runId).map((s) => s.status)).toEqual(['cancelled', 'cancelled']);
  });

  it('a failing gate blocks the steps after it and fails the run with its blockers', async () => {
    const log: string[] = [];
    const store = new RunStore(openDatabase(':memory:'));
    const workflow: Workflow = { name: 'w', description: '', steps: [step('build'), { id: 'gate', agent: 'squad', task: 'gate', inputs: {}, needs: ['build'], retries: 0 }, step('deploy', ['gate'])] };
    const run = await runWorkflow(workflow, options([sleepyTask('build', 1, log), sleepyTask('deploy', 1, log)], { store, gate: blockGate }));
    expect(run.steps.map((s) => [s.id, s.status])).toEqual([['build', 'succeeded'], ['gate', 'failed'], ['deploy', 'blocked']]);
    expect(run.status).toBe('failed');
    expect(log).not.toContain('start deploy');
    expect(store.getRun(run.runId).error).toBe('quality gate blocked: 1 critical finding');
    expect(store.gate(run.runId)).toMatchObject({ score: 40, passed: false });
  });

  it('persists progress events with increasing ids', async () => {
    const store = new RunStore(openDatabase(':memory:'));
    const seen: string[] = [];
    const run = await runWorkflow({ name: 'w', description: '', steps: [step('a')] }, options([sleepyTask('a', 1, [])], { store, onEvent: (e) => seen.push(e.type) }));
    const events = store.eventsAfter(run.runId);
    expect(events.map((e) => e.type)).toEqual(['run.queued', 'run.running', 'step.running', 'step.progress', 'step.succeeded', 'run.succeeded']);
    expect(events.find((e) => e.type === 'step.progress')!.data).toEqual({ percent: 50, message: 'a half way' });
    expect(seen).toEqual(['run.started', 'step.started', 'step.progress', 'step.finished', 'run.finished']);
  });

  it('reuses the inputs an earlier run on the same repository recorded, unless told otherwise', async () => {
    const memory = new MemoryStore(openDatabase(':memory:'));
    const task = sleepyTask('a', 1, []);
    const first = await runWorkflow({ name: 'w', description: '', steps: [step('a', [], { inputs: { flavour: 'spicy' } })] }, options([task], { memory }));
    expect(first.steps[0]!.result!.output).toBe('a spicy');
    const second = await runWorkflow({ name: 'w', description: '', steps: [step('a')] }, options([task], { memory }));
    expect(second.steps[0]!.result!.output).toBe('a spicy');
    const fresh = await runWorkflow({ name: 'w', description: '', steps: [step('a')] }, options([task], { memory, reuseDecisions: false }));
    expect(fresh.steps[0]!.result!.output).toBe('a plain');
  });
});

describe('workflow checks', () => {
  const lookup = catalogueOf([sleepyTask('a', 1, []), sleepyTask('b', 1, [])]);

  it('reports every mistake with where it is', () => {
    const workflow: Workflow = {
      name: 'w',
      description: '',
      steps: [step('a', ['ghost']), step('a'), { ...step('x'), task: 'nope' }, step('b', [], { inputs: { flavour: 3 } })],
    };
    expect(checkWorkflow(workflow, lookup)).toEqual([
      { path: 'steps[1].id', message: 'duplicate step id "a" (also steps[0])' },
      { path: 'steps[0].needs[0]', message: 'needs unknown step "ghost"' },
      { path: 'steps[2].task', message: 'unknown task "infrastructure.nope"; known: infrastructure.a, infrastructure.b' },
      { path: 'steps[3].inputs', message: expect.stringContaining('flavour') },
    ]);
  });

  it('finds cycles and names them', () => {
    expect(findCycle([step('a', ['c']), step('b', ['a']), step('c', ['b'])])).toEqual(['a', 'c', 'b', 'a']);
    expect(findCycle([step('a'), step('b', ['a'])])).toBeNull();
  });
});
