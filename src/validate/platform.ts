/** Placeholder: the platform validator is being built. */
import type { Diagnostic, Validator } from './types.js';

export const platformValidator: Validator = {
  kind: 'platform',
  displayName: 'platform',
  matches: () => false,
  validate: (): Diagnostic[] => [],
};
