/**
 * Large CommonJS modules loaded through V8's code cache (bin/code-cache.cjs, shared with the launcher):
 * the caches are written when the command is done (the launcher's saveAll), so they hold every function
 * the command ran. Without that module (a partial install), a plain require.
 */
import { createRequire } from 'node:module';
import { packagePath } from './package-root.js';

interface CodeCache {
  loadWithCodeCache(file: string, kind: string): { exports: unknown; save(): void };
}

const require = createRequire(import.meta.url);

/** `require(file)` through the code cache; `kind` names the cache files. */
export function requireWithCodeCache(file: string, kind: string): unknown {
  let codeCache: CodeCache;
  try {
    codeCache = require(packagePath('bin', 'code-cache.cjs')) as CodeCache;
  } catch {
    return require(file);
  }
  try {
    return codeCache.loadWithCodeCache(file, kind).exports;
  } catch {
    return require(file);
  }
}
