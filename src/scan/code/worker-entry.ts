/**
 * What a scan worker thread runs first (pool.ts). `npm run build` also bundles worker.ts and its
 * imports into one file, dist/scan-worker.cjs (scripts/bundle.mjs), loaded like the CLI through V8's
 * code cache (core/code-cache.ts): the worker then starts ~0.15 s sooner than from the ~180 ES modules
 * of tsc's output, which stay the fallback (no bundle, or a bundle older than tsc's last output).
 */
import fs from 'node:fs';
import { parentPort } from 'node:worker_threads';
import { loadWithCodeCache } from '../../core/code-cache.js';
import { packagePath } from '../../core/package-root.js';

function mtime(file: string): number {
  try {
    return fs.statSync(file).mtimeMs;
  } catch {
    return -1;
  }
}

const bundle = packagePath('dist', 'scan-worker.cjs');
// A build that ran tsc without the bundler leaves a stale bundle: the worker must run the same code as the main thread.
if (mtime(bundle) >= mtime(packagePath('dist', 'scan', 'code', 'worker.js'))) {
  const loaded = loadWithCodeCache(bundle, 'scan-worker');
  // The bundle's handler queued the first batch before this one runs: the cache is written after that
  // batch, so it holds the scanning code compiled, not just the module's top level.
  parentPort?.once('message', () => setImmediate(() => loaded.save()));
} else {
  await import('./worker.js');
}
