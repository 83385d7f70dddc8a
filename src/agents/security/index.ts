/**
 * The security engineer. Scan tasks run the scanners of src/scan/api.ts through the audit engine
 * (dedup on (cwe, file, line), `devsquad-ignore` comments, the baseline) and return their findings;
 * what a scanner could not do (an unreadable lockfile, an unreachable advisory API) is listed in the
 * output, never passed off as "clean". Hardening tasks write code and edge config via the generators.
 */
import { z } from 'zod';
import { hardeningParts } from '../../generate/security/api.js';
import { countBySeverity, runAudit } from '../../scan/engine/index.js';
import type { AuditReport } from '../../scan/engine/index.js';
import { severityRank } from '../../validate/types.js';
import { familyTask } from '../shared/family-task.js';
import type { AgentResult, AgentTask, ResultSeverity, TaskContext } from '../types.js';

const ScanInputs = z
  .object({
    /** Dependencies: a directory or zip of OSV records, for offline scans; unset = the OSV API. */
    vulnDb: z.string().optional(),
    /** Secrets: also scan git history. */
    history: z.boolean().default(false),
  })
  .strict();
type ScanInputs = z.infer<typeof ScanInputs>;

/** The highest severity among findings, as an AgentResult severity (info counts as none). */
export function highestSeverity(severities: readonly string[]): ResultSeverity {
  let best: ResultSeverity = 'none';
  for (const s of severities) {
    if (s === 'info') continue;
    if (best === 'none' || severityRank(s as 'low') > severityRank(best)) best = s as ResultSeverity;
  }
  return best;
}

function scanTask(id: string, description: string, only: string[]): AgentTask {
  return {
    agent: 'security',
    id,
    description,
    inputs: ScanInputs as z.ZodType<Record<string, unknown>>,
    run: (context) => runScan(id, only, context as TaskContext<ScanInputs>),
  };
}

async function runScan(id: string, only: string[], context: TaskContext<ScanInputs>): Promise<AgentResult> {
  const started = new Date();
  context.progress(0, `scanning ${only.length > 0 ? only.join(', ') : 'code, secrets, dependencies, IaC'}`);
  const report: AuditReport = await runAudit(context.root, {
    only,
    signal: context.signal,
    progress: (event) => context.progress(Math.min(99, event.percent), `${event.scanner}: ${event.message}`),
    ...(context.inputs.vulnDb ? { vulnDb: context.inputs.vulnDb } : {}),
    history: context.inputs.history,
  });
  const counts = countBySeverity(report.findings);
  context.memory?.record({ type: 'status', text: `security.${id}: ${report.findings.length} findings (${Object.entries(counts).filter(([, n]) => n > 0).map(([s, n]) => `${n} ${s}`).join(', ') || 'none'}), ${report.problems.length} problems` });
  context.progress(100, `${report.findings.length} findings`);
  const output = [
    `security.${id}: ${report.findings.length} finding${report.findings.length === 1 ? '' : 's'}${report.suppressed.length > 0 ? ` (${report.suppressed.length} suppressed)` : ''}`,
    ...report.findings.slice(0, 20).map((f) => `- ${f.severity} ${f.ruleId} ${f.title} (${f.location.file}:${f.location.line})`),
    ...(report.findings.length > 20 ? [`- … ${report.findings.length - 20} more`] : []),
    ...(report.problems.length > 0 ? ['', 'Problems (parts that could not be scanned):', ...report.problems.map((p) => `- ${p.scanner}: ${p.message}`)] : []),
  ].join('\n');
  return {
    status: 'success',
    output,
    files: [],
    findings: report.findings,
    severity: highestSeverity(report.findings.map((f) => f.severity)),
    metadata: {
      agent: 'security',
      task: id,
      stack: [...new Set(context.plan.services.map((s) => s.language))],
      startedAt: started.toISOString(),
      durationMs: Date.now() - started.getTime(),
      counts,
      suppressed: report.suppressed.length,
      problems: report.problems,
      scanners: report.stats,
    },
  };
}

const harden = (id: string, description: string, family: string): AgentTask => familyTask({ agent: 'security', id, description, registry: hardeningParts, family });

export const securityTasks: readonly AgentTask[] = [
  scanTask('audit', 'OWASP Top 10 audit: code patterns, secrets, vulnerable dependencies and IaC misconfigurations, deduplicated.', []),
  scanTask('dependencies', 'Vulnerable dependencies from the lockfiles, matched against OSV advisories.', ['deps']),
  scanTask('secrets_scan', 'Hard-coded secrets: keys, tokens and passwords in files (and git history on request).', ['secrets']),
  scanTask('iac_scan', 'IaC misconfigurations in Dockerfiles, compose, Kubernetes, Terraform and CI files.', ['iac']),
  harden('headers', 'Security headers (CSP, HSTS, frame, referrer, permissions policy) for the framework and the edge.', 'headers'),
  harden('rate_limit', 'Rate limiting for the framework and the edge, with sensible per-route limits.', 'rate-limit'),
  harden('secrets_management', 'Secrets management: env validation at start-up, .env.example, secret stores wiring.', 'secrets'),
  harden('authentication', 'Authentication hardening: password hashing, session and JWT settings, login throttling.', 'auth'),
];
