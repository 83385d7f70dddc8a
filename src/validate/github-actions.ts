// Placeholder: the github-actions validator is being written in this session.
import type { Diagnostic, Validator, ValidatorInput } from './types.js';

export const githubActionsValidator: Validator = {
  kind: 'github-actions',
  displayName: 'github-actions',
  matches: (_path: string) => false,
  validate: (_file: ValidatorInput): Diagnostic[] => [],
};
