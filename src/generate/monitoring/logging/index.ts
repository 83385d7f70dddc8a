import type { Generator } from '../../types.js';
import { generate, inputs, type LoggingInputs } from './generate.js';

export const loggingGenerator: Generator<LoggingInputs> = {
  id: 'logging',
  displayName: 'Structured logging',
  description: 'JSON logging (pino, structlog, slog) with request ids, trace ids and redaction of secrets and PII.',
  inputs,
  generate,
  usesTypeScript: true,
};
