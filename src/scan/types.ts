/**
 * The scanner contract. `devsquad audit` runs scanner families (code, secrets, dependencies, iac) over
 * a RepoFs and merges their findings; the engine (engine/) deduplicates on (cwe, file, line), applies
 * `devsquad-ignore` comments and the baseline, and report/ renders SARIF, JSON or a table.
 * Scanners read the repository only through RepoFs and never execute its code.
 */
import type { Finding } from '../core/finding.js';
import type { RepoFs } from '../core/repo/repo-fs.js';

export type ScanCategory = Finding['category'];
export const SCAN_CATEGORIES: readonly ScanCategory[] = ['code', 'secrets', 'dependencies', 'iac'];

export interface ScanOptions {
  /** Absolute path of the repository root (for git history and the vulnerability database). */
  root: string;
  signal?: AbortSignal;
  progress?: (percent: number, message: string) => void;
  /** Dependencies: a directory or zip of OSV JSON records; unset = the OSV API (online). */
  vulnDb?: string;
  /** Dependencies: OSV API base URL (tests point it at a local server). */
  osvApiUrl?: string;
  /** Secrets: also scan git history for secrets deleted but still committed. */
  history?: boolean;
}

/** What a scanner could not do (an unparseable lockfile, an unreachable API): never silently "clean". */
export interface ScanProblem {
  code: string;
  file?: string;
  message: string;
}

export interface ScanOutput {
  findings: Finding[];
  problems: ScanProblem[];
  /** Files or packages looked at, for the summary (`412 files`, `1,203 packages`). */
  scanned: number;
}

export interface Scanner {
  category: ScanCategory;
  displayName: string;
  scan(repo: RepoFs, options: ScanOptions): Promise<ScanOutput>;
}
