// Loads dist/devsquad.cjs through V8's code cache (code-cache.cjs): later commands start from the
// compiled code the first one stored instead of parsing and compiling the 6 MB bundle again.
import codeCache from './code-cache.cjs';

/**
 * Requires the bundle and returns its exports plus a function to call once the command has run,
 * which stores the code caches still missing: the bundle's, and those of the large modules the
 * command loaded through code-cache.cjs (the TypeScript compiler, the Kubernetes models).
 */
export function loadBundle(bundle) {
  const loaded = codeCache.loadWithCodeCache(bundle, 'bundle');
  return { exports: loaded.exports, done: codeCache.saveAll };
}
