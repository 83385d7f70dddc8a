/**
 * `devsquad run <workflow> [path]`: analyses the repository, runs the workflow's steps (a DAG, side by
 * side where possible) with live progress, scores the result with the quality gate, and writes the
 * validated files with --write or --out. Every run is kept in the database (`devsquad runs`).
 */
import path from 'node:path';
import { catalogue } from '../../../agents/catalogue.js';
import { DsqError } from '../../../core/errors.js';
import { readPolicyFile } from '../../../orchestrate/gate/policy.js';
import { loadWorkflow } from '../../../orchestrate/workflows/load.js';
import type { Io } from '../../io.js';
import { analyzePath } from '../../plan-source.js';
import { executeWorkflow, runExitCode, writeRootOf, type ExecuteResult } from './execute.js';
import { parseStepInputs } from './shared.js';

export interface RunCommandOptions {
  workflow: string;
  path: string;
  write?: boolean;
  out?: string;
  force?: boolean;
  json?: boolean;
  db?: string;
  /** commander's --no-db. */
  dbPersist?: boolean;
  input?: string[];
  timeout?: string;
  concurrency?: string;
  fresh?: boolean;
  policy?: string;
}

export async function run(options: RunCommandOptions, io: Io): Promise<number> {
  const root = path.resolve(options.path);
  const writeRoot = writeRootOf(options, root);
  if (options.timeout && !/^\d+(ms|s|m)$/.test(options.timeout)) throw new DsqError('DSQ_ERR_CLI_USAGE', { detail: `--timeout expects a duration such as 90s, 5m or 500ms, got "${options.timeout}"` });
  const concurrency = options.concurrency === undefined ? undefined : Number(options.concurrency);
  if (concurrency !== undefined && (!Number.isInteger(concurrency) || concurrency < 1)) throw new DsqError('DSQ_ERR_CLI_USAGE', { detail: `--concurrency expects a whole number of at least 1, got "${options.concurrency}"` });
  const policy = options.policy ? readPolicyFile(options.policy) : null;
  const { workflow, source } = loadWorkflow(root, options.workflow, catalogue);
  const stepInputs = parseStepInputs(options.input ?? []);
  for (const step of Object.keys(stepInputs)) {
    if (!workflow.steps.some((s) => s.id === step)) throw new DsqError('DSQ_ERR_CLI_USAGE', { detail: `--input names step "${step}", which ${workflow.name} does not have (steps: ${workflow.steps.map((s) => s.id).join(', ')})` });
  }
  const { plan, repo } = analyzePath(root);
  if (plan.services.length === 0) throw new DsqError('DSQ_ERR_DETECT_NO_SERVICES', { path: options.path });

  const result = await executeWorkflow(
    {
      root,
      repo,
      plan,
      workflow,
      db: options.db,
      persist: options.dbPersist !== false,
      stepInputs,
      ...(options.timeout ? { timeout: options.timeout } : {}),
      ...(concurrency ? { concurrency } : {}),
      fresh: Boolean(options.fresh),
      policy,
      writeRoot,
      force: Boolean(options.force),
      progress: !options.json || io.interactive,
      runOptions: { source, write: writeRoot, input: options.input ?? [], fresh: Boolean(options.fresh) },
    },
    io,
  );
  try {
    if (options.json) io.out(JSON.stringify(runJson(result), null, 2));
    else printSummary(io, result, writeRoot);
    return runExitCode(result, writeRoot !== null);
  } finally {
    result.stores?.db.close();
  }
}

/** The `--json` shape (docs/commands/run.md). */
export function runJson(result: ExecuteResult): Record<string, unknown> {
  const { outcome, gate } = result;
  return {
    run: { id: outcome.runId, status: outcome.status },
    steps: outcome.steps.map((s) => ({ id: s.id, agent: s.agent, task: s.task, status: s.status, attempts: s.attempts, durationMs: s.durationMs, error: s.error ?? null, files: s.result?.files.length ?? 0, findings: s.result?.findings.length ?? 0 })),
    files: result.files,
    findings: result.findings,
    gate: { score: gate.score, passed: gate.passed, blockers: gate.blockers, recommendations: gate.recommendations },
  };
}

export function printSummary(io: Io, result: ExecuteResult, writeRoot: string | null): void {
  const c = io.color;
  const { outcome, gate } = result;
  const paint = outcome.status === 'succeeded' ? c.green : outcome.status === 'cancelled' ? c.yellow : c.red;
  io.out('');
  io.out(c.bold(`Run ${outcome.runId} ${paint(outcome.status)} — ${outcome.workflow}, ${outcome.steps.length} steps in ${(outcome.durationMs / 1000).toFixed(1)} s`));
  const notOk = outcome.steps.filter((s) => s.status !== 'succeeded');
  for (const s of notOk) io.out(`  ${c.red(s.status.padEnd(9))} ${s.id}${s.error ? c.dim(`  ${s.error}`) : ''}`);
  const actions = new Map<string, number>();
  for (const f of result.files) actions.set(f.action, (actions.get(f.action) ?? 0) + 1);
  io.out(`Files: ${result.files.length}${result.files.length > 0 ? ` (${[...actions].map(([a, n]) => `${n} ${writeRoot ? a : `would ${a}`}`).join(', ')})` : ''}${writeRoot ? ` in ${writeRoot}` : ' — dry run, nothing written (use --write or --out DIR)'}`);
  for (const f of result.files.filter((x) => x.action === 'conflict' || x.action === 'invalid')) io.out(`  ${c.yellow(f.action.padEnd(9))} ${f.path}${f.reason ? c.dim(`  (${f.reason})`) : ''}`);
  const fc = result.findings;
  io.out(`Findings: ${fc.critical} critical, ${fc.high} high, ${fc.medium} medium, ${fc.low} low, ${fc.info} info`);
  io.out(`Quality gate: ${gate.passed ? c.green(`passed`) : c.red('blocked')} — score ${gate.score}/100`);
  for (const b of gate.blockers) io.out(`  ${c.red('blocker')} ${b}`);
  for (const r of gate.recommendations.slice(0, 8)) io.out(`  ${c.cyan('→')} ${r}`);
  if (result.files.some((f) => f.action === 'conflict')) io.err(c.yellow('Some files were left alone because you wrote or edited them. Re-run with --force to overwrite (a backup is kept in .devsquad/backups/).'));
}
