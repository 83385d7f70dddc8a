import type { Generator } from '../types.js';
import { generate, inputs, type TerraformInputs } from './generate.js';

export const terraformGenerator: Generator<TerraformInputs> = {
  id: 'terraform',
  displayName: 'Terraform',
  description: 'Terraform for AWS (ECS Fargate), Google Cloud (Cloud Run), Azure (Container Apps) and Hetzner Cloud (servers with Compose): modules plus dev, staging and production roots.',
  inputs,
  generate,
};
