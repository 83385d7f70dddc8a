import type { Generator } from '../../types.js';
import { generate, inputs, type DashboardsInputs } from './generate.js';

export const dashboardsGenerator: Generator<DashboardsInputs> = {
  id: 'dashboards',
  displayName: 'Dashboards',
  description: 'Grafana dashboards: golden signals per service, one per backing service, SLO budgets and burn rates, plus provisioning.',
  inputs,
  generate,
};
