import type { Generator } from '../../types.js';
import { generate, inputs, type LoggingInputs } from './generate.js';

export const loggingGenerator: Generator<LoggingInputs> = {
  id: 'logging',
  displayName: 'Logging',
  description: 'Logging (being built).',
  inputs,
  generate,
};
