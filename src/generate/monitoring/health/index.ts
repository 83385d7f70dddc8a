import type { Generator } from '../../types.js';
import { generate, inputs, type HealthInputs } from './generate.js';

export const healthGenerator: Generator<HealthInputs> = {
  id: 'health',
  displayName: 'Health',
  description: 'Health (being built).',
  inputs,
  generate,
};
