import type { Generator } from '../../types.js';
import { generate, inputs, type OtelInputs } from './generate.js';

export const otelGenerator: Generator<OtelInputs> = {
  id: 'otel',
  displayName: 'Otel',
  description: 'Otel (being built).',
  inputs,
  generate,
};
