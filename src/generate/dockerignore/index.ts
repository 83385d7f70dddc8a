import type { Generator } from '../types.js';
import { generate, inputs, type DockerignoreInputs } from './generate.js';

export const dockerignoreGenerator: Generator<DockerignoreInputs> = {
  id: 'dockerignore',
  displayName: '.dockerignore',
  description: 'A .dockerignore per build context.',
  inputs,
  generate,
};
