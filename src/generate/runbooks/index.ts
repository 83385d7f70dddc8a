import type { Generator } from '../types.js';
import { generate, inputs, type RunbooksInputs } from './generate.js';

export const runbooksGenerator: Generator<RunbooksInputs> = {
  id: 'runbooks',
  displayName: 'Runbooks',
  description: 'Deployment, rollback, infrastructure (Mermaid) and troubleshooting runbooks in docs/deploy/.',
  inputs,
  generate,
};
