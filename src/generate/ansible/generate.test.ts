/**
 * What a user relies on in deploy/ansible/: database roles only when the plan has the database,
 * the compose project wired to them through extra_hosts, secrets only as Vault variables, rolling
 * deploys and a rollback to the recorded previous tag, and byte-identical output on every run.
 */
import path from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { EXAMPLES_DIR, planOf } from '../../../test/helpers.js';
import type { GeneratedFile } from '../types.js';
import { generate, inputs } from './generate.js';

function filesOf(example: string, options = inputs.parse({})): Map<string, GeneratedFile> {
  const plan = planOf(path.join(EXAMPLES_DIR, example));
  const files = generate({ plan, services: plan.services, version: '0.0.0-test' }, options);
  return new Map(files.map((f) => [f.path.replace('deploy/ansible/', ''), f]));
}

function yamlOf(files: Map<string, GeneratedFile>, file: string): unknown {
  const found = files.get(file);
  if (!found) throw new Error(`${file} not generated`);
  return parse(found.content);
}

describe('ansible generator', () => {
  const phoenix = filesOf('elixir-phoenix');

  it('adds PostgreSQL behind PgBouncer and Redis when the plan has them, and maps their host names', () => {
    for (const role of ['postgresql', 'pgbouncer', 'redis']) expect(phoenix.has(`roles/${role}/tasks/main.yml`), role).toBe(true);
    const compose = yamlOf(phoenix, 'roles/app/files/compose.yaml') as { services: Record<string, { image: string; build?: unknown; extra_hosts?: string[] }> };
    expect(Object.keys(compose.services)).not.toContain('postgres');
    expect(Object.keys(compose.services)).not.toContain('redis');
    const app = Object.values(compose.services)[0]!;
    expect(app.build).toBeUndefined();
    expect(app.image).toMatch(/^\$\{IMAGE_REGISTRY:\?[^}]*\}\/elixir-phoenix(-[a-z-]+)?:\$\{IMAGE_TAG:\?[^}]*\}$/);
    expect(app.extra_hosts).toEqual(['postgres:${POSTGRES_HOST_ADDRESS:-host-gateway}', 'redis:${REDIS_HOST_ADDRESS:-host-gateway}']);
    const site = yamlOf(phoenix, 'site.yml') as Array<{ hosts: string; roles: string[] }>;
    expect(site.map((p) => [p.hosts, p.roles])).toEqual([
      ['all', ['common']],
      ['db_servers', ['postgresql', 'pgbouncer', 'redis']],
      ['app_servers', ['docker', 'app']],
      ['all', ['monitoring', 'backup']],
    ]);
  });

  it('keeps secrets as empty Vault variables and renders them with no_log', () => {
    for (const env of ['dev', 'staging', 'production']) {
      const vault = yamlOf(phoenix, `inventories/${env}/group_vars/all/vault.yml`) as Record<string, string>;
      expect(vault.vault_postgres_password).toBe('');
      expect(Object.values(vault).every((v) => v === '')).toBe(true);
    }
    const defaults = yamlOf(phoenix, 'roles/app/defaults/main.yml') as { app_secret_env: Record<string, string> };
    expect(defaults.app_secret_env.POSTGRES_PASSWORD).toBe('{{ vault_postgres_password }}');
    const tasks = yamlOf(phoenix, 'roles/app/tasks/main.yml') as Array<Record<string, unknown>>;
    const envTask = tasks.find((t) => (t['ansible.builtin.template'] as { src?: string } | undefined)?.src === 'env.j2');
    expect(envTask?.no_log).toBe(true);
  });

  it('deploys one host at a time and rolls back to the tag recorded in the fact file', () => {
    const deploy = yamlOf(phoenix, 'deploy.yml') as Array<Record<string, unknown>>;
    expect(deploy[0]).toMatchObject({ hosts: 'app_servers', serial: '{{ deploy_serial | default(1) }}', max_fail_percentage: 0, roles: ['app'] });
    const rollback = phoenix.get('rollback.yml')?.content ?? '';
    expect(rollback).toContain("get('previous_tag', '')");
    expect(phoenix.get('roles/app/tasks/main.yml')?.content).toContain('/etc/ansible/facts.d/{{ app_fact_name }}.fact');
  });

  it('waits on the health route from the plan', () => {
    const defaults = yamlOf(filesOf('node-express'), 'roles/app/defaults/main.yml') as { app_health_checks: unknown; app_env: Record<string, string> };
    expect(defaults.app_health_checks).toEqual([{ service: 'notes-api', port_var: 'NOTES_API_HOST_PORT', path: '/healthz' }]);
    expect(defaults.app_env.NOTES_API_HOST_PORT).toBe('3000');
  });

  it('leaves database roles out when the plan has no database, or when asked to keep them in compose', () => {
    const site = filesOf('static-html');
    expect([...site.keys()].some((p) => p.startsWith('roles/postgresql'))).toBe(false);
    expect(site.get('inventories/production/hosts.yml')?.content).not.toContain('db_servers');
    const kept = filesOf('elixir-phoenix', inputs.parse({ hostDatabases: false }));
    expect(kept.has('roles/postgresql/tasks/main.yml')).toBe(false);
    expect(Object.keys((yamlOf(kept, 'roles/app/files/compose.yaml') as { services: object }).services)).toContain('postgres');
  });

  it('is deterministic', () => {
    const again = filesOf('elixir-phoenix');
    expect([...again.entries()].map(([p, f]) => [p, f.content])).toEqual([...phoenix.entries()].map(([p, f]) => [p, f.content]));
  });
});
