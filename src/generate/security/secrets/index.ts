import type { Generator } from '../../types.js';
import { generate, inputs, type SecretsInputs } from './generate.js';

export const secretsGenerator: Generator<SecretsInputs> = {
  id: 'secrets',
  displayName: 'Secrets management',
  description: 'Secrets management (being built).',
  inputs,
  generate,
};
