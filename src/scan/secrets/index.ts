/**
 * Secrets: known token formats (secretlint's recommended preset) plus our high-entropy detector,
 * with allowlists for fixtures, lockfiles and placeholders; `--history` adds git history.
 * Secrets are always masked (first four characters and the length). See docs/audit/secrets.md.
 */
import type { Scanner } from '../types.js';
import { scanSecrets } from './scan.js';

export { SECRET_RULES } from './rules.js';

export const secretsScanner: Scanner = {
  category: 'secrets',
  displayName: 'Secrets',
  scan: scanSecrets,
};
