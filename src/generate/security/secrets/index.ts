import type { Generator } from '../../types.js';
import { generate, inputs, type SecretsInputs } from './generate.js';

export const secretsGenerator: Generator<SecretsInputs> = {
  id: 'secrets',
  displayName: 'Secrets management',
  description: 'A names-only secrets.env.example of every secret the plan found, provider wiring (Vault, AWS, GCP, Azure, Doppler, SOPS), External Secrets manifests and rotation notes.',
  inputs,
  generate,
};
