/**
 * A scan worker thread (see pool.ts): receives batches of files (path + text read by the main thread
 * through RepoFs) and answers with one outcome per file, computed by the same runFile as the main thread.
 */
import { parentPort } from 'node:worker_threads';
import { NativeMemory } from './memory.js';
import { runFile, toWire } from './run-file.js';
import type { Batch, BatchResult } from './pool.js';

const memory = new NativeMemory();
parentPort?.on('message', (batch: Batch) => {
  const out: BatchResult = { id: batch.id, outcomes: batch.items.map((item) => toWire(runFile(item.file, item.text))) };
  parentPort?.postMessage(out);
  // Between batches the event loop turns, so the finalizers of this batch's trees can run.
  memory.check();
  setImmediate(() => memory.settle());
});
