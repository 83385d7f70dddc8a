/**
 * The terminal report: findings grouped by severity (most severe first) as `file:line  rule  title`,
 * then what was suppressed and why, the problems that made the audit incomplete, what each scanner
 * looked at, and one summary line by severity. Colours only through io.color (off without a TTY).
 */
import type { Colors } from '../cli/io.js';
import type { Severity } from '../core/finding.js';
import type { AuditFinding, AuditReport } from '../scan/engine/types.js';
import { SEVERITIES } from '../validate/types.js';

export interface TableOptions {
  color: Colors;
}

export function renderTable(report: AuditReport, { color: c }: TableOptions): string {
  const paint: Record<Severity, (s: string) => string> = {
    critical: (s) => c.bold(c.red(s)),
    high: c.red,
    medium: c.yellow,
    low: c.cyan,
    info: c.dim,
  };
  const lines: string[] = [];
  const locWidth = Math.min(48, Math.max(0, ...[...report.findings, ...report.suppressed].map((f) => loc(f).length)));
  const ruleWidth = Math.max(0, ...[...report.findings, ...report.suppressed].map((f) => f.ruleId.length));
  const row = (f: AuditFinding): string => `  ${loc(f).padEnd(locWidth)}  ${f.ruleId.padEnd(ruleWidth)}  ${f.title}`;

  for (const severity of SEVERITIES) {
    const group = report.findings.filter((f) => f.severity === severity);
    if (group.length === 0) continue;
    lines.push(paint[severity](`${severity.toUpperCase()} (${group.length})`));
    for (const f of group) {
      lines.push(row(f));
      lines.push(c.dim(`  ${' '.repeat(locWidth)}  ${f.message}`));
    }
    lines.push('');
  }
  if (report.findings.length === 0) lines.push(c.green('No findings.'), '');

  if (report.suppressed.length > 0) {
    lines.push(c.dim(`SUPPRESSED (${report.suppressed.length})`));
    for (const f of report.suppressed) lines.push(c.dim(`${row(f)}  [${f.suppressed?.kind}: ${f.suppressed?.reason}]`));
    lines.push('');
  }
  if (report.problems.length > 0) {
    lines.push(c.red(`PROBLEMS (${report.problems.length}): the audit is incomplete`));
    for (const p of report.problems) lines.push(`  ${p.scanner}  ${p.code}  ${p.file ? `${p.file}: ` : ''}${p.message}`);
    lines.push('');
  }
  const scanned = report.stats.map((s) => `${s.scanner} ${s.scanned} (${formatMs(s.durationMs)})`).join(', ');
  if (scanned) lines.push(c.dim(`Scanned: ${scanned}`));
  lines.push(summaryLine(report, c));
  return lines.join('\n');
}

/** `3 findings: 1 critical, 2 high, 0 medium, 0 low, 0 info · 1 suppressed · 0 problems`. */
export function summaryLine(report: AuditReport, c: Colors): string {
  const { bySeverity, total, suppressed, problems } = report.summary;
  const counts = SEVERITIES.map((s) => `${bySeverity[s]} ${s}`).join(', ');
  const head = `${total} finding${total === 1 ? '' : 's'}: ${counts}`;
  const tail = `${suppressed} suppressed · ${problems} problem${problems === 1 ? '' : 's'}`;
  return `${c.bold(head)} · ${tail}`;
}

function loc(f: AuditFinding): string {
  return `${f.location.file}:${f.location.line}`;
}

function formatMs(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`;
}
