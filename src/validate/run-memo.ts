/**
 * Results shared within one generation run. `runGenerators` validates every file, then each kind's
 * set: the Helm set re-checks each chart file and re-reads its values, and the kubernetes and kustomize
 * families write identical manifests under two paths. Inside `withRunMemo(...)` such a repeated step is
 * computed once; outside it (`devsquad validate`, tests) every call computes. The scope ends with the
 * run, so a later run never reuses an earlier one's results: each run costs what it would alone.
 */
let scope: Map<string, unknown> | null = null;

export function withRunMemo<T>(run: () => T): T {
  const outer = scope;
  scope = new Map();
  try {
    return run();
  } finally {
    scope = outer;
  }
}

/**
 * The value computed for `key` in this run's table `table`, computing it on first use. Values are shared
 * between callers: return only what callers do not change, or copy it in the caller.
 */
export function memoized<T>(table: string, key: string, compute: () => T): T {
  if (!scope) return compute();
  const full = `${table}\0${key}`;
  if (scope.has(full)) return scope.get(full) as T;
  const value = compute();
  scope.set(full, value);
  return value;
}
