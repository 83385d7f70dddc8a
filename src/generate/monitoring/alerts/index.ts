import type { Generator } from '../../types.js';
import { generate, inputs, type AlertsInputs } from './generate.js';

export const alertsGenerator: Generator<AlertsInputs> = {
  id: 'alerts',
  displayName: 'Alerts',
  description: 'Alerts (being built).',
  inputs,
  generate,
};
