/**
 * The Validator contract: a real parser or schema for one kind of file, plus our best-practice rules,
 * returning diagnostics with stable rule ids. Generated files must come out clean; users run the same
 * validators on their own files with `devsquad validate`.
 */
import type { FileKind } from '../generate/types.js';

export type Severity = 'critical' | 'high' | 'medium' | 'low' | 'info';
export const SEVERITIES: readonly Severity[] = ['critical', 'high', 'medium', 'low', 'info'];

export function severityRank(severity: Severity): number {
  return SEVERITIES.length - SEVERITIES.indexOf(severity);
}

export interface Diagnostic {
  /** Stable rule id (DSQ-DF-0001, DSQ-DC-0003, …); parse and schema errors have ids too. */
  ruleId: string;
  severity: Severity;
  message: string;
  file: string;
  line?: number;
  column?: number;
  /** What to do about it. Always set. */
  recommendation: string;
}

export interface ValidatorInput {
  path: string;
  content: string;
}

export interface Validator {
  kind: FileKind;
  displayName: string;
  /** Whether a file name looks like this kind (used when `validate` is not told the kind). */
  matches(path: string): boolean;
  validate(file: ValidatorInput): Diagnostic[];
  /**
   * Optional checks that need several files of this kind at once (Terraform: references across the
   * .tf files of one directory). Returns only what `validate` does not; each diagnostic names its file.
   */
  validateSet?(files: readonly ValidatorInput[]): Diagnostic[];
}

/** Rule metadata for policy rules: documented in docs/rules/, ids never reused. */
export interface RuleInfo {
  id: string;
  title: string;
  severity: Severity;
  recommendation: string;
}
