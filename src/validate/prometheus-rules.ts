/** Placeholder: the prometheus-rules validator is being built. */
import type { Diagnostic, Validator } from './types.js';

export const prometheusRulesValidator: Validator = {
  kind: 'prometheus-rules',
  displayName: 'prometheus-rules',
  matches: () => false,
  validate: (): Diagnostic[] => [],
};
