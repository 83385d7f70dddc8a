/** Placeholder: the jenkinsfile validator is being built. */
import type { Diagnostic, Validator } from './types.js';

export const jenkinsfileValidator: Validator = {
  kind: 'jenkinsfile',
  displayName: 'jenkinsfile',
  matches: () => false,
  validate: (): Diagnostic[] => [],
};
