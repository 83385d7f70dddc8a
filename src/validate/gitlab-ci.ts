/** Placeholder: the gitlab-ci validator is being built. */
import type { Diagnostic, Validator } from './types.js';

export const gitlabCiValidator: Validator = {
  kind: 'gitlab-ci',
  displayName: 'gitlab-ci',
  matches: () => false,
  validate: (): Diagnostic[] => [],
};
