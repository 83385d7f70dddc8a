/** Placeholder: the otel-collector validator is being built. */
import type { Diagnostic, Validator } from './types.js';

export const otelCollectorValidator: Validator = {
  kind: 'otel-collector',
  displayName: 'otel-collector',
  matches: () => false,
  validate: (): Diagnostic[] => [],
};
