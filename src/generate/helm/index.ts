import type { Generator } from '../types.js';
import { generate, inputs, type HelmInputs } from './generate.js';

export const helmGenerator: Generator<HelmInputs> = {
  id: 'helm',
  displayName: 'Helm chart',
  description: 'Helm chart (being built).',
  inputs,
  generate,
};
