/**
 * A scan worker thread (see pool.ts): receives batches of files (path + text read by the main thread
 * through RepoFs) and answers with one outcome per file, computed by the same runFile as the main thread.
 *
 * Batches are queued and run one per event-loop turn (setImmediate), never inside the 'message'
 * handler. Node delivers every message already waiting on the port in one go (up to 1000) without
 * returning to the event loop, and the pool keeps a second batch waiting, so a worker that scanned in
 * its handler never let the loop turn: N-API finalizers (which free ast-grep's native trees, see
 * memory.ts) run from the loop's immediate phase, so they never ran and the thread grew by ~0.3 MB a
 * file (780 MB after 2,000 files). One batch per turn keeps it flat (~130 MB), like the main thread.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { NativeMemory } from './memory.js';
import { adoptRulesOf } from './rules.js';
import { runFile, toWire } from './run-file.js';
import { takeNativeChars } from './parse-source.js';
import { loadFlatGrammars } from './flat/grammar.js';
import type { Batch, BatchResult, WorkerSetup } from './pool.js';

const setup = workerData as WorkerSetup | undefined;
for (const [family, rules] of setup?.rules ?? []) adoptRulesOf(family, rules);
const memory = new NativeMemory(setup?.threads);
const waiting: Batch[] = [];
let scheduled = false;
/** Batches wait for the JavaScript grammars when the scan uses them (flat/grammar.ts). */
let ready = !setup?.flat;
if (!ready) {
  void loadFlatGrammars().then(() => {
    ready = true;
    schedule();
  });
}

function runNext(): void {
  scheduled = false;
  const batch = waiting.shift();
  if (!batch) return;
  const out: BatchResult = { id: batch.id, outcomes: batch.items.map((item) => toWire(runFile(item.file, item.text, item.parsed))) };
  parentPort?.postMessage(out);
  memory.check(takeNativeChars());
  schedule();
}

/** The next batch runs after the loop turned: this turn's immediates first drain the finalizer queue. */
function schedule(): void {
  if (!ready || scheduled || waiting.length === 0) return;
  scheduled = true;
  setImmediate(() => {
    memory.settle();
    runNext();
  });
}

parentPort?.on('message', (batch: Batch) => {
  waiting.push(batch);
  schedule();
});
