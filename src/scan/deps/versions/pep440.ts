/**
 * PEP 440 version ordering for PyPI: epochs (`1!2.0`), release segments of any length with trailing
 * zeros ignored (`1.0 == 1.0.0`), pre-releases (a/b/rc and their spellings alpha, beta, c, pre,
 * preview), post-releases (`.post1`, `-1`, `rev`, `r`), dev releases, and local versions
 * (`+ubuntu.1`). Order within one release: dev < pre < (release) < post; `1.0.dev1` sorts before `1.0a1`.
 */

export interface Pep440 {
  epoch: number;
  release: number[];
  pre: [number, number] | null;
  post: number | null;
  dev: number | null;
  local: Array<number | string>;
}

const PATTERN = /^v?(?:(\d+)!)?(\d+(?:\.\d+)*)(?:[-_.]?(a|alpha|b|beta|c|rc|pre|preview)[-_.]?(\d+)?)?(?:-(\d+)|[-_.]?(post|rev|r)[-_.]?(\d+)?)?(?:[-_.]?(dev)[-_.]?(\d+)?)?(?:\+([a-z0-9]+(?:[-_.][a-z0-9]+)*))?$/;

const PRE_RANK: Record<string, number> = { a: 0, alpha: 0, b: 1, beta: 1, c: 2, rc: 2, pre: 2, preview: 2 };

const cache = new Map<string, Pep440 | null>();

export function parsePep440(text: string): Pep440 | null {
  const hit = cache.get(text);
  if (hit !== undefined) return hit;
  const m = PATTERN.exec(text.trim().toLowerCase());
  let parsed: Pep440 | null = null;
  if (m) {
    const release = m[2]!.split('.').map(Number);
    while (release.length > 1 && release[release.length - 1] === 0) release.pop();
    parsed = {
      epoch: m[1] ? Number(m[1]) : 0,
      release,
      pre: m[3] ? [PRE_RANK[m[3]]!, Number(m[4] ?? 0)] : null,
      post: m[5] !== undefined ? Number(m[5]) : m[6] ? Number(m[7] ?? 0) : null,
      dev: m[8] ? Number(m[9] ?? 0) : null,
      local: m[10] ? m[10].split(/[-_.]/).map((p) => (/^\d+$/.test(p) ? Number(p) : p)) : [],
    };
  }
  if (cache.size > 50_000) cache.clear();
  cache.set(text, parsed);
  return parsed;
}

function cmpNum(a: number, b: number): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The pre-release part as a sort key: a dev release of a final sorts before any pre-release. */
function preKey(v: Pep440): [number, number] {
  if (v.pre) return [v.pre[0], v.pre[1]];
  if (v.post === null && v.dev !== null) return [-1, 0];
  return [3, 0];
}

function compareLocal(a: Array<number | string>, b: Array<number | string>): number {
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a[i];
    const y = b[i];
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    if (typeof x === 'number' && typeof y === 'number') {
      if (x !== y) return cmpNum(x, y);
    } else if (typeof x === 'number') return 1; // numeric segments sort after alphanumeric ones
    else if (typeof y === 'number') return -1;
    else if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

/** Compares two PEP 440 versions; unparseable ones fall back to plain string order (after valid ones). */
export function comparePep440(a: string, b: string): number {
  const pa = parsePep440(a);
  const pb = parsePep440(b);
  if (!pa || !pb) return pa ? -1 : pb ? 1 : a < b ? -1 : a > b ? 1 : 0;
  if (pa.epoch !== pb.epoch) return cmpNum(pa.epoch, pb.epoch);
  const n = Math.max(pa.release.length, pb.release.length);
  for (let i = 0; i < n; i++) {
    const d = cmpNum(pa.release[i] ?? 0, pb.release[i] ?? 0);
    if (d !== 0) return d;
  }
  const [ka, kb] = [preKey(pa), preKey(pb)];
  if (ka[0] !== kb[0]) return cmpNum(ka[0], kb[0]);
  if (ka[1] !== kb[1]) return cmpNum(ka[1], kb[1]);
  const postA = pa.post ?? -1;
  const postB = pb.post ?? -1;
  if (postA !== postB) return cmpNum(postA, postB);
  const devA = pa.dev ?? Number.POSITIVE_INFINITY;
  const devB = pb.dev ?? Number.POSITIVE_INFINITY;
  if (devA !== devB) return cmpNum(devA, devB);
  return compareLocal(pa.local, pb.local);
}
