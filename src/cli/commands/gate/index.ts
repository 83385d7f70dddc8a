/**
 * `devsquad gate [path | --run ID] [--policy FILE] [--json]`: the quality gate on its own. With --run
 * it re-scores a stored run (its artifacts, findings and steps) under the given policy; with a path it
 * runs the production-ready workflow's steps in memory (nothing written) and scores them. Exit 1 when
 * the gate blocks, for CI.
 */
import fs from 'node:fs';
import path from 'node:path';
import { catalogue } from '../../../agents/catalogue.js';
import type { AgentResult, ResultFile } from '../../../agents/types.js';
import { DsqError } from '../../../core/errors.js';
import type { Finding } from '../../../core/finding.js';
import { evaluateGate, existingFiles } from '../../../orchestrate/gate/evaluate.js';
import { readPolicyFile, type GatePolicy } from '../../../orchestrate/gate/policy.js';
import type { GateCheck, GateInput, GateOutcome } from '../../../orchestrate/gate/types.js';
import { sha256 } from '../../../orchestrate/engine.js';
import { loadWorkflow } from '../../../orchestrate/workflows/load.js';
import { GATE_AGENT } from '../../../orchestrate/workflows/schema.js';
import type { Io } from '../../io.js';
import { analyzePath } from '../../plan-source.js';
import { executeWorkflow } from '../run/execute.js';
import { openStores } from '../run/shared.js';

export interface GateCommandOptions {
  path: string;
  run?: string;
  policy?: string;
  json?: boolean;
  db?: string;
}

export async function gate(options: GateCommandOptions, io: Io): Promise<number> {
  const policy = options.policy ? readPolicyFile(options.policy) : null;
  const outcome = options.run ? fromRun(options.run, options, policy) : await fromPath(options, policy, io);
  print(outcome, options, io);
  return outcome.passed ? 0 : new DsqError('DSQ_ERR_GATE_BLOCKED', { blockers: '' }).exitCode;
}

async function fromPath(options: GateCommandOptions, policy: GatePolicy | null, io: Io): Promise<GateOutcome> {
  const root = path.resolve(options.path);
  const { workflow } = loadWorkflow(root, 'production-ready', catalogue);
  const { plan, repo } = analyzePath(root);
  if (plan.services.length === 0) throw new DsqError('DSQ_ERR_DETECT_NO_SERVICES', { path: options.path });
  // The gate runs every step whatever the outcome, so score them all rather than stop at the gate step.
  const steps = workflow.steps.filter((s) => s.agent !== GATE_AGENT).map((s) => ({ ...s, needs: s.needs.filter((n) => workflow.steps.find((x) => x.id === n)?.agent !== GATE_AGENT) }));
  const result = await executeWorkflow(
    { root, repo, plan, workflow: { ...workflow, steps }, db: options.db, persist: Boolean(options.db), policy, writeRoot: null, force: false, progress: !options.json && io.interactive },
    io,
  );
  result.stores?.db.close();
  return result.gate;
}

/** Files recorded for a run, with their content when it is still on disk unchanged. */
function fromRun(id: string, options: GateCommandOptions, policy: GatePolicy | null): GateOutcome {
  const { db, store } = openStores(process.cwd(), options.db);
  try {
    const run = store.getRun(id);
    const stored = store.gate(id);
    const steps = store.steps(id).filter((s) => s.agent !== GATE_AGENT);
    const artifacts = store.artifacts(id);
    const findings = store.findings(id);
    const unreadableKinds = new Set<string>();
    const results = steps.map((step) => {
      const files: ResultFile[] = artifacts
        .filter((a) => a.stepId === step.stepId)
        .map((a) => {
          const content = readIfSame(path.join(run.repo, a.path), a.sha256);
          if (content === null) unreadableKinds.add(a.kind);
          return {
            path: a.path,
            kind: a.kind as ResultFile['kind'],
            generator: a.generator,
            content: content ?? '',
            diagnostics: a.valid ? [] : [{ ruleId: 'DSQ-GATE-STORED', severity: 'high' as const, message: 'failed validation when it was generated', file: a.path, recommendation: 'Re-run the step and fix what its validator reports.' }],
          };
        });
      const stepFindings: Finding[] = findings
        .filter((f) => f.stepId === step.stepId)
        .map((f) => ({ ruleId: f.ruleId, title: f.title, severity: f.severity, category: 'code', location: { file: f.file ?? '', line: f.line ?? 0 }, message: f.message, recommendation: f.message, fingerprint: f.fingerprint }));
      const result: AgentResult = { status: step.status === 'succeeded' ? 'success' : 'error', output: step.output ?? '', files, findings: stepFindings, severity: 'none', metadata: { agent: step.agent as AgentResult['metadata']['agent'], task: step.task, stack: [], startedAt: step.startedAt ?? '', durationMs: 0 } };
      return { stepId: step.stepId, result, status: step.status, ...(step.error ? { error: step.error } : {}) };
    });
    const unreadable = new Set<string>();
    const kindChecks: Record<string, string[]> = { dockerfile: ['non-root-user', 'healthcheck'], kubernetes: ['k8s-probes', 'k8s-resource-limits'], 'github-actions': ['pinned-actions'], 'prometheus-rules': ['slo-rules'] };
    for (const kind of unreadableKinds) for (const check of kindChecks[kind] ?? []) unreadable.add(check);
    const plan = fs.existsSync(run.repo) ? analyzePath(run.repo).plan : null;
    if (!plan) throw new DsqError('DSQ_ERR_REPO_NOT_FOUND', { path: run.repo });
    const input: GateInput = { plan, results, inputs: {} };
    return evaluateGate(input, policy ?? undefined, { existing: existingFiles(input, analyzePath(run.repo).repo), storedChecks: (stored?.checks ?? []) as GateCheck[], unreadable });
  } finally {
    db.close();
  }
}

function readIfSame(file: string, hash: string): string | null {
  try {
    const text = fs.readFileSync(file, 'utf8');
    return sha256(text) === hash ? text : null;
  } catch {
    return null;
  }
}

function print(outcome: GateOutcome, options: GateCommandOptions, io: Io): void {
  if (options.json) {
    io.out(JSON.stringify(outcome, null, 2));
    return;
  }
  const c = io.color;
  io.out(c.bold(`Quality gate: ${outcome.passed ? c.green('passed') : c.red('blocked')} — score ${outcome.score}/100`));
  for (const check of outcome.checks) io.out(`  ${check.passed ? c.green('✓') : c.red('✗')} ${check.title.padEnd(48)} ${check.penalty > 0 ? c.red(`-${check.penalty}`.padStart(5)) : '     '}  ${c.dim(check.detail)}`);
  for (const b of outcome.blockers) io.out(`  ${c.red('blocker')} ${b}`);
  for (const r of outcome.recommendations) io.out(`  ${c.cyan('→')} ${r}`);
}
