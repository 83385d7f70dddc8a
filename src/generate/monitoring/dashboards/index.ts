import type { Generator } from '../../types.js';
import { generate, inputs, type DashboardsInputs } from './generate.js';

export const dashboardsGenerator: Generator<DashboardsInputs> = {
  id: 'dashboards',
  displayName: 'Dashboards',
  description: 'Dashboards (being built).',
  inputs,
  generate,
};
