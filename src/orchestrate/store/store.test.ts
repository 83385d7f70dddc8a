import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { isDsqError } from '../../core/errors.js';
import { openDatabase } from './database.js';
import { MemoryStore, ftsQuery } from './memory-store.js';
import { RunStore } from './run-store.js';
import { REPO_ROOT } from '../../../test/helpers.js';

const DIST = path.join(REPO_ROOT, 'dist/orchestrate/store');
const dirs: string[] = [];
function tempDb(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dsq-store-'));
  dirs.push(dir);
  return path.join(dir, 'nested', 'devsquad.db');
}
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describe('database', () => {
  it('creates the file, uses WAL and records each migration once', () => {
    const file = tempDb();
    const db = openDatabase(file);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.prepare('SELECT version FROM schema_migrations ORDER BY version').all()).toEqual([{ version: 1 }, { version: 2 }]);
    db.close();
    const again = openDatabase(file);
    expect((again.prepare('SELECT COUNT(*) AS n FROM schema_migrations').get() as { n: number }).n).toBe(2);
    again.close();
  });

  it('refuses a database from a newer devsquad, and a file that is not SQLite, with catalogue errors', () => {
    const file = tempDb();
    openDatabase(file).close();
    const raw = new Database(file);
    raw.prepare("INSERT INTO schema_migrations VALUES (99, 'future', 'x')").run();
    raw.close();
    expect(() => openDatabase(file)).toThrow(expect.objectContaining({ code: 'DSQ_ERR_STORE_TOO_NEW' }));
    const junk = tempDb();
    fs.mkdirSync(path.dirname(junk), { recursive: true });
    fs.writeFileSync(junk, 'not a database, just text '.repeat(100));
    try {
      openDatabase(junk);
      expect.unreachable();
    } catch (error) {
      expect(isDsqError(error) && error.code).toBe('DSQ_ERR_STORE_OPEN');
    }
    expect(fs.readFileSync(junk, 'utf8')).toContain('not a database'); // the user's file is left as it was
  });
});

