/** Placeholder: the Infrastructure as code scanner is being built. */
import type { Scanner } from '../types.js';

export const iacScanner: Scanner = {
  category: 'iac',
  displayName: 'Infrastructure as code',
  scan: () => Promise.resolve({ findings: [], problems: [], scanned: 0 }),
};
