/**
 * Worker threads for large scans. Parsing and matching are CPU-bound and files are independent, so on
 * a machine with more than one core the files are cut into batches that the main thread and the
 * workers take from one queue. The main thread reads every file through RepoFs and sends the text;
 * workers never touch the repository. Outcomes are stored by file index and merged in file order, so
 * the findings do not depend on which thread analysed which file. A worker lives for the whole scan
 * (worker.ts keeps its native memory flat) and starts from the main thread's loaded rules. Small
 * repositories (fewer than MIN_FILES files) never start a worker: the start-up (~0.1 s from the
 * worker bundle, then cold code on the first files) would cost more than it saves.
 */
import fs from 'node:fs';
import os from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { log } from '../../core/logger.js';
import { packagePath } from '../../core/package-root.js';
import type { RuleLanguage } from './languages.js';
import type { LoadedRule } from './rules.js';
import type { WireOutcome } from './run-file.js';
import type { FlatArrays } from './flat/tree.js';

export interface Batch {
  id: number;
  /** `parsed`: the flat tree the main thread made of the text (see Pool `parseAhead`). */
  items: Array<{ file: string; text: string | null; parsed?: FlatArrays }>;
}

export interface BatchResult {
  id: number;
  outcomes: WireOutcome[];
}

/** A worker's workerData: the rules of the families this scan needs, as the main thread loaded them. */
export interface WorkerSetup {
  rules: Array<[RuleLanguage, LoadedRule[]]>;
  /** Threads scanning, the main one included (see NativeMemory). */
  threads: number;
  /** Whether the main thread parses JavaScript into flat trees (flat/grammar.ts): the workers then do too. */
  flat: boolean;
}

/**
 * The worker starts from tsc's dist/scan/code/worker-entry.js (which loads the worker bundle when
 * there is one), also when this code runs from the CLI bundle (dist/devsquad.cjs). From the TypeScript
 * sources (tests) there is none: no workers.
 */
const WORKER_URL: URL | null = import.meta.url.endsWith('.ts') ? null : pathToFileURL(packagePath('dist', 'scan', 'code', 'worker-entry.js'));
const MIN_FILES = 150;
const MAX_WORKERS = 3;
/** Batches a worker holds at once: one running, one waiting, so it never idles while the main thread is busy. */
const IN_FLIGHT = 2;
/**
 * Workers to start for a scan of `files` files. DEVSQUAD_SCAN_THREADS=N sets the total number of
 * threads (1 = no worker), for measurements and tests.
 */
export function workerCount(files: number): number {
  const env = process.env['DEVSQUAD_SCAN_THREADS'];
  const cores = os.availableParallelism();
  // Not gated on the load average: it lags by a minute (a scan right after a build saw "no spare core"
  // and ran on one thread), and on a busy machine an extra thread is merely shared, never wrong.
  const wanted = env !== undefined && /^\d+$/.test(env) ? Number(env) - 1 : files >= MIN_FILES ? Math.min(cores - 1, MAX_WORKERS) : 0;
  if (wanted <= 0) return 0;
  // Run from the TypeScript sources (tests) or from a single-file bundle: no worker module beside this one.
  return WORKER_URL !== null && fs.existsSync(fileURLToPath(WORKER_URL)) ? wanted : 0;
}

interface Slot {
  worker: Worker;
  inFlight: Map<number, number[]>;
  alive: boolean;
}

/**
 * With one worker and flat trees the two threads split the work instead of the files: the main thread
 * parses the JavaScript files (the flat tree's arrays move to the worker without a copy) and the worker
 * analyses them. Each thread then warms up (V8 optimising its code) mostly its half, and the main
 * thread parses while the worker starts. Up to this many parsed batches wait for the worker; when they
 * all do, the main thread scans a batch itself (scan.ts). Measured on two cores, 100k lines: 2.0 s
 * instead of 2.4 s; leaving every fourth batch for the worker to parse was slower, and 2 to 32 batches
 * waiting made no difference beyond noise.
 */
const IN_FLIGHT_PARSED = 8;

/**
 * The shared queue: `take()` hands out the next batch of file indices (batches a dead worker left behind
 * first). Workers are fed from their message handlers, which run whenever the main thread yields.
 */
export class Pool {
  private readonly slots: Slot[] = [];
  private readonly retry: number[][] = [];
  private wake: (() => void) | null = null;
  private nextId = 0;

  constructor(
    count: number,
    private readonly setup: WorkerSetup,
    private readonly queue: () => number[] | null,
    private readonly read: (index: number) => { file: string; text: string | null },
    private readonly done: (index: number, outcome: WireOutcome) => void,
    /** Parses a file for the worker (flat trees with one worker, see IN_FLIGHT_PARSED); null: workers parse. */
    private readonly parseAhead: ((file: string, text: string | null) => FlatArrays | undefined) | null = null,
  ) {
    for (let i = 0; i < count; i++) this.spawn();
  }

  /** The worker has as many parsed batches waiting as it may: the main thread can scan a batch itself. */
  get saturated(): boolean {
    return this.slots.every((s) => !s.alive || s.inFlight.size >= IN_FLIGHT_PARSED);
  }

  /** The main thread only parses, for its one worker (flat trees); false once that worker stopped. */
  get pipelined(): boolean {
    return this.parseAhead !== null && this.slots.length === 1 && this.slots[0]!.alive;
  }

  private spawn(): void {
    const slot: Slot = { worker: new Worker(WORKER_URL!, { execArgv: [], workerData: this.setup }), inFlight: new Map(), alive: true };
    slot.worker.on('message', (r: BatchResult) => {
      const indices = slot.inFlight.get(r.id) ?? [];
      slot.inFlight.delete(r.id);
      r.outcomes.forEach((o, k) => this.done(indices[k]!, o));
      this.feed(slot);
      this.notify();
    });
    const lost = (why: string): void => {
      if (!slot.alive) return;
      slot.alive = false;
      log.debug(`code scan worker stopped (${why}); the main thread takes over its files`);
      this.retry.push(...slot.inFlight.values());
      slot.inFlight.clear();
      this.notify();
    };
    slot.worker.on('error', (e) => lost(String(e)));
    slot.worker.on('exit', (code) => lost(`exit ${code}`));
    this.slots.push(slot);
    this.feed(slot);
  }

  /** The next batch for the main thread. */
  take(): number[] | null {
    return this.retry.shift() ?? this.queue();
  }

  /** Batches still running in a worker. */
  get pending(): number {
    return this.slots.reduce((n, s) => n + (s.alive ? s.inFlight.size : 0), 0);
  }

  /** Resolves when a worker answered or stopped. */
  next(): Promise<void> {
    return new Promise((resolve) => (this.wake = resolve));
  }

  async close(): Promise<void> {
    for (const slot of this.slots) slot.alive = false;
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }

  private feed(slot: Slot): void {
    const pipelined = this.pipelined;
    while (slot.alive && slot.inFlight.size < (pipelined ? IN_FLIGHT_PARSED : IN_FLIGHT)) {
      const batch = this.queue();
      if (!batch) return;
      const id = this.nextId++;
      slot.inFlight.set(id, batch);
      const items: Batch['items'] = batch.map((i) => this.read(i));
      const moved: ArrayBuffer[] = [];
      for (const item of pipelined ? items : []) {
        const parsed = this.parseAhead!(item.file, item.text);
        if (parsed) {
          item.parsed = parsed;
          moved.push(parsed.arrays);
        }
      }
      slot.worker.postMessage({ id, items } satisfies Batch, moved);
    }
  }

  private notify(): void {
    const wake = this.wake;
    this.wake = null;
    wake?.();
  }
}
