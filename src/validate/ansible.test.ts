/**
 * The ansible validator: docs/rules/ansible.md documents every rule (in the format of
 * rules-docs.test.ts) and each bad snippet triggers its rule while the good one does not; plus the
 * file roles a user's tree has (task files, vars, encrypted vault files).
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../test/helpers.js';
import { ansibleValidator, validateAnsible } from './ansible.js';
import { ANSIBLE_RULES } from './ansible-rules.js';

function sections(): Array<{ id: string; bad: string; good: string }> {
  const text = fs.readFileSync(path.join(REPO_ROOT, 'docs/rules/ansible.md'), 'utf8');
  return text.split(/^## /m).slice(1).map((chunk) => {
    const code = /```\w*\n([\s\S]*?)```/.exec(chunk)?.[1] ?? '';
    const [bad = '', good = ''] = code.split(/^# good.*\n/m);
    return { id: chunk.split(/\s/)[0] ?? '', bad: bad.replace(/^# bad.*\n/m, ''), good };
  });
}

const ids = (content: string, file = 'deploy/ansible/site.yml'): string[] => validateAnsible({ path: file, content }).map((d) => d.ruleId);

describe('docs/rules/ansible.md', () => {
  const documented = sections();
  it('has one section per rule, in id order', () => {
    expect(documented.map((s) => s.id)).toEqual(Object.values(ANSIBLE_RULES).map((r) => r.id).sort());
  });
  for (const section of documented) {
    it(`${section.id}: the bad snippet triggers the rule and the good one does not`, () => {
      expect(ids(section.bad), 'bad').toContain(section.id);
      expect(ids(section.good), 'good').not.toContain(section.id);
    });
  }
});

describe('ansible validator', () => {
  it('checks role task files as task lists, with the line of the task', () => {
    const found = validateAnsible({ path: 'ansible/roles/web/tasks/main.yml', content: '---\n- name: Ok\n  ansible.builtin.debug:\n    msg: hi\n- copy:\n    src: a\n    dest: /b\n' });
    expect(found.map((d) => [d.ruleId, d.line])).toEqual([['DSQ-AN-0003', 5], ['DSQ-AN-0005', 5]]);
  });

  it('walks into blocks', () => {
    expect(ids('- name: P\n  hosts: all\n  tasks:\n    - name: B\n      block:\n        - name: T\n          command: id\n')).toEqual(['DSQ-AN-0005']);
  });

  it('reads vars files for secrets only and skips encrypted vault files', () => {
    expect(ids('db_password: s3cret\napi_token: "{{ vault_api_token }}"\nupdate_password: on_create\n', 'ansible/group_vars/all/main.yml')).toEqual(['DSQ-AN-0006']);
    expect(ids('vault_db_password: ""\n', 'ansible/group_vars/all/vault.yml')).toEqual([]);
    expect(ids('$ANSIBLE_VAULT;1.1;AES256\n6162\n', 'ansible/group_vars/all/vault.yml')).toEqual([]);
  });

  it('accepts !vault values and import_playbook entries', () => {
    expect(ids('- ansible.builtin.import_playbook: site.yml\n- name: P\n  hosts: all\n  vars:\n    db_password: !vault |\n      $ANSIBLE_VAULT;1.1;AES256\n      6162\n  roles: [common]\n')).toEqual([]);
  });

  it('matches YAML under an ansible/ directory only', () => {
    expect(ansibleValidator.matches('deploy/ansible/site.yml')).toBe(true);
    expect(ansibleValidator.matches('deploy/ansible/roles/app/tasks/main.yml')).toBe(true);
    expect(ansibleValidator.matches('deploy/ansible/roles/app/files/compose.yaml')).toBe(false);
    expect(ansibleValidator.matches('.github/workflows/ci.yml')).toBe(false);
  });
});
