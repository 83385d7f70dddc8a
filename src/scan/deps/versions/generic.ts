/**
 * Approximate orderings for RubyGems, Packagist (Composer) and Maven: a version is split into
 * numeric and word tokens; numbers compare numerically, and words are ranked as qualifiers
 * (dev < alpha < beta < milestone < rc < snapshot < release < sp/patch). This matches
 * Gem::Version (a word segment makes a prerelease), Composer's stability order and Maven's
 * ComparableVersion for the versions real lockfiles hold; exotic qualifiers fall back to
 * alphabetical order, ranked below a release (documented in docs/audit/dependencies.md).
 */

const QUALIFIERS: Record<string, number> = {
  dev: -6, snapshot: -1, alpha: -5, a: -5, beta: -4, b: -4, milestone: -3, m: -3,
  rc: -2, cr: -2, pre: -2, preview: -2, ga: 0, final: 0, release: 0, stable: 0,
  sp: 1, patch: 1, pl: 1, p: 1,
};

type Token = number | string;

const cache = new Map<string, Token[]>();

function tokens(version: string): Token[] {
  const hit = cache.get(version);
  if (hit) return hit;
  const list: Token[] = [];
  for (const m of version.trim().toLowerCase().replace(/^v(?=\d)/, '').matchAll(/\d+|[a-z]+/g)) {
    list.push(/^\d/.test(m[0]) ? Number(m[0]) : m[0]);
  }
  // Trailing zeros do not make a version newer: 1.0.0 == 1.0 == 1.
  while (list.length > 1 && list[list.length - 1] === 0) list.pop();
  if (cache.size > 50_000) cache.clear();
  cache.set(version, list);
  return list;
}

function rank(word: string): number {
  return QUALIFIERS[word] ?? -2.5;
}

export function compareGeneric(a: string, b: string): number {
  const ta = tokens(a);
  const tb = tokens(b);
  const n = Math.max(ta.length, tb.length);
  for (let i = 0; i < n; i++) {
    const x = ta[i];
    const y = tb[i];
    if (x === y) continue;
    // A missing token is 0 next to a number (1.0 == 1.0.0 < 1.0.1) and a plain release next to a
    // word (1.0-rc1 < 1.0 < 1.0-sp1); a number outranks a word (1.0.1 > 1.0.rc1).
    if (x === undefined && typeof y === 'number') {
      if (y === 0) continue;
      return -1;
    }
    if (y === undefined && typeof x === 'number') {
      if (x === 0) continue;
      return 1;
    }
    const xr = x === undefined ? 0 : typeof x === 'number' ? null : rank(x);
    const yr = y === undefined ? 0 : typeof y === 'number' ? null : rank(y);
    if (xr === null && yr === null) return Math.sign((x as number) - (y as number));
    if (xr === null) return 1;
    if (yr === null) return -1;
    if (xr !== yr) return Math.sign(xr - yr);
    if (x !== undefined && y !== undefined && x !== y) return x < y ? -1 : 1;
  }
  return 0;
}
