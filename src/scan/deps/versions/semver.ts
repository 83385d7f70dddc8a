/**
 * A tolerant semver comparator for npm, crates.io and Go. It accepts what lockfiles and OSV records
 * really contain: a `v` prefix (Go), missing minor/patch (`1.2`), Go pseudo-versions
 * (`v0.0.0-20230101120000-abcdef123456`, ordinary prereleases) and `+build` metadata (ignored).
 * Written by hand rather than with `semver` because that library rejects such inputs instead of ordering them.
 */

interface Parsed {
  core: number[];
  pre: string[];
}

const cache = new Map<string, Parsed>();

function parse(version: string): Parsed {
  const hit = cache.get(version);
  if (hit) return hit;
  let v = version.trim().replace(/^[=v]+/, '');
  const plus = v.indexOf('+');
  if (plus >= 0) v = v.slice(0, plus);
  const dash = v.indexOf('-');
  const coreText = dash >= 0 ? v.slice(0, dash) : v;
  const preText = dash >= 0 ? v.slice(dash + 1) : '';
  const core = coreText.split('.').map((p) => Number.parseInt(p, 10) || 0);
  while (core.length < 3) core.push(0);
  const parsed = { core, pre: preText === '' ? [] : preText.split('.') };
  if (cache.size > 50_000) cache.clear();
  cache.set(version, parsed);
  return parsed;
}

function compareIdent(a: string, b: string): number {
  const an = /^\d+$/.test(a);
  const bn = /^\d+$/.test(b);
  if (an && bn) return Math.sign(Number(a) - Number(b));
  if (an) return -1;
  if (bn) return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Negative, zero or positive like a sort comparator. */
export function compareSemver(a: string, b: string): number {
  const pa = parse(a);
  const pb = parse(b);
  const n = Math.max(pa.core.length, pb.core.length);
  for (let i = 0; i < n; i++) {
    const d = (pa.core[i] ?? 0) - (pb.core[i] ?? 0);
    if (d !== 0) return Math.sign(d);
  }
  // A release sorts after its prereleases.
  if (pa.pre.length === 0 || pb.pre.length === 0) return pa.pre.length === pb.pre.length ? 0 : pa.pre.length === 0 ? 1 : -1;
  const m = Math.max(pa.pre.length, pb.pre.length);
  for (let i = 0; i < m; i++) {
    const x = pa.pre[i];
    const y = pb.pre[i];
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    const d = compareIdent(x, y);
    if (d !== 0) return d;
  }
  return 0;
}

/** Whether a string looks like a concrete version (not a range, tag, URL or path). */
export function isSemverLike(version: string): boolean {
  return /^v?\d+(\.\d+){0,3}([-+][0-9A-Za-z.+-]*)?$/.test(version.trim());
}
