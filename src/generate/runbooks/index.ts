import type { Generator } from '../types.js';
import { generate, inputs, type RunbooksInputs } from './generate.js';

export const runbooksGenerator: Generator<RunbooksInputs> = {
  id: 'runbooks',
  displayName: 'Runbooks',
  description: 'Runbooks (being built).',
  inputs,
  generate,
};
