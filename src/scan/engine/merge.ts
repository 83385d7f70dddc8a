/**
 * Merging scanner output: locations made repo-relative, missing fingerprints filled from the line's
 * content (so they survive line shifts), duplicates on (cwe, file, line) collapsed into the most severe
 * finding with the other rule ids kept, and a stable order (severity, file, line, rule).
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import type { RepoFs } from '../../core/repo/repo-fs.js';
import { severityRank } from '../../validate/types.js';
import type { AuditFinding } from './types.js';

/** A repo-relative '/' path: absolute paths under the root are made relative, `./` dropped. */
export function relativeFile(root: string, file: string): string {
  let rel = file.replace(/\\/g, '/');
  if (path.isAbsolute(file)) rel = path.relative(root, file).replace(/\\/g, '/');
  return rel.replace(/^(\.\/)+/, '').replace(/^\/+/, '');
}

/**
 * Fills an empty fingerprint with a hash of category, rule, file and the trimmed text of the line,
 * plus the occurrence number among identical lines: editing other lines does not change it.
 */
export function fillFingerprints(findings: AuditFinding[], repo: RepoFs): void {
  const seen = new Map<string, number>();
  const lines = new Map<string, string[]>();
  const ordered = [...findings].sort((a, b) => a.location.file.localeCompare(b.location.file) || a.location.line - b.location.line);
  for (const f of ordered) {
    if (f.fingerprint) continue;
    let fileLines = lines.get(f.location.file);
    if (!fileLines) {
      const text = repo.isFile(f.location.file) ? repo.readText(f.location.file) : null;
      fileLines = text === null ? [] : text.split(/\r?\n/);
      lines.set(f.location.file, fileLines);
    }
    const content = (fileLines[f.location.line - 1] ?? '').trim().replace(/\s+/g, ' ');
    const base = `${f.category}\0${f.ruleId}\0${f.location.file}\0${content}`;
    const occurrence = (seen.get(base) ?? 0) + 1;
    seen.set(base, occurrence);
    f.fingerprint = createHash('sha256').update(`${base}\0${occurrence}`).digest('hex').slice(0, 32);
  }
}

function dedupKey(f: AuditFinding): string {
  const cwe = f.cwe && f.cwe.length > 0 ? [...f.cwe].sort().join(',') : `rule:${f.ruleId}`;
  return `${cwe}\0${f.location.file}\0${f.location.line}`;
}

/** Collapses findings sharing (cwe, file, line); without a CWE the rule id stands in for it. */
export function dedupe(findings: readonly AuditFinding[]): AuditFinding[] {
  const kept = new Map<string, AuditFinding>();
  for (const f of findings) {
    const key = dedupKey(f);
    const existing = kept.get(key);
    if (!existing) {
      kept.set(key, { ...f });
      continue;
    }
    const [winner, loser] = severityRank(f.severity) > severityRank(existing.severity) ? [{ ...f }, existing] : [existing, f];
    const related = new Set([...(winner.relatedRuleIds ?? []), loser.ruleId, ...(loser.relatedRuleIds ?? [])]);
    related.delete(winner.ruleId);
    winner.relatedRuleIds = [...related].sort();
    kept.set(key, winner);
  }
  return [...kept.values()];
}

export function compareFindings(a: AuditFinding, b: AuditFinding): number {
  return severityRank(b.severity) - severityRank(a.severity)
    || a.location.file.localeCompare(b.location.file)
    || a.location.line - b.location.line
    || a.ruleId.localeCompare(b.ruleId)
    || a.fingerprint.localeCompare(b.fingerprint);
}
