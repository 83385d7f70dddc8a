/**
 * A workflow is data: named steps (agent + task + inputs), `needs` between them (a DAG: steps with no
 * path between them run concurrently), timeouts, retries, and gate steps. Built-in workflows and the
 * user's `.devsquad/workflows/*.yaml` share this schema; `checkWorkflow` adds what a schema cannot
 * say (unknown tasks, unknown needs, cycles, bad inputs), each problem with the path it is at.
 */
import { z } from 'zod';

export const GATE_AGENT = 'squad';
export const GATE_TASK = 'gate';

const DURATION = /^(\d+)(ms|s|m)$/;

export const StepSchema = z
  .object({
    id: z.string().regex(/^[a-z][a-z0-9_-]{0,62}$/, 'a lowercase id: letters, digits, - and _'),
    agent: z.string().min(1),
    task: z.string().min(1),
    description: z.string().optional(),
    inputs: z.record(z.string(), z.unknown()).default({}),
    needs: z.array(z.string()).default([]),
    /** `90s`, `2m`, `500ms`. */
    timeout: z.string().regex(DURATION, 'a duration such as 90s, 2m or 500ms').optional(),
    retries: z.number().int().min(0).max(5).default(0),
  })
  .strict();

export const WorkflowSchema = z
  .object({
    name: z.string().regex(/^[a-z][a-z0-9-]{0,62}$/, 'a lowercase name: letters, digits and -'),
    description: z.string().default(''),
    steps: z.array(StepSchema).min(1, 'a workflow needs at least one step'),
  })
  .strict();

export type WorkflowStep = z.infer<typeof StepSchema>;
export type Workflow = z.infer<typeof WorkflowSchema>;

export function durationMs(text: string | undefined, fallback: number): number {
  if (!text) return fallback;
  const match = DURATION.exec(text);
  if (!match) return fallback;
  const value = Number(match[1]);
  return match[2] === 'ms' ? value : match[2] === 's' ? value * 1000 : value * 60_000;
}

export interface WorkflowProblem {
  /** Where: `steps[2].task`, `steps[0].needs[1]`, `steps`. */
  path: string;
  message: string;
}

/** What checkWorkflow needs to know about tasks: their input schema, by `agent.task`. */
export interface TaskLookup {
  has(agent: string, task: string): boolean;
  /** Input problems for a task, as `key: message` strings; empty when fine. */
  inputProblems(agent: string, task: string, inputs: Record<string, unknown>): string[];
  /** `agent.task` names, for "did you mean". */
  names(): string[];
}

export function checkWorkflow(workflow: Workflow, tasks: TaskLookup): WorkflowProblem[] {
  const problems: WorkflowProblem[] = [];
  const index = new Map<string, number>();
  workflow.steps.forEach((step, i) => {
    if (index.has(step.id)) problems.push({ path: `steps[${i}].id`, message: `duplicate step id "${step.id}" (also steps[${index.get(step.id)}])` });
    else index.set(step.id, i);
  });
  workflow.steps.forEach((step, i) => {
    const isGate = step.agent === GATE_AGENT && step.task === GATE_TASK;
    if (!isGate && !tasks.has(step.agent, step.task)) {
      const near = tasks.names().filter((n) => n.endsWith(`.${step.task}`) || n.startsWith(`${step.agent}.`));
      problems.push({ path: `steps[${i}].task`, message: `unknown task "${step.agent}.${step.task}"${near.length > 0 ? `; known: ${near.slice(0, 8).join(', ')}` : `; see devsquad agents`}` });
    } else if (!isGate) {
      for (const p of tasks.inputProblems(step.agent, step.task, step.inputs)) problems.push({ path: `steps[${i}].inputs`, message: p });
    }
    step.needs.forEach((need, j) => {
      if (!index.has(need)) problems.push({ path: `steps[${i}].needs[${j}]`, message: `needs unknown step "${need}"` });
      if (need === step.id) problems.push({ path: `steps[${i}].needs[${j}]`, message: 'a step cannot need itself' });
    });
  });
  const cycle = findCycle(workflow.steps);
  if (cycle) problems.push({ path: 'steps', message: `the steps form a cycle: ${cycle.join(' → ')} (each needs the next)` });
  return problems;
}

/** A dependency cycle as step ids, each needing the next (first id repeated at the end), or null. */
export function findCycle(steps: readonly WorkflowStep[]): string[] | null {
  const needs = new Map(steps.map((s) => [s.id, s.needs]));
  const state = new Map<string, 'visiting' | 'done'>();
  const stack: string[] = [];
  const visit = (id: string): string[] | null => {
    if (state.get(id) === 'done') return null;
    if (state.get(id) === 'visiting') return [...stack.slice(stack.indexOf(id)), id];
    state.set(id, 'visiting');
    stack.push(id);
    for (const need of needs.get(id) ?? []) {
      if (!needs.has(need) || need === id) continue; // reported as unknown/self needs
      const found = visit(need);
      if (found) return found;
    }
    stack.pop();
    state.set(id, 'done');
    return null;
  };
  for (const step of steps) {
    const found = visit(step.id);
    if (found) return found;
  }
  return null;
}
