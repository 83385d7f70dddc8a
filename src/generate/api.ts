/**
 * The generator registry: infrastructure artifact families by folder name, in alphabetical order.
 * `generate` with no --only runs every family with its default inputs. A test keeps keys and folders
 * in step. Monitoring parts (`devsquad observe`) have their own registry in monitoring/api.ts.
 */
import type { Generator } from './types.js';
import { ansibleGenerator } from './ansible/index.js';
import { ciGenerator } from './ci/index.js';
import { composeGenerator } from './compose/index.js';
import { dockerfileGenerator } from './dockerfile/index.js';
import { dockerignoreGenerator } from './dockerignore/index.js';
import { helmGenerator } from './helm/index.js';
import { kubernetesGenerator } from './kubernetes/index.js';
import { kustomizeGenerator } from './kustomize/index.js';
import { platformGenerator } from './platform/index.js';
import { runbooksGenerator } from './runbooks/index.js';
import { terraformGenerator } from './terraform/index.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each family has its own input type
export const generators: ReadonlyMap<string, Generator<any>> = new Map<string, Generator<any>>([
  ['ansible', ansibleGenerator],
  ['ci', ciGenerator],
  ['compose', composeGenerator],
  ['dockerfile', dockerfileGenerator],
  ['dockerignore', dockerignoreGenerator],
  ['helm', helmGenerator],
  ['kubernetes', kubernetesGenerator],
  ['kustomize', kustomizeGenerator],
  ['platform', platformGenerator],
  ['runbooks', runbooksGenerator],
  ['terraform', terraformGenerator],
]);
