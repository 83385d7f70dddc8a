/**
 * Rules of the ansible validator (docs/rules/ansible.md). Ids are stable and never reused.
 */
import type { RuleInfo } from './types.js';

export const ANSIBLE_RULES = {
  parse: {
    id: 'DSQ-AN-0001',
    title: 'YAML syntax',
    severity: 'high',
    recommendation: 'Correct the YAML at the reported line; `ansible-playbook --syntax-check` shows how Ansible reads it.',
  },
  play: {
    id: 'DSQ-AN-0002',
    title: 'Play without hosts or work',
    severity: 'high',
    recommendation: 'Give every play `hosts:` and at least one of `tasks`, `roles`, `pre_tasks`, `post_tasks` or `handlers` (or make it an `import_playbook`).',
  },
  name: {
    id: 'DSQ-AN-0003',
    title: 'Task without a name',
    severity: 'low',
    recommendation: 'Add `name:` saying what the task achieves: it is what the run output, --start-at-task and --list-tasks show.',
  },
  module: {
    id: 'DSQ-AN-0004',
    title: 'Task without exactly one module',
    severity: 'high',
    recommendation: 'A task calls one module: split tasks that name two, and check the spelling of keywords (a typo is read as a module).',
  },
  fqcn: {
    id: 'DSQ-AN-0005',
    title: 'Module not named by its FQCN',
    severity: 'low',
    recommendation: 'Use the fully qualified collection name (`ansible.builtin.copy`, `community.general.ufw`): short names can resolve to a different collection.',
  },
  password: {
    id: 'DSQ-AN-0006',
    title: 'Plaintext secret',
    severity: 'high',
    recommendation: 'Reference an Ansible Vault variable (`password: "{{ vault_db_password }}"`, defined in an encrypted vault.yml) instead of writing the value.',
  },
  noLog: {
    id: 'DSQ-AN-0007',
    title: 'Secret used without no_log',
    severity: 'medium',
    recommendation: 'Add `no_log: true` to tasks that pass secrets, so values never reach the run output or logs.',
  },
} as const satisfies Record<string, RuleInfo>;

export type AnsibleRule = (typeof ANSIBLE_RULES)[keyof typeof ANSIBLE_RULES];

/** Task keywords (everything in a task that is not the module). */
export const TASK_KEYWORDS = new Set([
  'name', 'args', 'async', 'poll', 'become', 'become_exe', 'become_flags', 'become_method', 'become_user', 'changed_when',
  'check_mode', 'collections', 'connection', 'debugger', 'delay', 'delegate_facts', 'delegate_to', 'diff', 'environment',
  'failed_when', 'ignore_errors', 'ignore_unreachable', 'listen', 'loop', 'loop_control', 'module_defaults', 'no_log',
  'notify', 'port', 'register', 'remote_user', 'retries', 'run_once', 'tags', 'throttle', 'timeout', 'until', 'vars',
  'when', 'any_errors_fatal',
]);

export const BLOCK_KEYS = ['block', 'rescue', 'always'] as const;

/** Play sections holding tasks. */
export const PLAY_TASK_SECTIONS = ['pre_tasks', 'tasks', 'post_tasks', 'handlers'] as const;

/** Keys whose value is a secret when written literally. */
export const SECRET_KEY = /(^|_)(password|passwd|secret|token|api_key|private_key)$/i;
/** Module options named like secrets that are not (`update_password: on_create`). */
export const NOT_SECRET_KEYS = new Set(['update_password', 'no_password_changes', 'password_lock']);
/** A variable reference that carries a secret. */
export const SECRET_VARIABLE = /\{\{[^}]*\b(vault_\w+|\w*(password|passwd|secret|token)\w*)\b/i;
