import type { Generator } from '../types.js';
import { generate, inputs, type CiInputs } from './generate.js';

export const ciGenerator: Generator<CiInputs> = {
  id: 'ci',
  displayName: 'CI/CD pipelines',
  description: 'A CI/CD pipeline per provider from one pipeline model.',
  inputs,
  generate,
};
