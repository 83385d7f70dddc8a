// Placeholder until the compose validator lands in this session.
import type { Diagnostic, Validator, ValidatorInput } from './types.js';

export const composeValidator: Validator = {
  kind: 'compose',
  displayName: 'compose',
  matches: (_path: string) => false,
  validate: (_file: ValidatorInput): Diagnostic[] => [],
};
