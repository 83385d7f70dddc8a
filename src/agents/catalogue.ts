/**
 * Every agent's tasks, looked up by `agent.task`. `devsquad agents` lists them with their inputs,
 * `devsquad agent <agent> <task>` runs one, and workflows name them in their steps.
 */
import type { TaskCatalogue } from '../orchestrate/engine.js';
import type { TaskLookup } from '../orchestrate/workflows/schema.js';
import { infrastructureTasks } from './infrastructure/index.js';
import { monitoringTasks } from './monitoring/index.js';
import { securityTasks } from './security/index.js';
import type { AgentName, AgentTask } from './types.js';

export const AGENT_DESCRIPTIONS: Record<AgentName, string> = {
  infrastructure: 'Infrastructure engineer: containers, CI/CD, Kubernetes, Helm, Terraform, platforms, Ansible, runbooks.',
  security: 'Security engineer: OWASP Top 10 audit of code, secrets, dependencies and IaC; hardening it writes for you.',
  monitoring: 'Monitoring engineer: error tracking, dashboards, SLOs, health checks, logging, alerting, tracing.',
};

export const ALL_TASKS: readonly AgentTask[] = [...infrastructureTasks, ...securityTasks, ...monitoringTasks];

const byName = new Map(ALL_TASKS.map((t) => [`${t.agent}.${t.id}`, t]));

export const catalogue: TaskCatalogue & TaskLookup = {
  get: (agent, task) => byName.get(`${agent}.${task}`),
  has: (agent, task) => byName.has(`${agent}.${task}`),
  inputProblems: (agent, task, inputs) => {
    const found = byName.get(`${agent}.${task}`);
    if (!found) return [];
    const parsed = found.inputs.safeParse(inputs);
    const problems = parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.') || '(inputs)'}: ${i.message}`);
    const shape = (found.inputs as { shape?: Record<string, unknown> }).shape;
    if (shape) for (const key of Object.keys(inputs)) if (!Object.hasOwn(shape, key)) problems.push(`${key}: unknown input (known: ${Object.keys(shape).join(', ') || 'none'})`);
    return problems;
  },
  names: () => [...byName.keys()],
};
