/**
 * The generator registry: artifact families by folder name, in alphabetical order. `generate` with
 * no --only runs every family with its default inputs. A test keeps keys and folders in step.
 */
import type { Generator } from './types.js';
import { ciGenerator } from './ci/index.js';
import { composeGenerator } from './compose/index.js';
import { dockerfileGenerator } from './dockerfile/index.js';
import { dockerignoreGenerator } from './dockerignore/index.js';
import { kubernetesGenerator } from './kubernetes/index.js';
import { terraformGenerator } from './terraform/index.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each family has its own input type
export const generators: ReadonlyMap<string, Generator<any>> = new Map<string, Generator<any>>([
  ['ci', ciGenerator],
  ['compose', composeGenerator],
  ['dockerfile', dockerfileGenerator],
  ['dockerignore', dockerignoreGenerator],
  ['kubernetes', kubernetesGenerator],
  ['terraform', terraformGenerator],
]);
