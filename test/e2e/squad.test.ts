/**
 * End to end for the squad: `devsquad run`, `runs`, `gate`, `memory` through the built CLI, as a user
 * (or CI) runs them, against an example copied to a temp dir with the database in that temp dir.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/orchestrate/store/database.js';
import { RunStore } from '../../src/orchestrate/store/run-store.js';
import { REPO_ROOT } from '../helpers.js';

const BIN = path.join(REPO_ROOT, 'bin/devsquad.js');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'devsquad-squad-'));
const DB = path.join(tmp, 'runs.db');
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

function devsquad(args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd: tmp, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '', DEVSQUAD_DB: DB, ...env }, timeout: 60_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function copyExample(name: string, as: string): string {
  const dir = path.join(tmp, as);
  fs.cpSync(path.join(REPO_ROOT, 'examples', name), dir, { recursive: true });
  return dir;
}

/** Starts a run in the background and resolves once its slow step is running. */
async function startSlowRun(repo: string): Promise<{ child: ReturnType<typeof spawn>; runId: string; exit: Promise<number | null> }> {
  const child = spawn(process.execPath, [BIN, 'run', 'containerize', repo, '--db', DB], { cwd: tmp, env: { ...process.env, NO_COLOR: '1', DEVSQUAD_TEST_SLOW_TASK: 'infrastructure.dockerfile:30000' }, stdio: 'ignore' });
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const store = new RunStore(openDatabase(DB));
  try {
    for (let i = 0; i < 200; i++) {
      const run = store.listRuns(50).find((r) => r.repo === repo && r.ownerPid === child.pid);
      if (run && store.steps(run.id).some((s) => s.stepId === 'dockerfile' && s.status === 'running') && store.eventsAfter(run.id).some((e) => e.type === 'step.progress')) return { child, runId: run.id, exit };
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  } finally {
    store.db.close();
  }
  child.kill('SIGKILL');
  throw new Error('the slow run never started');
}

describe('devsquad run / runs / gate / memory', () => {
  let productionRunId = '';

  it('runs production-ready with --json: run, steps, validated files, findings and the gate', () => {
    const repo = copyExample('node-express', 'express');
    const r = devsquad(['run', 'production-ready', repo, '--json', '--db', DB]);
    const json = JSON.parse(r.stdout) as { run: { id: string; status: string }; steps: Array<{ id: string; status: string }>; files: Array<{ path: string; valid: boolean; action: string }>; findings: Record<string, number>; gate: Record<string, unknown> };
    expect(Object.keys(json)).toEqual(['run', 'steps', 'files', 'findings', 'gate']);
    expect(json.run.id).toMatch(/^r[0-9a-z]+$/);
    expect(json.steps.map((s) => s.id)).toEqual(expect.arrayContaining(['dockerfile', 'kubernetes', 'audit', 'slo', 'quality-gate']));
    expect(Object.keys(json.findings)).toEqual(['critical', 'high', 'medium', 'low', 'info']);
    expect(Object.keys(json.gate)).toEqual(['score', 'passed', 'blockers', 'recommendations']);
    expect(json.files.length).toBeGreaterThan(20);
    expect(json.files.every((f) => f.valid && f.action === 'create')).toBe(true);
    expect(json.files.map((f) => f.path)).toContain('Dockerfile');
    expect(fs.existsSync(path.join(repo, 'Dockerfile'))).toBe(false); // dry run
    expect(r.code).toBe(json.run.status === 'succeeded' && json.gate.passed ? 0 : 1);
    productionRunId = json.run.id;
    const shown = JSON.parse(devsquad(['runs', 'show', json.run.id, '--json']).stdout) as { run: { status: string }; steps: unknown[]; gate: { score: number } };
    expect(shown.run.status).toBe(json.run.status);
    expect(shown.steps).toHaveLength(json.steps.length);
    expect(shown.gate.score).toBe(json.gate.score);
  });

  it('writes with --write, and a second run reports every file unchanged', () => {
    const repo = copyExample('python-fastapi-uv', 'fastapi');
    const first = devsquad(['run', 'containerize', repo, '--write', '--json']);
    const written = JSON.parse(first.stdout) as { files: Array<{ path: string; action: string }> };
    expect(written.files.map((f) => f.action)).toEqual(written.files.map(() => 'create'));
    expect(fs.readFileSync(path.join(repo, 'Dockerfile'), 'utf8')).toContain('USER');
    const second = JSON.parse(devsquad(['run', 'containerize', repo, '--json']).stdout) as { files: Array<{ path: string; action: string }> };
    expect(second.files.map((f) => [f.path, f.action])).toEqual(written.files.map((f) => [f.path, 'unchanged']));
    fs.appendFileSync(path.join(repo, 'compose.yaml'), '# my edit\n');
    const third = devsquad(['run', 'containerize', repo, '--write', '--json']);
    expect(third.code).toBe(5);
    expect((JSON.parse(third.stdout) as { files: Array<{ path: string; action: string }> }).files.find((f) => f.path === 'compose.yaml')?.action).toBe('conflict');
    expect(fs.readFileSync(path.join(repo, 'compose.yaml'), 'utf8')).toContain('# my edit');
  });

  it('lists every mistake in a user workflow with DSQ_ERR_WORKFLOW_INVALID', () => {
    const repo = copyExample('node-express', 'badflow');
    fs.mkdirSync(path.join(repo, '.devsquad/workflows'), { recursive: true });
    fs.writeFileSync(path.join(repo, '.devsquad/workflows/ship.yaml'), [
      'name: ship',
      'steps:',
      '  - { id: build, agent: infrastructure, task: dockerfle }',
      '  - { id: a, agent: infrastructure, task: docker_compose, needs: [b] }',
      '  - { id: b, agent: infrastructure, task: helm, needs: [a, nowhere] }',
      '  - { id: c, agent: infrastructure, task: dockerfile, inputs: { colour: red } }',
      '',
    ].join('\n'));
    const r = devsquad(['run', 'ship', repo]);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('DSQ_ERR_WORKFLOW_INVALID');
    for (const part of ['steps[0].task: unknown task "infrastructure.dockerfle"', 'steps[2].needs[1]: needs unknown step "nowhere"', 'colour: unknown input', 'cycle: a → b → a']) expect(r.stderr).toContain(part);
  });

  it('marks a run killed mid-step as failed (interrupted) and keeps its events', async () => {
    const repo = copyExample('go-gin', 'killed');
    const { child, runId, exit } = await startSlowRun(repo);
    child.kill('SIGKILL');
    await exit;
    const shown = JSON.parse(devsquad(['runs', 'show', runId, '--json']).stdout) as { run: { status: string; error: string }; steps: Array<{ stepId: string; status: string }> };
    expect(shown.run.status).toBe('failed');
    expect(shown.run.error).toMatch(/^interrupted: process \d+ ended/);
    expect(shown.steps.find((s) => s.stepId === 'dockerfile')?.status).toBe('failed');
    const events = devsquad(['runs', 'events', runId, '--json']).stdout.trim().split('\n').map((l) => JSON.parse(l) as { id: number; type: string });
    expect(events.map((e) => e.type)).toEqual(expect.arrayContaining(['run.queued', 'run.running', 'step.running', 'step.progress', 'run.interrupted', 'run.failed']));
    expect(events.map((e) => e.id)).toEqual([...events.map((e) => e.id)].sort((a, b) => a - b));
    const after = devsquad(['runs', 'events', runId, '--after', String(events.at(-2)!.id), '--json']).stdout.trim().split('\n');
    expect(after).toHaveLength(1);
    // A gate policy that blocks on failed steps blocks this run, for CI.
    fs.writeFileSync(path.join(tmp, 'strict.yaml'), 'block:\n  failedSteps: true\n');
    const gate = devsquad(['gate', '--run', runId, '--policy', path.join(tmp, 'strict.yaml'), '--json']);
    expect(gate.code).toBe(1);
    expect((JSON.parse(gate.stdout) as { blockers: string[] }).blockers).toEqual(expect.arrayContaining([expect.stringContaining('did not succeed (dockerfile')]));
  });

  it('cancels cleanly on Ctrl-C: exit 130 and the run recorded as cancelled', async () => {
    const repo = copyExample('go-gin', 'interrupted');
    const { child, runId, exit } = await startSlowRun(repo);
    child.kill('SIGINT');
    expect(await exit).toBe(130);
    const shown = JSON.parse(devsquad(['runs', 'show', runId, '--json']).stdout) as { run: { status: string }; steps: Array<{ stepId: string; status: string }> };
    expect(shown.run.status).toBe('cancelled');
    expect(shown.steps.find((s) => s.stepId === 'dockerfile')?.status).toBe('cancelled');
  });

  it('cancels a running run from another terminal with runs cancel', async () => {
    const repo = copyExample('go-gin', 'remote-cancel');
    const { runId, exit } = await startSlowRun(repo);
    const r = devsquad(['runs', 'cancel', runId]);
    expect(r.code).toBe(0);
    expect(await exit).toBe(130);
    expect(r.stdout).toContain(`run ${runId} cancelled`);
    expect(devsquad(['runs', 'cancel', runId]).stderr).toContain('DSQ_ERR_RUN_NOT_ACTIVE');
  });

  it('re-scores a stored run with gate --run and rejects a bad policy', () => {
    expect(productionRunId).not.toBe('');
    const gate = devsquad(['gate', '--run', productionRunId, '--json']);
    const outcome = JSON.parse(gate.stdout) as { score: number; passed: boolean; checks: Array<{ id: string }> };
    expect(gate.code).toBe(outcome.passed ? 0 : 1);
    expect(outcome.checks.map((c) => c.id)).toEqual(expect.arrayContaining(['findings-critical', 'invalid-artifacts', 'non-root-user', 'pinned-actions', 'slo-rules']));
    fs.writeFileSync(path.join(tmp, 'bad.yaml'), 'threshold: lots\nblock: { severities: [urgent] }\n');
    const bad = devsquad(['gate', '--run', productionRunId, '--policy', path.join(tmp, 'bad.yaml')]);
    expect(bad.code).toBe(3);
    expect(bad.stderr).toContain('DSQ_ERR_GATE_POLICY_INVALID');
    expect(bad.stderr).toContain('threshold');
    expect(bad.stderr).toContain('block.severities.0');
  });

  it('stores memories and finds them ranked by relevance, with filters', () => {
    // Its own database: runs above stored their decisions in the shared one.
    const db = path.join(tmp, 'memory.db');
    const store = (text: string, type: string, agent: string) => expect(devsquad(['memory', 'store', text, '--type', type, '--agent', agent, '--db', db]).code).toBe(0);
    store('base image node:20.18-alpine because .nvmrc says 20.18', 'decision', 'infrastructure');
    store('alerts go to the on-call pager', 'note', 'monitoring');
    store('base image chosen for size', 'note', 'infrastructure');
    const hits = JSON.parse(devsquad(['memory', 'search', 'nvmrc base image', '--json', '--db', db]).stdout) as Array<{ text: string }>;
    expect(hits.map((h) => h.text)).toEqual(['base image node:20.18-alpine because .nvmrc says 20.18', 'base image chosen for size']);
    const filtered = JSON.parse(devsquad(['memory', 'search', 'base image', '--type', 'note', '--json', '--db', db]).stdout) as Array<{ text: string }>;
    expect(filtered.map((h) => h.text)).toEqual(['base image chosen for size']);
    expect(devsquad(['memory', 'store', 'x', '--type', 'rumour', '--agent', 'me', '--db', db]).code).toBe(2);
  });
});
