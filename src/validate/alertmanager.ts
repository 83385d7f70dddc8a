/** Placeholder: the alertmanager validator is being built. */
import type { Diagnostic, Validator } from './types.js';

export const alertmanagerValidator: Validator = {
  kind: 'alertmanager',
  displayName: 'alertmanager',
  matches: () => false,
  validate: (): Diagnostic[] => [],
};
