import type { Generator } from '../types.js';
import { generate, inputs, type DockerfileInputs } from './generate.js';

export const dockerfileGenerator: Generator<DockerfileInputs> = {
  id: 'dockerfile',
  displayName: 'Dockerfile',
  description: 'A production-grade multi-stage Dockerfile per service.',
  inputs,
  generate,
};
