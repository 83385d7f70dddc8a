/**
 * ast-grep's trees and match results are native memory freed by N-API finalizers, which run only
 * when V8 collects their small JS wrappers AND the event loop turns. V8 sees no pressure from the
 * native side, so a long scan grows by ~150 KB per parsed file (850 MB for 100k lines) unless we
 * collect and yield now and then. `gc` is exposed at run time when node was not started with it.
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

/** Native memory allowed to build up between two collections. */
const NATIVE_SLACK = 48 * 1024 * 1024;

/** Call between files (then let the event loop turn): collects when the process grew by NATIVE_SLACK. */
export class NativeMemory {
  private mark = process.memoryUsage.rss();

  check(): void {
    if (process.memoryUsage.rss() > this.mark + NATIVE_SLACK) gcFunction()?.();
  }

  /** After the event loop turned (finalizers ran): the new low-water mark. */
  settle(): void {
    this.mark = Math.min(this.mark, process.memoryUsage.rss());
  }
}
