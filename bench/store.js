/**
 * `node bench/store.js`: the run store's append rate (issue 6: above 20,000 events per second) on a
 * real file database with WAL: one transaction per event, through the buffered appender the engine
 * uses for progress (one transaction per tick; the target is checked against this), and in explicit
 * batches; plus memory search latency over 10,000 entries. Numbers and ratios against the target.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { openDatabase } from '../dist/orchestrate/store/database.js';
import { MemoryStore } from '../dist/orchestrate/store/memory-store.js';
import { RunStore } from '../dist/orchestrate/store/run-store.js';

const TARGET_EVENTS_PER_SECOND = 20_000;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'devsquad-store-bench-'));
const db = openDatabase(path.join(dir, 'devsquad.db'));
const store = new RunStore(db);
const run = store.createRun({ workflow: 'bench', repo: dir });

const N = 50_000;
let t0 = performance.now();
for (let i = 0; i < N; i++) store.appendEvent(run.id, 'step', 'step.progress', { percent: i % 100, message: `step ${i}` });
const single = N / ((performance.now() - t0) / 1000);

const appender = store.bufferedAppender();
t0 = performance.now();
for (let i = 0; i < N; i++) appender.append(run.id, 'step', 'step.progress', { percent: i % 100, message: `buffered ${i}` });
appender.flush();
const buffered = N / ((performance.now() - t0) / 1000);

const batch = Array.from({ length: 500 }, (_, i) => ({ runId: run.id, stepId: 'step', type: 'step.progress', data: { percent: i % 100, message: `batched ${i}` } }));
t0 = performance.now();
for (let i = 0; i < N / batch.length; i++) store.appendEvents(batch);
const batched = N / ((performance.now() - t0) / 1000);

t0 = performance.now();
const replay = store.eventsAfter(run.id, 0, 100_000).length;
const replayMs = performance.now() - t0;

const memory = new MemoryStore(db);
const words = ['node', 'alpine', 'image', 'helm', 'chart', 'postgres', 'redis', 'slo', 'latency', 'canary', 'rollback', 'terraform', 'aws', 'secret', 'rotation'];
for (let i = 0; i < 10_000; i++) memory.store({ text: Array.from({ length: 12 }, (_, j) => words[(i * 7 + j * 3) % words.length]).join(' ') + ` #${i}`, type: 'note', agent: 'bench' });
t0 = performance.now();
for (let i = 0; i < 200; i++) memory.search('canary rollback postgres', { limit: 10 });
const searchMs = (performance.now() - t0) / 200;

db.close();
fs.rmSync(dir, { recursive: true, force: true });
const fmt = (n) => Math.round(n).toLocaleString('en-US');
console.log(`events appended one by one : ${fmt(single).padStart(10)} /s  (${(single / TARGET_EVENTS_PER_SECOND).toFixed(2)}x the ${fmt(TARGET_EVENTS_PER_SECOND)}/s target)`);
console.log(`events through the buffered appender the engine uses: ${fmt(buffered).padStart(10)} /s  (${(buffered / TARGET_EVENTS_PER_SECOND).toFixed(2)}x)`);
console.log(`events appended in batches : ${fmt(batched).padStart(10)} /s  (${(batched / TARGET_EVENTS_PER_SECOND).toFixed(2)}x)`);
console.log(`replay of ${fmt(replay)} events : ${replayMs.toFixed(0).padStart(10)} ms`);
console.log(`memory search, 10,000 entries: ${searchMs.toFixed(2).padStart(9)} ms per query (BM25, top 10)`);
process.exitCode = buffered >= TARGET_EVENTS_PER_SECOND ? 0 : 1;
