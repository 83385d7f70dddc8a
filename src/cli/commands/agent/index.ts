/**
 * `devsquad agent <agent> <task> [path]`: runs one task, recorded as a one-step run (unless --no-db),
 * dry run by default; prints the AgentResult (and what writing its files does).
 */
import path from 'node:path';
import { catalogue } from '../../../agents/catalogue.js';
import { DsqError } from '../../../core/errors.js';
import type { Workflow } from '../../../orchestrate/workflows/schema.js';
import type { Io } from '../../io.js';
import { analyzePath } from '../../plan-source.js';
import { executeWorkflow, runExitCode, writeRootOf } from '../run/execute.js';
import { parseTaskInputs } from '../run/shared.js';

export interface AgentCommandOptions {
  agent: string;
  task: string;
  path: string;
  input?: string[];
  write?: boolean;
  out?: string;
  force?: boolean;
  json?: boolean;
  db?: string;
  dbPersist?: boolean;
}

export async function agent(options: AgentCommandOptions, io: Io): Promise<number> {
  const task = catalogue.get(options.agent, options.task);
  if (!task) {
    const known = catalogue.names().filter((n) => n.startsWith(`${options.agent}.`));
    throw new DsqError('DSQ_ERR_AGENT_UNKNOWN_TASK', { agent: options.agent, task: options.task, known: (known.length > 0 ? known : catalogue.names()).join(', ') });
  }
  const inputs = parseTaskInputs(options.input ?? []);
  const problems = catalogue.inputProblems(options.agent, options.task, inputs);
  if (problems.length > 0) throw new DsqError('DSQ_ERR_CLI_USAGE', { detail: `Invalid --input for ${options.agent}.${options.task}: ${problems.join('; ')}` });
  const root = path.resolve(options.path);
  const writeRoot = writeRootOf(options, root);
  const { plan, repo } = analyzePath(root);
  if (plan.services.length === 0) throw new DsqError('DSQ_ERR_DETECT_NO_SERVICES', { path: options.path });
  const stepId = task.id.replace(/_/g, '-');
  const workflow: Workflow = { name: `agent-${options.agent}-${stepId}`.slice(0, 63), description: `devsquad agent ${options.agent} ${task.id}`, steps: [{ id: stepId, agent: options.agent, task: task.id, inputs: {}, needs: [], retries: 0 }] };
  const result = await executeWorkflow(
    { root, repo, plan, workflow, db: options.db, persist: options.dbPersist !== false, stepInputs: Object.keys(inputs).length > 0 ? { [stepId]: inputs } : {}, policy: null, writeRoot, force: Boolean(options.force), progress: !options.json && io.interactive, runOptions: { agent: options.agent, task: task.id, input: options.input ?? [] } },
    io,
  );
  try {
    const step = result.outcome.steps[0]!;
    if (options.json) {
      io.out(JSON.stringify({ run: { id: result.outcome.runId, status: result.outcome.status }, status: step.status, error: step.error ?? null, result: step.result, files: result.files }, null, 2));
    } else {
      const c = io.color;
      io.out(step.result?.output ?? c.red(`${options.agent}.${task.id} ${step.status}: ${step.error ?? ''}`));
      if (step.result && step.result.severity !== 'none') io.out(`Severity: ${step.result.severity}`);
      if (result.files.length > 0) {
        io.out('');
        for (const f of result.files) io.out(`  ${(writeRoot ? f.action : `would ${f.action}`).padEnd(15)} ${f.path}${f.reason ? c.dim(`  (${f.reason})`) : ''}`);
        if (!writeRoot) io.out(c.dim('Nothing was written. Re-run with --write, or --out DIR.'));
      }
      if (result.stores) io.out(c.dim(`run ${result.outcome.runId}`));
    }
    if (result.outcome.status === 'cancelled') return 130;
    if (step.status !== 'succeeded') return 1;
    return runExitCode({ ...result, gate: { ...result.gate, passed: true } }, writeRoot !== null);
  } finally {
    result.stores?.db.close();
  }
}
