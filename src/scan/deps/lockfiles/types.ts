/** What a lockfile parser returns: the exact versions installed, and what it could not read. */
import type { ScanProblem } from '../../types.js';

export type Ecosystem = 'npm' | 'PyPI' | 'Go' | 'crates.io' | 'RubyGems' | 'Packagist' | 'Maven';

export interface LockedPackage {
  ecosystem: Ecosystem;
  name: string;
  version: string;
  /** Listed by the project's own manifest (false = pulled in by another package). */
  direct: boolean;
  /** Only installed for development (devDependencies, dev groups, test scopes). */
  dev: boolean;
  /** Repo-relative lockfile path and the 1-based line of the package's entry (1 when unknown). */
  file: string;
  line: number;
}

export interface LockfileContext {
  /** Repo-relative path of the lockfile. */
  file: string;
  text: string;
  /** Reads a sibling file (package.json, go.sum, pyproject.toml); null when absent. */
  readText(rel: string): string | null;
}

export interface LockfileResult {
  packages: LockedPackage[];
  problems: ScanProblem[];
}

export type LockfileParser = (ctx: LockfileContext) => LockfileResult;

export class LockfileError extends Error {}
