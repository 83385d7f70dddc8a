import type { Generator } from '../types.js';
import { generate, inputs, type ComposeInputs } from './generate.js';

export const composeGenerator: Generator<ComposeInputs> = {
  id: 'compose',
  displayName: 'Docker Compose',
  description: 'One compose.yaml for the whole repository: every service plus its backing services.',
  inputs,
  generate,
};
