import type { Generator } from '../types.js';
import { generate, inputs, type PlatformInputs } from './generate.js';

export const platformGenerator: Generator<PlatformInputs> = {
  id: 'platform',
  displayName: 'Platform configs',
  description: 'Platform configs (being built).',
  inputs,
  generate,
};
