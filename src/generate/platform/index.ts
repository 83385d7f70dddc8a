import type { Generator } from '../types.js';
import { generate, inputs, type PlatformInputs } from './generate.js';

export const platformGenerator: Generator<PlatformInputs> = {
  id: 'platform',
  displayName: 'Platform configs',
  description: 'vercel.json, wrangler.toml, ECS task definitions, Cloud Run services, a CloudFormation template, fly.toml and render.yaml from the plan.',
  optIn: true,
  inputs,
  generate,
};
