// Placeholder until the dockerignore validator lands in this session.
import type { Diagnostic, Validator, ValidatorInput } from './types.js';

export const dockerignoreValidator: Validator = {
  kind: 'dockerignore',
  displayName: 'dockerignore',
  matches: (_path: string) => false,
  validate: (_file: ValidatorInput): Diagnostic[] => [],
};
