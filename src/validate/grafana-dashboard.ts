/** Placeholder: the grafana-dashboard validator is being built. */
import type { Diagnostic, Validator } from './types.js';

export const grafanaDashboardValidator: Validator = {
  kind: 'grafana-dashboard',
  displayName: 'grafana-dashboard',
  matches: () => false,
  validate: (): Diagnostic[] => [],
};
