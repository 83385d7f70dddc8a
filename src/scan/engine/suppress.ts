/**
 * `devsquad-ignore: <ruleId>[, <ruleId>…] -- <reason>` comments, on the finding's line or the line
 * above. The marker is found inside any comment syntax (`//`, `#`, `/* *\/`, `<!-- -->`, `--`), so
 * one parser serves every language; trailing `*\/` and `-->` closers are not part of the reason.
 * A suppression without a reason still suppresses (the user meant it) but is itself reported as info,
 * so reviewers see it.
 */
import { createHash } from 'node:crypto';
import type { RepoFs } from '../../core/repo/repo-fs.js';
import type { AuditFinding } from './types.js';

export interface IgnoreComment {
  /** 1-based line of the comment. */
  line: number;
  ruleIds: string[];
  reason: string;
}

const MARKER = /devsquad-ignore:(.*)$/;

/** Parses one line; null when it has no `devsquad-ignore:` marker. */
export function parseIgnoreComment(text: string, line: number): IgnoreComment | null {
  const match = MARKER.exec(text);
  if (!match) return null;
  const rest = match[1]!.replace(/\s*(\*\/|-->)\s*$/, '');
  const separator = /\s--(\s|$)/.exec(rest);
  const idsPart = separator ? rest.slice(0, separator.index) : rest;
  const reason = separator ? rest.slice(separator.index + separator[0].length).trim() : '';
  const ruleIds = idsPart.split(/[\s,]+/).filter(Boolean);
  return { line, ruleIds, reason };
}

/** Reads every file once and answers "which comment (if any) suppresses this finding". */
export class IgnoreIndex {
  private readonly byFile = new Map<string, Map<number, IgnoreComment>>();

  constructor(private readonly repo: RepoFs) {}

  commentsIn(file: string): Map<number, IgnoreComment> {
    let comments = this.byFile.get(file);
    if (comments) return comments;
    comments = new Map();
    const text = this.repo.isFile(file) ? this.repo.readText(file) : null;
    if (text !== null && text.includes('devsquad-ignore:')) {
      const lines = text.split(/\r?\n/);
      for (const [index, lineText] of lines.entries()) {
        const comment = parseIgnoreComment(lineText, index + 1);
        if (comment) comments.set(index + 1, comment);
      }
    }
    this.byFile.set(file, comments);
    return comments;
  }

  /** The comment on the finding's line or the line above that names one of its rule ids. */
  match(finding: AuditFinding): IgnoreComment | null {
    const comments = this.commentsIn(finding.location.file);
    if (comments.size === 0) return null;
    const ids = new Set([finding.ruleId, ...(finding.relatedRuleIds ?? [])]);
    for (const line of [finding.location.line, finding.location.line - 1]) {
      const comment = comments.get(line);
      if (comment && comment.ruleIds.some((id) => ids.has(id))) return comment;
    }
    return null;
  }
}

export const MISSING_REASON_RULE = 'DSQ-AUDIT-0001';

/** The info finding for a `devsquad-ignore` comment that gives no reason. */
export function missingReasonFinding(file: string, comment: IgnoreComment, category: AuditFinding['category']): AuditFinding {
  const ids = comment.ruleIds.join(', ') || '(no rule id)';
  return {
    ruleId: MISSING_REASON_RULE,
    title: 'Suppression without a reason',
    severity: 'info',
    category,
    confidence: 'high',
    location: { file, line: comment.line },
    message: `devsquad-ignore: ${ids} suppresses a finding but gives no reason.`,
    recommendation: `Say why after two dashes: \`devsquad-ignore: ${comment.ruleIds[0] ?? '<ruleId>'} -- <reason>\`, so reviewers can judge it.`,
    fingerprint: createHash('sha256').update(`${MISSING_REASON_RULE}\0${file}\0${ids}`).digest('hex').slice(0, 32),
  };
}
