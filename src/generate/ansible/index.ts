import type { Generator } from '../types.js';
import { generate, inputs, type AnsibleInputs } from './generate.js';

export const ansibleGenerator: Generator<AnsibleInputs> = {
  id: 'ansible',
  displayName: 'Ansible',
  description: 'Ansible roles, playbooks and per-environment inventories: hardened hosts, Docker, the compose project under systemd, PostgreSQL + PgBouncer, Redis, exporters and backups.',
  optIn: true,
  inputs,
  generate,
};
