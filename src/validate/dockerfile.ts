// Placeholder until the dockerfile validator lands in this session.
import type { Diagnostic, Validator, ValidatorInput } from './types.js';

export const dockerfileValidator: Validator = {
  kind: 'dockerfile',
  displayName: 'dockerfile',
  matches: (_path: string) => false,
  validate: (_file: ValidatorInput): Diagnostic[] => [],
};
