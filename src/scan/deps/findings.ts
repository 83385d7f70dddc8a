/** Turns (package, OSV record) matches into Findings: severity, ids, fixed versions, advice. */
import { createHash } from 'node:crypto';
import type { Finding, Severity } from '../../core/finding.js';
import { cvss3BaseScore } from './osv/cvss.js';
import type { Match } from './osv/match.js';
import type { OsvRecord } from './osv/types.js';
import type { LockedPackage } from './lockfiles/types.js';

export function severityFromScore(score: number): Severity {
  if (score >= 9) return 'critical';
  if (score >= 7) return 'high';
  if (score >= 4) return 'medium';
  if (score > 0) return 'low';
  return 'info';
}

const WORDS: Record<string, Severity> = { CRITICAL: 'critical', HIGH: 'high', MODERATE: 'medium', MEDIUM: 'medium', LOW: 'low' };

/** CVSS v3 vector first (computed), then the database's own rating; null when the advisory has neither. */
export function recordSeverity(record: OsvRecord, match?: Match): { severity: Severity; basis: string } | null {
  for (const s of record.severity ?? []) {
    const score = s.type === 'CVSS_V3' ? cvss3BaseScore(s.score) : null;
    if (score !== null) return { severity: severityFromScore(score), basis: `CVSS ${score.toFixed(1)}` };
  }
  const candidates = [record.database_specific?.severity, match?.affected.database_specific?.severity, match?.affected.ecosystem_specific?.severity];
  for (const c of candidates) {
    const word = typeof c === 'string' ? WORDS[c.toUpperCase()] : undefined;
    if (word) return { severity: word, basis: `rated ${String(c).toLowerCase()}` };
  }
  return null;
}

function cweIds(record: OsvRecord): string[] | undefined {
  const ids = record.database_specific?.cwe_ids;
  const list = Array.isArray(ids) ? ids.map(String).filter((s) => /^CWE-\d+$/.test(s)) : [];
  return list.length > 0 ? list : undefined;
}

export function dependencyFinding(pkg: LockedPackage, record: OsvRecord, match: Match): Finding {
  const rated = recordSeverity(record, match);
  const aliases = (record.aliases ?? []).filter((a) => a !== record.id);
  const ids = [record.id, ...aliases].join(', ');
  const relation = `${pkg.direct ? 'direct' : 'transitive'}${pkg.dev ? ', dev-only' : ''}`;
  const fixed = match.fixed;
  const summary = record.summary?.trim() || record.details?.split('\n')[0]?.slice(0, 160) || record.id;
  const recommendation = fixed.length > 0
    ? `Upgrade ${pkg.name} to ${fixed[0]} or later${pkg.direct ? '' : ' (it is transitive: upgrade the package that depends on it, or add an override/resolution)'}.`
    : `No fixed version of ${pkg.name} is published for this advisory: remove or replace the package, or accept the risk with a baseline entry.`;
  return {
    ruleId: `DSQ-DEP-${record.id}`,
    title: `${pkg.name}@${pkg.version}: ${summary}`,
    severity: rated?.severity ?? 'medium',
    owasp: 'A06:2021',
    ...(cweIds(record) ? { cwe: cweIds(record) } : {}),
    category: 'dependencies',
    confidence: 'high',
    location: { file: pkg.file, line: pkg.line },
    message: `${pkg.ecosystem} package ${pkg.name} ${pkg.version} (${relation}) is affected by ${ids}: ${summary}. ` +
      `Severity: ${rated ? rated.basis : 'not rated by the advisory (medium assumed)'}. ` +
      `Fixed in: ${fixed.length > 0 ? fixed.join(', ') : 'no fixed version'}.`,
    recommendation,
    // Not the line: a baseline entry survives unrelated lockfile edits; an upgrade to another
    // still-affected version is a new decision, so the version is part of it.
    fingerprint: createHash('sha256').update(`deps\0${pkg.file}\0${pkg.ecosystem}\0${pkg.name}\0${pkg.version}\0${record.id}`).digest('hex').slice(0, 32),
  };
}
