/** `devsquad agents [--json]`: every agent, its tasks, what they do and the inputs they take. */
import { z } from 'zod';
import { AGENT_DESCRIPTIONS, ALL_TASKS } from '../../../agents/catalogue.js';
import { AGENT_NAMES, type AgentTask } from '../../../agents/types.js';
import type { Io } from '../../io.js';

export interface InputInfo {
  key: string;
  type: string;
  default?: unknown;
  description?: string;
}

/** A task's inputs from its Zod schema: key, type and default. */
export function describeInputs(task: AgentTask): InputInfo[] {
  let schema: { properties?: Record<string, Record<string, unknown>> };
  try {
    schema = z.toJSONSchema(task.inputs, { io: 'input', unrepresentable: 'any' }) as typeof schema;
  } catch {
    return [];
  }
  return Object.entries(schema.properties ?? {}).map(([key, prop]) => ({
    key,
    type: typeOf(prop),
    ...(prop.default !== undefined ? { default: prop.default } : {}),
    ...(typeof prop.description === 'string' ? { description: prop.description } : {}),
  }));
}

function typeOf(prop: Record<string, unknown>): string {
  if (Array.isArray(prop.enum)) return prop.enum.map((v) => JSON.stringify(v)).join(' | ');
  if (prop.type === 'array') {
    const items = prop.items as Record<string, unknown> | undefined;
    return `${items ? typeOf(items) : 'unknown'}[]`;
  }
  if (typeof prop.type === 'string') return prop.type;
  if (Array.isArray(prop.type)) return prop.type.join(' | ');
  for (const key of ['anyOf', 'oneOf'] as const) if (Array.isArray(prop[key])) return (prop[key] as Array<Record<string, unknown>>).map(typeOf).join(' | ');
  return 'unknown';
}

export function agentsJson(): unknown {
  return AGENT_NAMES.map((agent) => ({
    agent,
    description: AGENT_DESCRIPTIONS[agent],
    tasks: ALL_TASKS.filter((t) => t.agent === agent).map((t) => ({ id: t.id, description: t.description, inputs: describeInputs(t) })),
  }));
}

export function agents(options: { json?: boolean }, io: Io): number {
  if (options.json) {
    io.out(JSON.stringify(agentsJson(), null, 2));
    return 0;
  }
  const c = io.color;
  for (const agent of AGENT_NAMES) {
    io.out(c.bold(agent) + c.dim(`  ${AGENT_DESCRIPTIONS[agent]}`));
    for (const task of ALL_TASKS.filter((t) => t.agent === agent)) {
      io.out(`  ${c.cyan(task.id)}  ${task.description}`);
      for (const input of describeInputs(task)) io.out(c.dim(`      --input ${input.key}=<${input.type}>${input.default !== undefined ? `  (default ${JSON.stringify(input.default)})` : ''}`));
    }
    io.out('');
  }
  io.out(c.dim('Run one: devsquad agent <agent> <task> [path] [--input key=value]. Workflows: devsquad run <workflow>.'));
  return 0;
}
