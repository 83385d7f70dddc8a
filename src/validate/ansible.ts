/** Placeholder: the ansible validator is being built. */
import type { Diagnostic, Validator } from './types.js';

export const ansibleValidator: Validator = {
  kind: 'ansible',
  displayName: 'ansible',
  matches: () => false,
  validate: (): Diagnostic[] => [],
};
