/**
 * The validator registry: one per file kind, in alphabetical order. `devsquad validate` picks one
 * by --kind or by file name; the writer runs the one for each generated file's kind.
 */
import type { FileKind } from '../generate/types.js';
import type { Validator } from './types.js';
import { composeValidator } from './compose.js';
import { dockerfileValidator } from './dockerfile.js';
import { dockerignoreValidator } from './dockerignore.js';
import { githubActionsValidator } from './github-actions.js';
import { kubernetesValidator } from './kubernetes.js';
import { terraformValidator } from './terraform.js';

export const validators: ReadonlyMap<FileKind, Validator> = new Map<FileKind, Validator>([
  ['compose', composeValidator],
  ['dockerfile', dockerfileValidator],
  ['dockerignore', dockerignoreValidator],
  ['github-actions', githubActionsValidator],
  ['kubernetes', kubernetesValidator],
  ['terraform', terraformValidator],
]);

/** The validator for a path, by file name, or undefined. */
export function validatorForPath(path: string): Validator | undefined {
  for (const validator of validators.values()) if (validator.matches(path)) return validator;
  return undefined;
}
