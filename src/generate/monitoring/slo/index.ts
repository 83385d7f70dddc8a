import type { Generator } from '../../types.js';
import { generate, inputs, type SloInputs } from './generate.js';

export const sloGenerator: Generator<SloInputs> = {
  id: 'slo',
  displayName: 'SLOs',
  description: 'OpenSLO specs, recording rules and multi-window multi-burn-rate alerts per service, promtool tests, error-budget policy and SLA table.',
  inputs,
  generate,
};