describe('run store', () => {
  it('keeps runs, steps, artifacts, findings and gate results', () => {
    const store = new RunStore(openDatabase(':memory:'));
    const run = store.createRun({ workflow: 'production-ready', repo: '/repo' });
    expect(run.status).toBe('queued');
    store.setRunStatus(run.id, 'running');
    store.upsertStep(run.id, { stepId: 'dockerfile', agent: 'infrastructure', task: 'dockerfile' });
    store.setStepStatus(run.id, 'dockerfile', 'running', { attempt: 1 });
    store.setStepStatus(run.id, 'dockerfile', 'succeeded', { output: 'ok' });
    store.recordArtifacts(run.id, [{ stepId: 'dockerfile', path: 'Dockerfile', kind: 'dockerfile', generator: 'dockerfile', sha256: 'ab', action: 'create', valid: true }]);
    store.recordFindings(run.id, [{ stepId: 'audit', ruleId: 'DSQ-JS-0001', severity: 'high', title: 'SQL injection', file: 'a.js', line: 3, message: 'm', fingerprint: 'f' }]);
    store.recordGate(run.id, { score: 80, passed: false, blockers: ['1 high finding'], recommendations: [], checks: [] });
    store.setRunStatus(run.id, 'failed', 'gate blocked');
    const done = store.getRun(run.id);
    expect(done).toMatchObject({ status: 'failed', error: 'gate blocked' });
    expect(done.finishedAt).not.toBeNull();
    expect(store.steps(run.id)).toEqual([expect.objectContaining({ stepId: 'dockerfile', status: 'succeeded', attempt: 1, output: 'ok' })]);
    expect(store.artifacts(run.id)).toHaveLength(1);
    expect(store.findings(run.id)[0]).toMatchObject({ ruleId: 'DSQ-JS-0001', line: 3 });
    expect(store.gate(run.id)).toMatchObject({ score: 80, passed: false, blockers: ['1 high finding'] });
    expect(() => store.getRun('nope')).toThrow(expect.objectContaining({ code: 'DSQ_ERR_RUN_NOT_FOUND' }));
  });

  it('gives events increasing ids a client can resume from', () => {
    const store = new RunStore(openDatabase(':memory:'));
    const a = store.createRun({ workflow: 'w', repo: '/r' });
    const b = store.createRun({ workflow: 'w', repo: '/r' });
    const ids = store.appendEvents([
      { runId: a.id, stepId: 's', type: 'step.progress', data: { pct: 10 } },
      { runId: b.id, stepId: null, type: 'run.running' },
      { runId: a.id, stepId: 's', type: 'step.progress', data: { pct: 90 } },
    ]);
    expect(ids).toEqual([...ids].sort((x, y) => x - y));
    const all = store.eventsAfter(a.id);
    expect(all.map((e) => e.type)).toEqual(['run.queued', 'step.progress', 'step.progress']);
    const resumed = store.eventsAfter(a.id, all[1]!.id);
    expect(resumed).toEqual([expect.objectContaining({ id: ids[2], data: { pct: 90 } })]);
  });

  // The child process runs the built code (npm test builds first; Node 20 cannot import .ts).
  it.skipIf(!fs.existsSync(path.join(DIST, 'run-store.js')))('marks a run whose process died as failed on the next start, keeping its events', async () => {
    const file = tempDb();
    openDatabase(file).close();
    // A real second process creates a running run and is killed mid-run.
    const script = `
      const { openDatabase } = await import(${JSON.stringify(path.join(DIST, 'database.js'))});
      const { RunStore } = await import(${JSON.stringify(path.join(DIST, 'run-store.js'))});
      const store = new RunStore(openDatabase(${JSON.stringify(file)}));
      const run = store.createRun({ workflow: 'w', repo: '/r', id: 'rcrash' });
      store.setRunStatus(run.id, 'running');
      store.upsertStep(run.id, { stepId: 'slow', agent: 'a', task: 't' });
      store.setStepStatus(run.id, 'slow', 'running');
      console.log('ready');
      setInterval(() => {}, 1000);
    `;
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (d: Buffer) => d.toString().includes('ready') && resolve());
      child.on('exit', (code) => reject(new Error(`child exited ${code}`)));
    });
    child.kill('SIGKILL');
    await new Promise((resolve) => child.on('close', resolve));
    const store = new RunStore(openDatabase(file));
    expect(store.getRun('rcrash').status).toBe('running');
    expect(store.recoverInterrupted()).toEqual(['rcrash']);
    const run = store.getRun('rcrash');
    expect(run.status).toBe('failed');
    expect(run.error).toMatch(/interrupted: process \d+ ended/);
    expect(store.steps('rcrash')[0]).toMatchObject({ status: 'failed' });
    expect(store.eventsAfter('rcrash').map((e) => e.type)).toEqual(['run.queued', 'run.running', 'step.running', 'run.interrupted', 'run.failed']);
    expect(store.recoverInterrupted()).toEqual([]);
  });
});

describe('memory', () => {
  it('ranks by BM25 and filters by type, agent and run', () => {
    const memory = new MemoryStore(openDatabase(':memory:'));
    memory.store({ text: 'base image node:20.18-alpine because .nvmrc says 20.18', type: 'decision', agent: 'infrastructure', runId: 'r1', repo: '/r', key: 'dockerfile.base-image:api' });
    memory.store({ text: 'helm chart written for api; image tag from CI', type: 'edit', agent: 'infrastructure', runId: 'r1' });
    memory.store({ text: 'SLO 99.9% availability for api, latency under 300ms', type: 'decision', agent: 'monitoring', runId: 'r2' });
    memory.store({ text: 'the image registry is ghcr.io for every image we push', type: 'note', agent: 'user' });
    const hits = memory.search('alpine base image');
    expect(hits).toHaveLength(3);
    expect(hits[0]!.text).toContain('.nvmrc'); // all three terms beat one term said twice
    expect(hits.map((h) => h.score)).toEqual([...hits.map((h) => h.score)].sort((a, b) => a - b));
    expect(memory.search('api', { agent: 'monitoring' }).map((h) => h.agent)).toEqual(['monitoring']);
    expect(memory.search('api', { type: 'edit' })).toHaveLength(1);
    expect(memory.search('api', { runId: 'r2' })).toHaveLength(1);
    expect(memory.search('"); DROP TABLE memory; --')).toEqual([]);
    expect(memory.latestDecision('/r', 'dockerfile.base-image:api')?.text).toContain('20.18');
  });

  it('quotes every term so user input is never FTS syntax', () => {
    expect(ftsQuery('node:20 AND "x" NEAR(y)')).toBe('"node:20" OR "AND" OR "x" OR "NEAR" OR "y"');
    expect(ftsQuery('  ***  ')).toBeNull();
  });
});
