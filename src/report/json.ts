/**
 * The JSON report: a stable, documented shape (docs/commands/audit.md) with fixed key order, sorted
 * findings and no timings outside `stats`, so two runs over the same tree diff cleanly.
 */
import type { AuditFinding, AuditReport } from '../scan/engine/types.js';

export const JSON_REPORT_VERSION = 1;

export interface JsonReportOptions {
  version: string;
}

export function renderJson(report: AuditReport, options: JsonReportOptions): string {
  const out = {
    version: JSON_REPORT_VERSION,
    tool: { name: 'devsquad', version: options.version },
    root: report.root,
    summary: report.summary,
    findings: report.findings.map(findingJson),
    suppressed: report.suppressed.map(findingJson),
    problems: report.problems.map((p) => ({ scanner: p.scanner, code: p.code, ...(p.file ? { file: p.file } : {}), message: p.message })),
    stats: report.stats.map((s) => ({ scanner: s.scanner, category: s.category, scanned: s.scanned, findings: s.findings, durationMs: s.durationMs })),
    ...(report.baseline ? { baseline: report.baseline } : {}),
  };
  return JSON.stringify(out, null, 2) + '\n';
}

function findingJson(f: AuditFinding): Record<string, unknown> {
  return {
    ruleId: f.ruleId,
    title: f.title,
    severity: f.severity,
    category: f.category,
    ...(f.confidence ? { confidence: f.confidence } : {}),
    ...(f.cwe && f.cwe.length > 0 ? { cwe: f.cwe } : {}),
    ...(f.owasp ? { owasp: f.owasp } : {}),
    ...(typeof f.cvss === 'number' ? { cvss: f.cvss } : {}),
    location: f.location,
    message: f.message,
    recommendation: f.recommendation,
    fingerprint: f.fingerprint,
    ...(f.relatedRuleIds && f.relatedRuleIds.length > 0 ? { relatedRuleIds: f.relatedRuleIds } : {}),
    ...(f.suppressed ? { suppressed: f.suppressed } : {}),
  };
}
