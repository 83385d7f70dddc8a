/**
 * Waiting for worker threads without blocking this one. A job posted to a worker (offload.ts,
 * terraform-hcl.ts) carries a one-slot SharedArrayBuffer the worker sets to 1 when it has answered;
 * the synchronous callers block on it with Atomics.wait, and async callers await `signalled`.
 */
type WaitAsync = (array: Int32Array, index: number, value: number, timeout: number) => { async: false; value: string } | { async: true; value: Promise<string> };
/** Atomics.waitAsync (V8 has it since Node 16; the ES2022 lib does not declare it). */
const waitAsync = (Atomics as unknown as { waitAsync: WaitAsync }).waitAsync;

/** Resolves once every signal is set (or after `timeoutMs`), letting the event loop run meanwhile. */
export async function signalled(signals: Iterable<Int32Array>, timeoutMs: number): Promise<void> {
  const waits: Array<Promise<string>> = [];
  for (const signal of signals) {
    const wait = waitAsync(signal, 0, 0, timeoutMs);
    if (wait.async) waits.push(wait.value);
  }
  await Promise.all(waits);
}
