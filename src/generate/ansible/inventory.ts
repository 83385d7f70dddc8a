/**
 * Inventories per environment: hosts.yml (app_servers, db_servers when the plan has a database;
 * documentation addresses from RFC 5737 to replace), group_vars/all/main.yml (settings every role
 * shares) and group_vars/all/vault.yml (the Ansible Vault variables to fill in and encrypt: names
 * and instructions, never values).
 */
import type { DeployModel } from './model.js';
import { DOCKER_SUBNET } from './model.js';
import { ident, vaultVar } from './names.js';
import type { Task, TreeFile } from './tasks.js';

export const ENVIRONMENTS = ['dev', 'staging', 'production'] as const;
export type Environment = (typeof ENVIRONMENTS)[number];

const RETENTION: Record<Environment, number> = { dev: 7, staging: 14, production: 30 };

function hosts(env: Environment, withDb: boolean): Task {
  const host = (name: string, address: string): Task => ({ [name]: { ansible_host: address } });
  if (env === 'production') {
    const children: Task = { app_servers: { hosts: { ...host('production-app-1', '192.0.2.21'), ...host('production-app-2', '192.0.2.22') } } };
    if (withDb) children.db_servers = { hosts: host('production-db-1', '192.0.2.30') };
    return { all: { children } };
  }
  const address = env === 'dev' ? '192.0.2.10' : '192.0.2.11';
  const children: Task = { app_servers: { hosts: host(`${env}-1`, address) } };
  // One machine runs everything; the app reaches the databases through Docker's host gateway.
  if (withDb) children.db_servers = { hosts: { [`${env}-1`]: {} } };
  return { all: { children } };
}

function mainVars(env: Environment, model: DeployModel): Task {
  const withDb = model.postgresHost !== null || model.redisHost !== null;
  const out: Task = {
    deploy_environment: env,
    deploy_serial: 1,
    app_project: model.project,
    app_dir: `/opt/${model.project}`,
    app_fact_name: ident(model.project),
    app_registry: '',
    app_docker_subnet: DOCKER_SUBNET,
    app_volumes: model.volumes.map((v) => `${model.project}_${v}`),
    common_users: [],
    monitoring_allowed_cidrs: [],
    backup_dir: `/var/backups/${model.project}`,
    backup_retention_days: RETENTION[env],
  };
  if (withDb) out.db_client_cidrs = env === 'production' ? [DOCKER_SUBNET, '192.0.2.21/32', '192.0.2.22/32'] : [DOCKER_SUBNET];
  if (model.postgresHost) Object.assign(out, { postgresql_port: 5433, postgresql_db: 'app', postgresql_user: 'app', postgresql_password: '{{ vault_postgres_password }}' });
  return out;
}

const MAIN_COMMENTS: Record<string, string> = {
  deploy_serial: 'Hosts deployed at a time by deploy.yml and rollback.yml (a number or a percentage such as "50%").',
  app_registry: 'Registry and namespace the CI pushes images to, e.g. ghcr.io/your-org (required).',
  app_volumes: 'Named Docker volumes of the compose project that backups archive.',
  common_users: 'Admin users (SSH keys only), e.g. [{name: deploy, sudo: true, ssh_keys: ["ssh-ed25519 AAAA… you@laptop"]}].\n Root login and passwords are disabled by the common role: add yourself here before the first run.',
  monitoring_allowed_cidrs: 'Addresses of your Prometheus servers, allowed to scrape the exporters.',
  db_client_cidrs: 'Who may reach PgBouncer / Redis: the compose network and the app hosts (private addresses).',
};

interface VaultEntry {
  name: string;
  comment: string;
}

function vaultEntries(model: DeployModel): VaultEntry[] {
  const out: VaultEntry[] = [];
  for (const entry of model.env.filter((e) => e.secret)) {
    out.push({ name: vaultVar(entry.name), comment: `${entry.name}${entry.required ? ' (required)' : ' (optional: leave empty to not set it)'}` });
  }
  out.push({ name: 'vault_registry_password', comment: 'Registry token, used when app_registry_username is set (optional)' });
  return out;
}

export function inventoryFiles(model: DeployModel): TreeFile[] {
  const withDb = model.postgresHost !== null || model.redisHost !== null;
  const out: TreeFile[] = [];
  for (const env of ENVIRONMENTS) {
    const base = `inventories/${env}`;
    out.push({ path: `${base}/hosts.yml`, yaml: hosts(env, withDb), comment: `${env} hosts: replace the 192.0.2.x documentation addresses with yours.` });
    out.push({ path: `${base}/group_vars/all/main.yml`, yaml: mainVars(env, model), comment: `Settings for ${env}; role defaults (roles/*/defaults/main.yml) list the rest.`, keyComments: MAIN_COMMENTS });
    const entries = vaultEntries(model);
    const vault: Task = {};
    const comments: Record<string, string> = {};
    for (const entry of entries) {
      vault[entry.name] = '';
      comments[entry.name] = entry.comment;
    }
    out.push({
      path: `${base}/group_vars/all/vault.yml`,
      yaml: vault,
      comment: [
        `Ansible Vault variables for ${env}. This file holds names only: fill in each value, then encrypt it`,
        ` before committing: ansible-vault encrypt ${base}/group_vars/all/vault.yml`,
        ' Run playbooks with --ask-vault-pass (or --vault-password-file). Empty required values stop the app role.',
        ' Passwords end up in connection URLs: use letters, digits, - and _ only.',
      ].join('\n'),
      keyComments: comments,
    });
  }
  return out;
}
