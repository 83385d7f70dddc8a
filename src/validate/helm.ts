/** Placeholder: the helm validator is being built. */
import type { Diagnostic, Validator } from './types.js';

export const helmValidator: Validator = {
  kind: 'helm',
  displayName: 'helm',
  matches: () => false,
  validate: (): Diagnostic[] => [],
};
