import type { Generator } from '../../types.js';
import { generate, inputs, type HeadersInputs } from './generate.js';

export const headersGenerator: Generator<HeadersInputs> = {
  id: 'headers',
  displayName: 'Security headers',
  description: 'Security headers (being built).',
  inputs,
  generate,
};
