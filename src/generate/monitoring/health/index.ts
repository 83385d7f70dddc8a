import type { Generator } from '../../types.js';
import { generate, inputs, type HealthInputs } from './generate.js';

export const healthGenerator: Generator<HealthInputs> = {
  id: 'health',
  displayName: 'Health checks',
  description: 'Liveness, readiness (checks each backing service in the plan) and startup endpoints for the detected framework (Node, Python, Go).',
  inputs,
  generate,
  usesTypeScript: true,
};
