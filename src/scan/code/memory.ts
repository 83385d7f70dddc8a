/**
 * ast-grep's trees and match results are native memory freed by N-API finalizers, which run only
 * when V8 collects their small JS wrappers (a full collection: scavenges keep them) AND the event loop
 * turns. V8 sees no pressure from the native side, so a long scan grows by ~0.3 MB per parsed file
 * unless we collect and yield now and then. `gc` is exposed at run time when node was not started
 * with it (this works on worker threads too: each isolate gets its own).
 */
import v8 from 'node:v8';
import vm from 'node:vm';

let collect: (() => void) | null | undefined;
function gcFunction(): (() => void) | null {
  if (collect !== undefined) return collect;
  collect = (globalThis as { gc?: () => void }).gc ?? null;
  if (!collect) {
    try {
      v8.setFlagsFromString('--expose-gc');
      collect = vm.runInNewContext('gc') as () => void;
    } catch {
      collect = null;
    }
  }
  return collect;
}

/**
 * Source text parsed between two collections, per thread. Trees take ~80 bytes of native memory per
 * byte of source, so 512 KB leaves ~40 MB of dead trees. A full collection costs 20-50 ms (it walks the
 * whole heap, results included), so collecting on every batch once RSS had grown, as this did before,
 * spent 17% of a 500k-line scan in the collector; this costs ~2% for ~30 MB more peak RSS. From three
 * threads on, the budget is shared (1 MB over all threads), so peak RSS stays under 500 MB at 500k lines.
 */
const PARSED_BUDGET = 512 * 1024;
const PARSED_BUDGET_ALL_THREADS = 1024 * 1024;
/** Growth of the process (all threads) that also triggers a collection, whatever was parsed. */
const RSS_SLACK = 64 * 1024 * 1024;

/** Call `check(chars)` after each batch of files, then let the event loop turn and call `settle()`. */
export class NativeMemory {
  private mark = process.memoryUsage.rss();
  private parsed = 0;
  private collected = false;
  private readonly budget: number;

  /** `threads`: how many threads of this process are scanning (each has its own NativeMemory). */
  constructor(threads = 1) {
    this.budget = Math.min(PARSED_BUDGET, PARSED_BUDGET_ALL_THREADS / Math.max(1, threads));
  }

  /** `chars`: source text parsed since the last call. */
  check(chars: number): void {
    this.parsed += chars;
    if (this.parsed < this.budget && process.memoryUsage.rss() <= this.mark + RSS_SLACK) return;
    this.parsed = 0;
    const gc = gcFunction();
    if (!gc) return;
    gc();
    this.collected = true;
  }

  /**
   * After the event loop turned (the finalizers ran): after a collection the mark is what is left.
   * RSS is the whole process's, so memory that is legitimately held (the results so far, another
   * thread's trees) must not trigger a collection on every batch.
   */
  settle(): void {
    const rss = process.memoryUsage.rss();
    this.mark = this.collected ? rss : Math.min(this.mark, rss);
    this.collected = false;
  }
}
