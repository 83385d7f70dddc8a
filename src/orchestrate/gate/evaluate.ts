/**
 * The quality gate: scores what a run produced from 100 down, one check at a time, each costing the
 * points the policy gives it (capped per check), and lists what blocks outright. The checks: findings by
 * severity, generated files failing validation, validator diagnostics, steps that did not succeed, and
 * best-practice coverage read from the files (best-practice.ts). Every failed check comes with what to
 * do about it. Pure: the caller reads files and policies; `createGate` wires it for a run.
 */
import path from 'node:path';
import type { Finding } from '../../core/finding.js';
import type { RepoFs } from '../../core/repo/repo-fs.js';
import { SEVERITIES, severityRank, type Severity } from '../../validate/types.js';
import { bestPractices, type ContentFile } from './best-practice.js';
import { DEFAULT_POLICY, readPolicyFile, type GatePolicy } from './policy.js';
import type { GateCheck, GateEvaluator, GateInput, GateOutcome } from './types.js';

export interface EvaluateOptions {
  /** Files already in the repository (from the plan's `existing`) that this run did not generate. */
  existing?: readonly ContentFile[];
  /**
   * Checks from an earlier evaluation, used for best-practice checks whose files have no content to
   * read (`gate --run` when the artifacts were not written).
   */
  storedChecks?: readonly GateCheck[];
  /** Best-practice checks to take from storedChecks instead of the files. */
  unreadable?: ReadonlySet<string>;
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
const round = (n: number): number => Math.round(n * 10) / 10;

/** Unique, unsuppressed findings of every result (the scanners dedup too; steps may overlap). */
export function gateFindings(input: GateInput): Finding[] {
  const seen = new Set<string>();
  const out: Finding[] = [];
  for (const { result } of input.results) {
    for (const finding of result?.findings ?? []) {
      if (finding.suppressed) continue;
      const key = finding.fingerprint || `${finding.ruleId}:${finding.location.file}:${finding.location.line}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(finding);
    }
  }
  return out;
}

export function evaluateGate(input: GateInput, policy: GatePolicy = DEFAULT_POLICY, options: EvaluateOptions = {}): GateOutcome {
  const w = policy.weights;
  const cap = (points: number): number => round(Math.min(w.maxPerCheck, points));
  const checks: GateCheck[] = [];
  const blockers: string[] = [];
  const recommendations: string[] = [];
  const blocksCheck = (id: string): boolean => policy.block.checks.includes(id);

  // Findings, one check per severity.
  const findings = gateFindings(input);
  for (const severity of SEVERITIES) {
    const matching = findings.filter((f) => f.severity === severity);
    const id = `findings-${severity}`;
    const penalty = cap(matching.length * w.findings[severity]);
    const where = matching.slice(0, 3).map((f) => `${f.ruleId} ${f.title} (${f.location.file}:${f.location.line})`);
    checks.push({ id, title: `No ${severity} findings`, penalty, passed: matching.length === 0, detail: matching.length === 0 ? `no ${severity} findings` : `${plural(matching.length, `${severity} finding`)}: ${where.join('; ')}${matching.length > 3 ? '; …' : ''}` });
    if (matching.length > 0 && (policy.block.severities.includes(severity) || blocksCheck(id))) blockers.push(`${plural(matching.length, `${severity} finding`)} (${where.join('; ')}${matching.length > 3 ? '; …' : ''})`);
  }
  const byRank = [...findings].sort((a, b) => severityRank(b.severity) - severityRank(a.severity));
  const seenRecs = new Set<string>();
  for (const f of byRank) {
    if (severityRank(f.severity) < severityRank('medium') || seenRecs.has(f.ruleId) || seenRecs.size >= 5) continue;
    seenRecs.add(f.ruleId);
    recommendations.push(`${f.ruleId} (${f.severity}, ${f.location.file}:${f.location.line}): ${f.recommendation}`);
  }

  // Generated files: failing validation, and every diagnostic.
  const files = input.results.flatMap((r) => r.result?.files ?? []);
  const invalid = files.filter((f) => f.diagnostics.some((d) => severityRank(d.severity) > severityRank('info')));
  checks.push({
    id: 'invalid-artifacts',
    title: 'Every generated file passes its validator',
    penalty: cap(invalid.length * w.invalidArtifact),
    passed: invalid.length === 0,
    detail: invalid.length === 0 ? `${plural(files.length, 'file')} validated` : `${plural(invalid.length, 'file')} failed validation: ${invalid.slice(0, 5).map((f) => f.path).join(', ')}`,
  });
  if (invalid.length > 0) {
    if (policy.block.invalidArtifacts || blocksCheck('invalid-artifacts')) blockers.push(`${plural(invalid.length, 'generated file')} failed validation (${invalid.slice(0, 3).map((f) => f.path).join(', ')})`);
    recommendations.push(`Fix or regenerate the files failing validation (devsquad validate ${invalid[0]!.path}); they are never written.`);
  }
  const diagnostics = files.flatMap((f) => f.diagnostics);
  const diagnosticPoints = diagnostics.reduce((sum, d) => sum + w.diagnostics[d.severity], 0);
  const counted = diagnostics.filter((d) => w.diagnostics[d.severity] > 0);
  checks.push({
    id: 'validator-diagnostics',
    title: 'Validators report no warnings',
    penalty: cap(diagnosticPoints),
    passed: counted.length === 0,
    detail: diagnostics.length === 0 ? 'no diagnostics' : countBySeverity(diagnostics.map((d) => d.severity)),
  });
  if (counted.length > 0) {
    if (blocksCheck('validator-diagnostics')) blockers.push(`${plural(counted.length, 'validator diagnostic')}`);
    const first = counted[0]!;
    recommendations.push(`${first.ruleId} (${first.file}${first.line ? `:${first.line}` : ''}): ${first.recommendation}`);
  }

  // Steps that did not succeed.
  const failed = input.results.filter((r) => r.status !== 'succeeded');
  checks.push({
    id: 'failed-steps',
    title: 'Every step succeeded',
    penalty: cap(failed.length * w.failedStep),
    passed: failed.length === 0,
    detail: failed.length === 0 ? `${plural(input.results.length, 'step')} succeeded` : failed.map((r) => `${r.stepId} ${r.status}${r.error ? ` (${r.error})` : ''}`).join('; '),
  });
  if (failed.length > 0) {
    if (policy.block.failedSteps || blocksCheck('failed-steps')) blockers.push(`${plural(failed.length, 'step')} did not succeed (${failed.map((r) => r.stepId).join(', ')})`);
    recommendations.push(`Look at why ${failed.map((r) => r.stepId).join(', ')} did not succeed: devsquad runs show <id>.`);
  }

  // Best practices, from the generated files plus the existing ones the run did not replace.
  const generatedPaths = new Set(files.map((f) => f.path));
  const contentFiles: ContentFile[] = [...files.filter((f) => f.content.length > 0), ...(options.existing ?? []).filter((f) => !generatedPaths.has(f.path))];
  const expectSlo = input.results.some((r) => r.result?.metadata.agent === 'monitoring') && input.plan.services.some((s) => s.kind === 'server');
  for (const practice of bestPractices(contentFiles, { expectSlo })) {
    const stored = options.unreadable?.has(practice.id) ? options.storedChecks?.find((c) => c.id === practice.id) : undefined;
    const failedCheck = stored ? !stored.passed : practice.failures.length > 0;
    const detail = stored
      ? `${stored.detail} (from the stored evaluation: the files are not on disk)`
      : practice.examined === 0
        ? 'not applicable: no files of this kind'
        : failedCheck
          ? practice.failures.slice(0, 5).join('; ') + (practice.failures.length > 5 ? '; …' : '')
          : `${plural(practice.examined, 'item')} checked`;
    checks.push({ id: practice.id, title: practice.title, penalty: failedCheck ? cap(w.bestPractice) : 0, passed: !failedCheck, detail });
    if (failedCheck) {
      recommendations.push(practice.recommendation);
      if (blocksCheck(practice.id)) blockers.push(`${practice.title}: no (${detail})`);
    }
  }

  const score = Math.max(0, Math.min(100, Math.round(100 - checks.reduce((sum, c) => sum + c.penalty, 0))));
  if (score < policy.threshold) blockers.push(`score ${score} is below the threshold ${policy.threshold}`);
  return { score, passed: blockers.length === 0, blockers, recommendations, checks };
}

function countBySeverity(severities: readonly Severity[]): string {
  return SEVERITIES.map((s) => [s, severities.filter((x) => x === s).length] as const)
    .filter(([, n]) => n > 0)
    .map(([s, n]) => `${n} ${s}`)
    .join(', ');
}

/** Existing files the plan knows about (Dockerfiles, compose, CI, Kubernetes), read through RepoFs. */
export function existingFiles(input: GateInput, repo: RepoFs): ContentFile[] {
  const out = new Map<string, ContentFile>();
  const add = (file: string | null, kind: string): void => {
    if (!file || out.has(file)) return;
    const content = repo.readText(file);
    if (content !== null) out.set(file, { path: file, kind, content });
  };
  for (const service of input.plan.services) {
    add(service.existing.dockerfile, 'dockerfile');
    for (const ci of service.existing.ci) if (ci.startsWith('.github/workflows/')) add(ci, 'github-actions');
    for (const manifest of service.existing.kubernetes) add(manifest, 'kubernetes');
  }
  return [...out.values()];
}

/**
 * The GateEvaluator a run uses: the policy given on the command line, else the gate step's `policy`
 * input (a file relative to the repository), else the defaults; existing files come from `repo`.
 */
export function createGate(options: { policy?: GatePolicy | null; repo?: RepoFs | null; root?: string }): GateEvaluator {
  return (input) => {
    let fromStep: GatePolicy | null;
    try {
      fromStep = typeof input.inputs.policy === 'string' && options.root ? readPolicyFile(path.resolve(options.root, input.inputs.policy)) : null;
    } catch (error) {
      // A broken policy must fail the gate visibly, not crash the run or pass silently.
      const message = (error as Error).message;
      return { score: 0, passed: false, blockers: [message], recommendations: ['Fix the gate policy file (see docs/commands/gate.md).'], checks: [] };
    }
    const policy = options.policy ?? fromStep ?? DEFAULT_POLICY;
    return evaluateGate(input, policy, { existing: options.repo ? existingFiles(input, options.repo) : [] });
  };
}
