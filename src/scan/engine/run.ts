/**
 * `runAudit(root, options)`: runs the chosen scanners concurrently over one RepoFs, merges and
 * deduplicates their findings, applies `devsquad-ignore` comments and the baseline, and returns the
 * report every output format is rendered from. A scanner that throws becomes a problem in the report,
 * never a silent "no findings".
 */
import path from 'node:path';
import { DsqError, formatMessage } from '../../core/errors.js';
import { RepoFs } from '../../core/repo/repo-fs.js';
import { scanners as defaultRegistry } from '../api.js';
import type { Scanner, ScanOptions } from '../types.js';
import { readBaseline, writeBaseline } from './baseline.js';
import { compareFindings, dedupe, fillFingerprints, relativeFile } from './merge.js';
import { IgnoreIndex, missingReasonFinding } from './suppress.js';
import type { AuditFinding, AuditOptions, AuditProblem, AuditReport, ScannerStats, SeverityCounts } from './types.js';

export const DEFAULT_BASELINE = '.devsquad/audit-baseline.json';

/** `dependencies` is the category name of the `deps` scanner: accept both spellings. */
const ALIASES: Record<string, string> = { dependencies: 'deps', dep: 'deps', secret: 'secrets' };

export function selectScanners(only: readonly string[] | undefined, registry: ReadonlyMap<string, Scanner>): Array<[string, Scanner]> {
  const wanted = (only ?? []).flatMap((v) => v.split(',')).map((v) => v.trim().toLowerCase()).filter(Boolean);
  if (wanted.length === 0) return [...registry.entries()];
  const picked = new Map<string, Scanner>();
  for (const name of wanted) {
    const key = registry.has(name) ? name : ALIASES[name] ?? [...registry].find(([, s]) => s.category === name)?.[0];
    const scanner = key === undefined ? undefined : registry.get(key);
    if (key === undefined || !scanner) throw new DsqError('DSQ_ERR_AUDIT_UNKNOWN_SCANNER', { name, known: [...registry.keys()].join(', ') });
    picked.set(key, scanner);
  }
  return [...registry.entries()].filter(([key]) => picked.has(key));
}

export async function runAudit(root: string, options: AuditOptions = {}): Promise<AuditReport> {
  const repo = RepoFs.open(root);
  const chosen = selectScanners(options.only, options.registry ?? defaultRegistry);
  const baselineFile = path.resolve(options.baseline ?? path.join(repo.root, DEFAULT_BASELINE));
  // Read the baseline before scanning: a broken baseline is a usage error worth failing fast on.
  const baseline = readBaseline(baselineFile, options.baseline !== undefined && !options.updateBaseline);
  options.signal?.throwIfAborted();

  const problems: AuditProblem[] = [];
  const stats: ScannerStats[] = [];
  const raw: AuditFinding[] = [];
  const outputs = await Promise.all(chosen.map(async ([key, scanner]) => {
    const scanOptions: ScanOptions = {
      root: repo.root,
      ...(options.signal ? { signal: options.signal } : {}),
      progress: (percent, message) => options.progress?.({ scanner: key, percent, message }),
      ...(options.vulnDb !== undefined ? { vulnDb: options.vulnDb } : {}),
      ...(options.osvApiUrl !== undefined ? { osvApiUrl: options.osvApiUrl } : {}),
      ...(options.history !== undefined ? { history: options.history } : {}),
    };
    const started = performance.now();
    try {
      const output = await scanner.scan(repo, scanOptions);
      return { key, scanner, output, durationMs: performance.now() - started };
    } catch (error) {
      if (options.signal?.aborted) throw error;
      const message = error instanceof Error ? error.message : String(error);
      return { key, scanner, output: { findings: [], problems: [{ code: 'DSQ_ERR_AUDIT_SCANNER_FAILED', message: formatMessage('DSQ_ERR_AUDIT_SCANNER_FAILED', { scanner: scanner.displayName, reason: message }) }], scanned: 0 }, durationMs: performance.now() - started };
    }
  }));
  options.signal?.throwIfAborted();

  for (const { key, scanner, output, durationMs } of outputs) {
    for (const p of output.problems) problems.push({ ...p, scanner: key, ...(p.file ? { file: relativeFile(repo.root, p.file) } : {}) });
    for (const f of output.findings) raw.push({ ...f, location: { ...f.location, file: relativeFile(repo.root, f.location.file) } });
    stats.push({ scanner: key, category: scanner.category, displayName: scanner.displayName, scanned: output.scanned, durationMs: Math.round(durationMs), findings: output.findings.length });
  }

  fillFingerprints(raw, repo);
  const merged = dedupe(raw);
  const ignores = new IgnoreIndex(repo);
  const extra = new Map<string, AuditFinding>();
  for (const f of merged) {
    const comment = ignores.match(f);
    if (!comment) continue;
    f.suppressed = { kind: 'comment', reason: comment.reason || '(no reason given)' };
    if (!comment.reason) {
      const info = missingReasonFinding(f.location.file, comment, f.category);
      extra.set(info.fingerprint, info);
    }
  }
  const all = [...merged, ...extra.values()];

  let written = false;
  let entries = baseline?.size ?? 0;
  if (options.updateBaseline) {
    entries = writeBaseline(baselineFile, all.filter((f) => f.suppressed?.kind !== 'comment'), baseline);
    written = true;
    for (const f of all) if (!f.suppressed) f.suppressed = { kind: 'baseline', reason: baseline?.get(f.fingerprint)?.reason ?? `accepted into the baseline ${displayPath(repo.root, baselineFile)}` };
  } else if (baseline) {
    for (const f of all) {
      const entry = f.suppressed ? undefined : baseline.get(f.fingerprint);
      if (entry) f.suppressed = { kind: 'baseline', reason: entry.reason ?? `in the baseline ${displayPath(repo.root, baselineFile)}` };
    }
  }

  const findings = all.filter((f) => !f.suppressed).sort(compareFindings);
  const suppressed = all.filter((f) => f.suppressed).sort(compareFindings);
  problems.sort((a, b) => a.scanner.localeCompare(b.scanner) || (a.file ?? '').localeCompare(b.file ?? '') || a.message.localeCompare(b.message));
  return {
    root: repo.root,
    findings,
    suppressed,
    problems,
    stats,
    summary: { bySeverity: countBySeverity(findings), total: findings.length, suppressed: suppressed.length, problems: problems.length },
    ...(baseline || written ? { baseline: { file: displayPath(repo.root, baselineFile), entries, written } } : {}),
  };
}

export function countBySeverity(findings: readonly AuditFinding[]): SeverityCounts {
  const counts: SeverityCounts = { critical: 0, high: 0, medium: 0, low: 0, info: 0 };
  for (const f of findings) counts[f.severity] += 1;
  return counts;
}

function displayPath(root: string, file: string): string {
  const rel = path.relative(root, file);
  return rel.startsWith('..') || path.isAbsolute(rel) ? file : rel.split(path.sep).join('/');
}
