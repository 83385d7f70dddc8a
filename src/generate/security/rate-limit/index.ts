import type { Generator } from '../../types.js';
import { generate, inputs, type RateLimitInputs } from './generate.js';

export const rateLimitGenerator: Generator<RateLimitInputs> = {
  id: 'rate-limit',
  displayName: 'Rate limiting',
  description: 'Rate limiting (being built).',
  inputs,
  generate,
};
