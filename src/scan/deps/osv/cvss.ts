/**
 * CVSS v3.0/v3.1 base score from a vector string (FIRST specification, section 7.1), exact including
 * the v3.1 Roundup. v2 and v4 vectors return null: callers fall back to the advisory's own rating.
 */

const W = {
  AV: { N: 0.85, A: 0.62, L: 0.55, P: 0.2 },
  AC: { L: 0.77, H: 0.44 },
  UI: { N: 0.85, R: 0.62 },
  CIA: { H: 0.56, L: 0.22, N: 0 },
} as const;

function roundUp(value: number): number {
  const int = Math.round(value * 100000);
  return int % 10000 === 0 ? int / 100000 : (Math.floor(int / 10000) + 1) / 10;
}

export function cvss3BaseScore(vector: string): number | null {
  if (!/^CVSS:3\.[01]\//.test(vector)) return null;
  const m = new Map<string, string>();
  for (const part of vector.split('/').slice(1)) {
    const [k, v] = part.split(':');
    if (k && v) m.set(k, v);
  }
  const av = W.AV[m.get('AV') as keyof typeof W.AV];
  const ac = W.AC[m.get('AC') as keyof typeof W.AC];
  const ui = W.UI[m.get('UI') as keyof typeof W.UI];
  const scope = m.get('S');
  const c = W.CIA[m.get('C') as keyof typeof W.CIA];
  const i = W.CIA[m.get('I') as keyof typeof W.CIA];
  const a = W.CIA[m.get('A') as keyof typeof W.CIA];
  const prLetter = m.get('PR');
  if ([av, ac, ui, c, i, a].some((x) => x === undefined) || (scope !== 'U' && scope !== 'C') || !prLetter) return null;
  const changed = scope === 'C';
  const pr = prLetter === 'N' ? 0.85 : prLetter === 'L' ? (changed ? 0.68 : 0.62) : prLetter === 'H' ? (changed ? 0.5 : 0.27) : undefined;
  if (pr === undefined) return null;
  const iss = 1 - (1 - c!) * (1 - i!) * (1 - a!);
  const impact = changed ? 7.52 * (iss - 0.029) - 3.25 * (iss - 0.02) ** 15 : 6.42 * iss;
  if (impact <= 0) return 0;
  const exploitability = 8.22 * av! * ac! * pr * ui!;
  return changed ? roundUp(Math.min(1.08 * (impact + exploitability), 10)) : roundUp(Math.min(impact + exploitability, 10));
}
