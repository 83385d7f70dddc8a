/** The audit engine: run scanners, merge, suppress, baseline. Output formats live in src/report/. */
export { runAudit, selectScanners, countBySeverity, DEFAULT_BASELINE } from './run.js';
export { parseIgnoreComment, MISSING_REASON_RULE } from './suppress.js';
export type { AuditFinding, AuditOptions, AuditProblem, AuditProgress, AuditReport, AuditSummary, ScannerStats, SeverityCounts } from './types.js';
