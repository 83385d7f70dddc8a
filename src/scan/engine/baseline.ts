/**
 * The baseline: fingerprints of accepted findings, so a team can adopt the audit on an old codebase
 * and fail CI only on new problems. Matching is by fingerprint (stable across line shifts), never by
 * line number. `--update-baseline` rewrites the file atomically with the current findings, keeping
 * the reasons people wrote for entries that still match.
 */
import fs from 'node:fs';
import { z } from 'zod';
import { DsqError } from '../../core/errors.js';
import { writeFileAtomic } from '../../write/atomic.js';
import type { AuditFinding } from './types.js';

const BaselineEntry = z.object({
  fingerprint: z.string().min(1),
  ruleId: z.string(),
  file: z.string(),
  reason: z.string().optional(),
});

const BaselineFile = z.object({
  version: z.literal(1),
  entries: z.array(BaselineEntry),
});

export type BaselineEntry = z.infer<typeof BaselineEntry>;

/** Reads a baseline; null when the file does not exist and `required` is false. */
export function readBaseline(file: string, required: boolean): Map<string, BaselineEntry> | null {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' && !required) return null;
    throw new DsqError('DSQ_ERR_AUDIT_BASELINE_INVALID', { path: file, reason: (error as NodeJS.ErrnoException).code ?? (error as Error).message }, { cause: error });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new DsqError('DSQ_ERR_AUDIT_BASELINE_INVALID', { path: file, reason: `not JSON (${(error as Error).message})` }, { cause: error });
  }
  const parsed = BaselineFile.safeParse(json);
  if (!parsed.success) {
    const reason = parsed.error.issues.slice(0, 3).map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    throw new DsqError('DSQ_ERR_AUDIT_BASELINE_INVALID', { path: file, reason }, { cause: parsed.error });
  }
  return new Map(parsed.data.entries.map((e) => [e.fingerprint, e]));
}

/** Writes every given finding's fingerprint, sorted for clean diffs; returns the entry count. */
export function writeBaseline(file: string, findings: readonly AuditFinding[], previous: Map<string, BaselineEntry> | null): number {
  const entries = new Map<string, BaselineEntry>();
  for (const f of findings) {
    const reason = previous?.get(f.fingerprint)?.reason;
    entries.set(f.fingerprint, { fingerprint: f.fingerprint, ruleId: f.ruleId, file: f.location.file, ...(reason ? { reason } : {}) });
  }
  const sorted = [...entries.values()].sort((a, b) => a.file.localeCompare(b.file) || a.ruleId.localeCompare(b.ruleId) || a.fingerprint.localeCompare(b.fingerprint));
  writeFileAtomic(file, JSON.stringify({ version: 1, entries: sorted }, null, 2) + '\n');
  return sorted.length;
}
