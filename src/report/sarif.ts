/**
 * SARIF 2.1.0 for GitHub code scanning: one run per scanner category (automationDetails.id
 * `devsquad/<category>/`, so uploads of different categories never close each other's alerts), rules
 * with CWE / OWASP 2021 / `security` tags and a `security-severity` score, results with locations
 * relative to `%SRCROOT%`, a `devsquadFingerprint/v1` partial fingerprint, and `suppressions` for
 * findings a comment or the baseline suppressed. Scanner problems become tool execution notifications
 * and mark the run's invocation unsuccessful.
 */
import { pathToFileURL } from 'node:url';
import type { Invocation, Log, Notification, ReportingDescriptor, Result, Run } from 'sarif';
import type { Severity } from '../core/finding.js';
import type { AuditFinding, AuditReport } from '../scan/engine/types.js';
import type { ScanCategory } from '../scan/types.js';
import { SCAN_CATEGORIES } from '../scan/types.js';
import { severityRank } from '../validate/types.js';
import { cweUrl, normalizeCwe, normalizeOwasp, owaspUrl } from './links.js';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
export const FINGERPRINT_KEY = 'devsquadFingerprint/v1';
const SRCROOT = '%SRCROOT%';

/** GitHub's bands: critical > 9.0, high 7.0-8.9, medium 4.0-6.9, low 0.1-3.9. */
export const SECURITY_SEVERITY: Record<Severity, number> = { critical: 9.5, high: 8.0, medium: 5.5, low: 3.0, info: 0.0 };

const LEVEL: Record<Severity, Result.level> = { critical: 'error', high: 'error', medium: 'warning', low: 'note', info: 'note' };
const PROBLEM_SEVERITY: Record<Severity, string> = { critical: 'error', high: 'error', medium: 'warning', low: 'recommendation', info: 'recommendation' };

export interface SarifOptions {
  /** devsquad's version, for tool.driver. */
  version: string;
}

export function renderSarif(report: AuditReport, options: SarifOptions): Log {
  const categories = new Set<ScanCategory>(report.stats.map((s) => s.category));
  for (const f of [...report.findings, ...report.suppressed]) categories.add(f.category);
  const runs = SCAN_CATEGORIES.filter((c) => categories.has(c)).map((category) => buildRun(report, category, options));
  return { $schema: SARIF_SCHEMA, version: '2.1.0', runs };
}

function buildRun(report: AuditReport, category: ScanCategory, options: SarifOptions): Run {
  const findings = [...report.findings, ...report.suppressed].filter((f) => f.category === category);
  const byRule = new Map<string, AuditFinding[]>();
  for (const f of findings) byRule.set(f.ruleId, [...(byRule.get(f.ruleId) ?? []), f]);
  const ruleIds = [...byRule.keys()].sort();
  const rules = ruleIds.map((id) => buildRule(id, byRule.get(id)!));
  const index = new Map(ruleIds.map((id, i) => [id, i]));
  const scannerNames = new Set(report.stats.filter((s) => s.category === category).map((s) => s.scanner));
  const problems = report.problems.filter((p) => scannerNames.has(p.scanner));
  const notifications: Notification[] = problems.map((p) => ({
    level: 'error',
    message: { text: p.message },
    descriptor: { id: p.code },
    ...(p.file ? { locations: [{ physicalLocation: { artifactLocation: { uri: toUri(p.file), uriBaseId: SRCROOT } } }] } : {}),
  }));
  const invocation: Invocation = { executionSuccessful: problems.length === 0, ...(notifications.length > 0 ? { toolExecutionNotifications: notifications } : {}) };
  return {
    tool: {
      driver: {
        name: 'devsquad',
        version: options.version,
        semanticVersion: options.version,
        rules,
      },
    },
    automationDetails: { id: `devsquad/${category}/` },
    originalUriBaseIds: { [SRCROOT]: { uri: pathToFileURL(report.root.endsWith('/') ? report.root : report.root + '/').href } },
    invocations: [invocation],
    columnKind: 'utf16CodeUnits',
    results: findings.sort(compareLocation).map((f) => buildResult(f, index.get(f.ruleId)!)),
  };
}

