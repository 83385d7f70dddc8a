/**
 * The scanner registry, by folder name in alphabetical order: `devsquad audit --only code,secrets,…`
 * picks from it (keys are the folder names; each scanner's category names its SARIF run).
 */
import type { Scanner } from './types.js';
import { codeScanner } from './code/index.js';
import { depsScanner } from './deps/index.js';
import { iacScanner } from './iac/index.js';
import { secretsScanner } from './secrets/index.js';

export const scanners: ReadonlyMap<string, Scanner> = new Map<string, Scanner>([
  ['code', codeScanner],
  ['deps', depsScanner],
  ['iac', iacScanner],
  ['secrets', secretsScanner],
]);
