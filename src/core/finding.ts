/**
 * A Finding: one problem the security engineer (or a validator run over the user's files) reports.
 * Exported as SARIF 2.1.0 and JSON; deduplicated on (cwe, file, line). Locations are relative to the
 * scanned root, with '/' separators.
 */
import type { Severity } from '../validate/types.js';

export type { Severity };

export interface FindingLocation {
  file: string;
  line: number;
  column?: number;
  endLine?: number;
  endColumn?: number;
}

export interface Finding {
  /** Stable rule id (DSQ-JS-0031, DSQ-SEC-0002, DSQ-DEP-GHSA-…, DSQ-DF-0004 …). */
  ruleId: string;
  title: string;
  severity: Severity;
  /** OWASP Top 10 2021 category (`A03:2021`) and CWE ids (`CWE-89`) where they apply. */
  owasp?: string;
  cwe?: string[];
  /** secrets | code | dependencies | iac: also the SARIF run category. */
  category: 'code' | 'secrets' | 'dependencies' | 'iac';
  confidence?: 'high' | 'medium' | 'low';
  location: FindingLocation;
  message: string;
  recommendation: string;
  /** Stable across runs and unrelated edits: used by baselines and SARIF partialFingerprints. */
  fingerprint: string;
  /** Set when a `devsquad-ignore` comment or the baseline suppresses it (reported, not counted). */
  suppressed?: { kind: 'comment' | 'baseline'; reason: string };
}
