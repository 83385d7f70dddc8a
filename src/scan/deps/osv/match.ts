/**
 * Does an OSV record affect a package version? Implements the OSV evaluation: an exact hit in
 * `affected[].versions`, or SEMVER/ECOSYSTEM `ranges` whose sorted events (introduced, fixed,
 * last_affected, limit) put the version inside an affected interval. GIT ranges name commits, not
 * versions, and are skipped (the versions list that accompanies them is still used).
 */
import { comparatorFor, type Comparator } from '../versions/index.js';
import type { OsvAffected, OsvEvent, OsvRecord } from './types.js';

/** OSV package names per ecosystem: PyPI compares normalised names (PEP 503), Packagist is case-insensitive. */
export function normalizeName(ecosystem: string, name: string): string {
  if (ecosystem === 'PyPI') return name.toLowerCase().replace(/[-_.]+/g, '-');
  if (ecosystem === 'Packagist' || ecosystem === 'RubyGems') return name.toLowerCase();
  return name;
}

/** `Debian:11`, `Go`, … → the base ecosystem name. */
export function baseEcosystem(ecosystem: string): string {
  const colon = ecosystem.indexOf(':');
  return colon >= 0 ? ecosystem.slice(0, colon) : ecosystem;
}

export interface Match {
  affected: OsvAffected;
  /** `fixed` events above the installed version: what to upgrade to. */
  fixed: string[];
}

function eventVersion(e: OsvEvent): string {
  return e.introduced ?? e.fixed ?? e.last_affected ?? e.limit ?? '';
}

function inRange(events: OsvEvent[], version: string, cmp: Comparator): boolean {
  const sorted = [...events].sort((x, y) => {
    const vx = eventVersion(x);
    const vy = eventVersion(y);
    if (vx === '0') return vy === '0' ? 0 : -1;
    if (vy === '0') return 1;
    return cmp(vx, vy);
  });
  let affected = false;
  for (const e of sorted) {
    if (e.introduced !== undefined) {
      if (e.introduced === '0' || cmp(version, e.introduced) >= 0) affected = true;
    } else if (e.fixed !== undefined) {
      if (cmp(version, e.fixed) >= 0) affected = false;
    } else if (e.last_affected !== undefined) {
      if (cmp(version, e.last_affected) > 0) affected = false;
    } else if (e.limit !== undefined) {
      if (e.limit !== '*' && cmp(version, e.limit) >= 0) affected = false;
    }
  }
  return affected;
}

export function matchRecord(record: OsvRecord, ecosystem: string, name: string, version: string): Match | null {
  if (record.withdrawn) return null;
  const cmp = comparatorFor(ecosystem);
  const wanted = normalizeName(ecosystem, name);
  for (const affected of record.affected ?? []) {
    const pkg = affected.package;
    if (!pkg || baseEcosystem(pkg.ecosystem) !== ecosystem || normalizeName(ecosystem, pkg.name) !== wanted) continue;
    // Exact strings first: `versions` lists run to hundreds of entries (every Django release).
    const versions = affected.versions ?? [];
    let hit = versions.includes(version);
    for (const range of affected.ranges ?? []) {
      if (hit) break;
      if (range.type === 'GIT') continue;
      hit = inRange(range.events ?? [], version, cmp);
    }
    // Spelling variants (`1.0` listed, `1.0.0` installed) only matter when no range decided.
    if (!hit && versions.length > 0 && !(affected.ranges ?? []).some((r) => r.type !== 'GIT')) hit = versions.some((v) => cmp(v, version) === 0);
    if (!hit) continue;
    const fixed = new Set<string>();
    for (const range of affected.ranges ?? []) {
      if (range.type === 'GIT') continue;
      for (const e of range.events ?? []) if (e.fixed !== undefined && cmp(e.fixed, version) > 0) fixed.add(e.fixed);
    }
    return { affected, fixed: [...fixed].sort(cmp) };
  }
  return null;
}
