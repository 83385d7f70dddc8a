/**
 * What `runAudit` takes and returns. The report is the one shape every output format (SARIF, JSON,
 * table) and the CLI exit code are computed from.
 */
import type { Finding, Severity } from '../../core/finding.js';
import type { Scanner, ScanCategory, ScanProblem } from '../types.js';

/**
 * A finding after the engine: `relatedRuleIds` lists the other rules that reported the same
 * (cwe, file, line) and were merged into it; `cvss` is honoured when a scanner sets it (dependencies).
 */
export interface AuditFinding extends Finding {
  relatedRuleIds?: string[];
  cvss?: number;
}

/** A scanner problem, with the scanner that had it. */
export interface AuditProblem extends ScanProblem {
  scanner: string;
}

export interface ScannerStats {
  scanner: string;
  category: ScanCategory;
  displayName: string;
  /** Files or packages looked at. */
  scanned: number;
  durationMs: number;
  findings: number;
}

export type SeverityCounts = Record<Severity, number>;

export interface AuditSummary {
  /** Unsuppressed findings by severity. */
  bySeverity: SeverityCounts;
  total: number;
  suppressed: number;
  problems: number;
}

export interface AuditReport {
  /** Absolute path of the scanned root. */
  root: string;
  /** Unsuppressed findings, most severe first. */
  findings: AuditFinding[];
  /** Findings a `devsquad-ignore` comment or the baseline suppressed: reported, never counted. */
  suppressed: AuditFinding[];
  problems: AuditProblem[];
  stats: ScannerStats[];
  summary: AuditSummary;
  /** Repo-relative baseline file that was read (or written with updateBaseline), if any. */
  baseline?: { file: string; entries: number; written: boolean };
}

export interface AuditProgress {
  scanner: string;
  percent: number;
  message: string;
}

export interface AuditOptions {
  /** Registry keys or categories (code, secrets, deps|dependencies, iac); all when empty. */
  only?: readonly string[];
  /** The scanners to choose from (tests pass fakes); defaults to src/scan/api.ts. */
  registry?: ReadonlyMap<string, Scanner>;
  signal?: AbortSignal;
  progress?: (event: AuditProgress) => void;
  vulnDb?: string;
  osvApiUrl?: string;
  history?: boolean;
  /** Baseline file (absolute, or relative to the process cwd); default `<root>/.devsquad/audit-baseline.json`. */
  baseline?: string;
  /** Write the current findings' fingerprints to the baseline file (atomically). */
  updateBaseline?: boolean;
}
