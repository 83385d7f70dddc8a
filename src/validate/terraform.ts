// Placeholder: the terraform validator is being written in this session.
import type { Diagnostic, Validator, ValidatorInput } from './types.js';

export const terraformValidator: Validator = {
  kind: 'terraform',
  displayName: 'terraform',
  matches: (_path: string) => false,
  validate: (_file: ValidatorInput): Diagnostic[] => [],
};
