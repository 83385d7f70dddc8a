import type { Generator } from '../../types.js';
import { generate, inputs, type SentryInputs } from './generate.js';

export const sentryGenerator: Generator<SentryInputs> = {
  id: 'sentry',
  displayName: 'Sentry',
  description: 'Sentry (being built).',
  inputs,
  generate,
};
