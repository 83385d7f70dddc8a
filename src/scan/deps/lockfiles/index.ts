/** Which parser reads which lockfile, by file name. */
import { parseBunLock } from './bun.js';
import { parseGoMod } from './go.js';
import { parsePackageLock } from './npm.js';
import { parseCargoLock, parseComposerLock, parseGemfileLock, parseGradleLockfile } from './other.js';
import { parsePnpmLock } from './pnpm.js';
import { parsePipfileLock, parsePoetryLock, parseUvLock } from './python.js';
import { parseRequirements } from './requirements.js';
import type { LockfileParser } from './types.js';
import { parseYarnLock } from './yarn.js';

export const LOCKFILES: ReadonlyMap<string, LockfileParser> = new Map<string, LockfileParser>([
  ['package-lock.json', parsePackageLock],
  ['npm-shrinkwrap.json', parsePackageLock],
  ['pnpm-lock.yaml', parsePnpmLock],
  ['yarn.lock', parseYarnLock],
  ['bun.lock', parseBunLock],
  ['poetry.lock', parsePoetryLock],
  ['uv.lock', parseUvLock],
  ['Pipfile.lock', parsePipfileLock],
  ['go.mod', parseGoMod],
  ['Cargo.lock', parseCargoLock],
  ['Gemfile.lock', parseGemfileLock],
  ['gems.locked', parseGemfileLock],
  ['composer.lock', parseComposerLock],
  ['gradle.lockfile', parseGradleLockfile],
]);

/** requirements.txt, requirements-dev.txt, requirements/prod.txt … (not *.in: those are ranges by design). */
export function isRequirementsFile(path: string): boolean {
  const base = path.slice(path.lastIndexOf('/') + 1);
  return /^requirements([._-][\w.-]*)?\.txt$/i.test(base) || (/(^|\/)requirements\/[^/]+\.txt$/i.test(path));
}

export function parserFor(path: string): LockfileParser | null {
  const base = path.slice(path.lastIndexOf('/') + 1);
  return LOCKFILES.get(base) ?? (isRequirementsFile(path) ? parseRequirements : null);
}

/**
 * Manifests that declare dependencies, and the lockfiles that pin them. A manifest with no lockfile
 * in its directory or an ancestor (a workspace root) cannot be checked: reported, never silent.
 */
export const MANIFEST_LOCKS: ReadonlyArray<{ manifest: string; locks: string[]; note: string }> = [
  { manifest: 'package.json', locks: ['package-lock.json', 'npm-shrinkwrap.json', 'pnpm-lock.yaml', 'yarn.lock', 'bun.lock', 'bun.lockb'], note: 'commit the lockfile your package manager writes' },
  { manifest: 'Pipfile', locks: ['Pipfile.lock'], note: 'run `pipenv lock` and commit Pipfile.lock' },
  { manifest: 'Cargo.toml', locks: ['Cargo.lock'], note: 'commit Cargo.lock' },
  { manifest: 'Gemfile', locks: ['Gemfile.lock', 'gems.locked'], note: 'commit Gemfile.lock' },
  { manifest: 'composer.json', locks: ['composer.lock'], note: 'commit composer.lock' },
  { manifest: 'pom.xml', locks: [], note: 'Maven has no lockfile, so the versions Maven resolves are not known without running it; generate a lockfile with Gradle dependency locking, or audit the built artifact' },
  { manifest: 'build.gradle', locks: ['gradle.lockfile'], note: 'enable Gradle dependency locking (`dependencyLocking { lockAllConfigurations() }`) and commit gradle.lockfile' },
  { manifest: 'build.gradle.kts', locks: ['gradle.lockfile'], note: 'enable Gradle dependency locking (`dependencyLocking { lockAllConfigurations() }`) and commit gradle.lockfile' },
];

export type { LockedPackage, LockfileContext, LockfileResult, LockfileParser, Ecosystem } from './types.js';
