/** Placeholder: the Source code (OWASP Top 10) scanner is being built. */
import type { Scanner } from '../types.js';

export const codeScanner: Scanner = {
  category: 'code',
  displayName: 'Source code (OWASP Top 10)',
  scan: () => Promise.resolve({ findings: [], problems: [], scanned: 0 }),
};
