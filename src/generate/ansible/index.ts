import type { Generator } from '../types.js';
import { generate, inputs, type AnsibleInputs } from './generate.js';

export const ansibleGenerator: Generator<AnsibleInputs> = {
  id: 'ansible',
  displayName: 'Ansible',
  description: 'Ansible (being built).',
  inputs,
  generate,
};
