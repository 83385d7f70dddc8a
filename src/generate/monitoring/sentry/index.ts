import type { Generator } from '../../types.js';
import { generate, inputs, type SentryInputs } from './generate.js';

export const sentryGenerator: Generator<SentryInputs> = {
  id: 'sentry',
  displayName: 'Sentry',
  description: 'Sentry SDK setup per framework: DSN and release from the environment, sample rates per environment, PII scrubbing, session replay for Next.js.',
  inputs,
  generate,
  usesTypeScript: true,
};
