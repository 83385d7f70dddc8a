import type { Generator } from '../types.js';
import { generate, inputs, type TerraformInputs } from './generate.js';

export const terraformGenerator: Generator<TerraformInputs> = {
  id: 'terraform',
  displayName: 'Terraform',
  description: 'Terraform modules and environments per cloud.',
  inputs,
  generate,
};
