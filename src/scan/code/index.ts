/** The source code scanner (OWASP Top 10 2021): rules as data in rules/code/, see readme.md. */
import type { Scanner } from '../types.js';
import { scanCode } from './scan.js';

export const codeScanner: Scanner = {
  category: 'code',
  displayName: 'Source code (OWASP Top 10)',
  scan: (repo, options) => scanCode(repo, options),
};
