import type { Generator } from '../../types.js';
import { generate, inputs, type AlertsInputs } from './generate.js';

export const alertsGenerator: Generator<AlertsInputs> = {
  id: 'alerts',
  displayName: 'Alerts',
  description: 'Prometheus alerts beyond SLOs (target down, restarts, saturation, certificates, backing services) with runbooks, and Alertmanager routing.',
  inputs,
  generate,
};
