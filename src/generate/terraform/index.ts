import type { Generator } from '../types.js';
import { generate, inputs, type TerraformInputs } from './generate.js';

export const terraformGenerator: Generator<TerraformInputs> = {
  id: 'terraform',
  displayName: 'Terraform',
  description: 'Terraform for AWS: network, ECS Fargate service and data modules, with dev, staging and production roots.',
  inputs,
  generate,
};
