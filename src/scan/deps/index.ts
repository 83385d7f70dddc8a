/** The Dependencies scanner: lockfiles matched against OSV advisories (offline data or the OSV API). */
import type { Scanner } from '../types.js';
import { scanDependencies } from './scan.js';

export const depsScanner: Scanner = {
  category: 'dependencies',
  displayName: 'Dependencies (OSV)',
  scan: (repo, options) => scanDependencies(repo, options),
};
