import type { Generator } from '../../types.js';
import { generate, inputs, type SloInputs } from './generate.js';

export const sloGenerator: Generator<SloInputs> = {
  id: 'slo',
  displayName: 'Slo',
  description: 'Slo (being built).',
  inputs,
  generate,
};
