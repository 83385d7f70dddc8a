/** Placeholder: the Secrets scanner is being built. */
import type { Scanner } from '../types.js';

export const secretsScanner: Scanner = {
  category: 'secrets',
  displayName: 'Secrets',
  scan: () => Promise.resolve({ findings: [], problems: [], scanned: 0 }),
};
