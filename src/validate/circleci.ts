/** Placeholder: the circleci validator is being built. */
import type { Diagnostic, Validator } from './types.js';

export const circleciValidator: Validator = {
  kind: 'circleci',
  displayName: 'circleci',
  matches: () => false,
  validate: (): Diagnostic[] => [],
};