function buildRule(id: string, findings: AuditFinding[]): ReportingDescriptor {
  const worst = findings.reduce((a, b) => (severityRank(b.severity) > severityRank(a.severity) ? b : a));
  const cwes = [...new Set(findings.flatMap((f) => (f.cwe ?? []).map(normalizeCwe).filter((c): c is string => c !== null)))].sort(byCweNumber);
  const owasp = normalizeOwasp(findings.find((f) => f.owasp)?.owasp);
  const score = Math.max(...findings.map(securitySeverity));
  const tags = ['security', worst.category, ...cwes, ...(owasp ? [owasp] : [])];
  const references = [...cwes.map((c) => `- [${c}](${cweUrl(c)})`), ...(owasp && owaspUrl(owasp) ? [`- [OWASP Top 10 ${owasp}](${owaspUrl(owasp)})`] : [])];
  const markdown = [
    `**${worst.title}**`,
    '',
    worst.recommendation,
    ...(references.length > 0 ? ['', '**References**', '', ...references] : []),
  ].join('\n');
  return {
    id,
    name: ruleName(worst.title),
    shortDescription: { text: worst.title },
    fullDescription: { text: `${worst.title}. ${worst.recommendation}`.replace(/\.\./g, '.') },
    ...helpUriFor(worst),
    help: { text: `${worst.title}\n\n${worst.recommendation}`, markdown },
    defaultConfiguration: { level: LEVEL[worst.severity] },
    properties: {
      tags,
      'security-severity': score.toFixed(1),
      precision: worst.confidence ?? 'medium',
      'problem.severity': PROBLEM_SEVERITY[worst.severity],
    },
  };
}

function buildResult(f: AuditFinding, ruleIndex: number): Result {
  const { location } = f;
  const region = {
    startLine: Math.max(1, location.line),
    ...(location.column && location.column > 0 ? { startColumn: location.column } : {}),
    endLine: Math.max(location.endLine ?? location.line, location.line, 1),
    ...(location.endColumn && location.endColumn > 0 && (location.endLine ?? location.line) >= location.line ? { endColumn: location.endColumn } : {}),
  };
  const result: Result = {
    ruleId: f.ruleId,
    ruleIndex,
    level: LEVEL[f.severity],
    message: { text: f.message },
    locations: [{ physicalLocation: { artifactLocation: { uri: toUri(location.file), uriBaseId: SRCROOT }, region } }],
    partialFingerprints: { [FINGERPRINT_KEY]: f.fingerprint },
    properties: {
      severity: f.severity,
      ...(f.confidence ? { confidence: f.confidence } : {}),
      ...(f.relatedRuleIds && f.relatedRuleIds.length > 0 ? { relatedRuleIds: f.relatedRuleIds } : {}),
      recommendation: f.recommendation,
    },
  };
  if (f.suppressed) result.suppressions = [{ kind: f.suppressed.kind === 'comment' ? 'inSource' : 'external', status: 'accepted', justification: f.suppressed.reason }];
  return result;
}

/** The finding's CVSS score when it carries one (dependencies), else the band for its severity. */
export function securitySeverity(f: AuditFinding): number {
  if (typeof f.cvss === 'number' && Number.isFinite(f.cvss) && f.cvss >= 0 && f.cvss <= 10) return f.cvss;
  return SECURITY_SEVERITY[f.severity];
}

/** A repo-relative path as a relative URI reference: each segment percent-encoded, '/' kept. */
export function toUri(file: string): string {
  return file.replace(/\\/g, '/').replace(/^(\.\/)+/, '').replace(/^\/+/, '').split('/').map(encodeURIComponent).join('/');
}

/** `SQL built by string concatenation` → `SqlBuiltByStringConcatenation`. */
function ruleName(title: string): string {
  const words = title.match(/[A-Za-z0-9]+/g) ?? ['Finding'];
  return words.map((w) => w[0]!.toUpperCase() + w.slice(1).toLowerCase()).join('');
}

function byCweNumber(a: string, b: string): number {
  return Number(a.slice(4)) - Number(b.slice(4));
}

function compareLocation(a: AuditFinding, b: AuditFinding): number {
  return a.location.file.localeCompare(b.location.file) || a.location.line - b.location.line || a.ruleId.localeCompare(b.ruleId) || a.fingerprint.localeCompare(b.fingerprint);
}

/**
 * A public page about the weakness (the CWE entry, else the OWASP category). devsquad has no public
 * home page yet, so rules carry their own documentation in `help.markdown` instead of a link to one.
 */
function helpUriFor(finding: { cwe?: string[]; owasp?: string }): { helpUri?: string } {
  const cwe = (finding.cwe ?? []).map(normalizeCwe).find(Boolean);
  const uri = (cwe ? cweUrl(cwe) : null) ?? (finding.owasp ? owaspUrl(normalizeOwasp(finding.owasp) ?? finding.owasp) : null);
  return uri ? { helpUri: uri } : {};
}
