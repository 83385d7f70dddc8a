/** Placeholder: the Dependencies (OSV) scanner is being built. */
import type { Scanner } from '../types.js';

export const depsScanner: Scanner = {
  category: 'dependencies',
  displayName: 'Dependencies (OSV)',
  scan: () => Promise.resolve({ findings: [], problems: [], scanned: 0 }),
};
