/**
 * One module per language renders that stack's Dockerfile body from a ServicePlan. generate.ts picks
 * the module by `service.language`, adds the devsquad header and hands the text to the validator.
 */
import type { ServicePlan } from '../../../plan/schema.js';
import type { DockerfileInputs } from '../generate.js';

export interface DockerfileRecipe {
  /** The whole Dockerfile, starting with `# syntax=docker/dockerfile:1`, without the devsquad header. */
  text: string;
  /** One line per notable choice ("base image node:22-alpine because .nvmrc says 22"), for --explain. */
  notes: string[];
}

export type StackRenderer = (service: ServicePlan, inputs: DockerfileInputs) => DockerfileRecipe;
