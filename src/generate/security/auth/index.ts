import type { Generator } from '../../types.js';
import { generate, inputs, type AuthInputs } from './generate.js';

export const authGenerator: Generator<AuthInputs> = {
  id: 'auth',
  displayName: 'Authentication',
  description: 'Authentication (being built).',
  inputs,
  generate,
};
