/**
 * Large CommonJS modules loaded through V8's code cache (bin/code-cache.cjs, shared with the launcher).
 * On the main thread the caches are written when the command is done (the launcher's saveAll), so
 * they hold every function the command ran; a worker thread calls `save()` itself once it has worked.
 * Without that module (a partial install), a plain require.
 */
import { createRequire } from 'node:module';
import { packagePath } from './package-root.js';

export interface CachedModule {
  exports: unknown;
  /** Writes the cache when it was missing or stale (at most once). */
  save(): void;
}

interface CodeCache {
  loadWithCodeCache(file: string, kind: string): CachedModule;
}

const require = createRequire(import.meta.url);

/** `require(file)` through the code cache; `kind` names the cache files. */
export function loadWithCodeCache(file: string, kind: string): CachedModule {
  try {
    return (require(packagePath('bin', 'code-cache.cjs')) as CodeCache).loadWithCodeCache(file, kind);
  } catch {
    // No launcher module beside the package (a partial install) or an unusable cache: a plain require.
    return { exports: require(file), save: () => undefined };
  }
}

/** `require(file)` through the code cache, written when the command is done. */
export function requireWithCodeCache(file: string, kind: string): unknown {
  return loadWithCodeCache(file, kind).exports;
}
