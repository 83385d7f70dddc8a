/**
 * The app role: the adapted compose.yaml (see model.ts) run as a systemd-managed compose project in
 * /opt/<project>. The .env it reads is rendered from app_env (plain settings) and app_secret_env
 * (Ansible Vault variables, rendered with no_log). Images are pulled at the release tag, the unit is
 * reloaded, each service's health route (or port) is waited on, and the release is recorded in a
 * local fact so rollback.yml can return to the previous tag.
 */
import type { DeployModel } from './model.js';
import { DEPLOY_VARS } from './model.js';
import { ident, vaultVar } from './names.js';
import type { Role, Task } from './tasks.js';
import { literal, task } from './tasks.js';

const ENV_TEMPLATE = [
  '# {{ ansible_managed }}',
  '# Read by docker compose for the ${VAR} references in compose.yaml. Secrets come from Ansible Vault.',
  '{% for name, value in (app_env | combine(app_secret_env)) | dictsort %}',
  '{% if value | string | length > 0 %}',
  "{% if \"'\" in value | string %}{{ name }}={{ value | string | to_json }}{% else %}{{ name }}='{{ value }}'{% endif %}",
  '',
  '{% endif %}',
  '{% endfor %}',
  '',
].join('\n');

const UNIT = [
  '# {{ ansible_managed }}',
  '[Unit]',
  'Description={{ app_project }} (docker compose project in {{ app_dir }})',
  'Requires=docker.service',
  'After=docker.service network-online.target',
  'Wants=network-online.target',
  '',
  '[Service]',
  'Type=oneshot',
  'RemainAfterExit=yes',
  'WorkingDirectory={{ app_dir }}',
  'ExecStart=/usr/bin/docker compose up --detach --remove-orphans',
  '# Reload applies a new .env or compose.yaml: only changed containers are recreated.',
  'ExecReload=/usr/bin/docker compose up --detach --remove-orphans',
  'ExecStop=/usr/bin/docker compose down',
  'TimeoutStartSec=300',
  '',
  '[Install]',
  'WantedBy=multi-user.target',
  '',
].join('\n');

/** Ansible expression for the address of the first db_servers host as seen from an app host. */
const DB_ADDRESS = "{{ 'host-gateway' if inventory_hostname in groups['db_servers'] else hostvars[groups['db_servers'][0]]['ansible_host'] | default(groups['db_servers'][0]) }}";

export function appDefaults(model: DeployModel): Task {
  const env: Task = {};
  const secretEnv: Task = {};
  const required: string[] = [];
  for (const [name, value] of Object.entries(DEPLOY_VARS)) {
    if (name === 'POSTGRES_HOST_ADDRESS' && !model.postgresHost) continue;
    if (name === 'REDIS_HOST_ADDRESS' && !model.redisHost) continue;
    env[name] = value;
  }
  for (const entry of model.env) {
    if (entry.required) required.push(entry.name);
    if (entry.secret) secretEnv[entry.name] = entry.required ? `{{ ${vaultVar(entry.name)} }}` : `{{ ${vaultVar(entry.name)} | default('') }}`;
    else env[entry.name] = literal(entry.value);
  }
  const defaults: Task = {
    app_project: model.project,
    app_dir: `/opt/${model.project}`,
    app_fact_name: ident(model.project),
    app_registry: '',
    app_image_tag: '',
    app_registry_username: '',
    app_registry_password: "{{ vault_registry_password | default('') }}",
    app_bind_address: '0.0.0.0',
    app_open_ports: true,
  };
  if (model.postgresHost) defaults.app_postgres_address = DB_ADDRESS;
  if (model.redisHost) defaults.app_redis_address = DB_ADDRESS;
  defaults.app_images = model.apps.map((a) => ({ service: a.service.name, image: a.image }));
  defaults.app_health_checks = model.apps.filter((a) => a.hostPort).map((a) => ({ service: a.service.name, port_var: a.hostPort?.variable, path: a.healthPath ?? '' }));
  defaults.app_health_retries = 30;
  defaults.app_health_delay = 5;
  defaults.app_env = env;
  defaults.app_secret_env = secretEnv;
  defaults.app_required_env = required;
  return defaults;
}

export function appRole(model: DeployModel): Role {
  const release = "{{ (ansible_local | default({})).get(app_fact_name, {}) }}";
  const previous = "{{ app_release.current_tag if app_release.get('current_tag', '') not in ['', app_image_tag] else app_release.get('previous_tag', '') }}";
  return {
    name: 'app',
    defaults: appDefaults(model),
    tasks: [
      task('Check the release settings', 'ansible.builtin.assert', {
        that: ['app_registry | length > 0', 'app_image_tag | length > 0'],
        fail_msg: 'Set app_registry in the inventory group_vars and pass the release: -e app_image_tag=<tag>',
        quiet: true,
      }),
      // Names only: the values stay out of the output.
      task('Check that required settings and secrets are set', 'ansible.builtin.assert', {
        that: ['(app_env | combine(app_secret_env))[item] | string | length > 0'],
        fail_msg: '{{ item }} is empty: set it in group_vars (secrets: the vault_ variable in vault.yml)',
        quiet: true,
      }, { loop: '{{ app_required_env }}' }),
      task('Create the project directory', 'ansible.builtin.file', { path: '{{ app_dir }}', state: 'directory', owner: 'root', group: 'root', mode: '0750' }),
      task('Install compose.yaml', 'ansible.builtin.copy', { src: 'compose.yaml', dest: '{{ app_dir }}/compose.yaml', owner: 'root', group: 'root', mode: '0640' }, { notify: 'Reload app' }),
      task('Render the .env file from vault variables', 'ansible.builtin.template', { src: 'env.j2', dest: '{{ app_dir }}/.env', owner: 'root', group: 'root', mode: '0600' }, { no_log: true, notify: 'Reload app' }),
      task('Install the systemd unit', 'ansible.builtin.template', { src: 'app.service.j2', dest: '/etc/systemd/system/{{ app_project }}.service', owner: 'root', group: 'root', mode: '0644' }, { notify: 'Reload app' }),
      task('Log in to the image registry', 'community.docker.docker_login', {
        registry_url: "{{ app_registry.split('/') | first }}",
        username: '{{ app_registry_username }}',
        password: '{{ app_registry_password }}',
      }, { no_log: true, when: 'app_registry_username | length > 0' }),
      task('Pull the release images', 'community.docker.docker_image', { name: '{{ app_registry }}/{{ item.image }}', tag: '{{ app_image_tag }}', source: 'pull' }, {
        loop: '{{ app_images }}',
        loop_control: { label: '{{ item.service }}' },
      }),
      task('Open the app ports', 'community.general.ufw', { rule: 'allow', port: '{{ app_env[item.port_var] }}', proto: 'tcp' }, {
        loop: '{{ app_health_checks }}',
        loop_control: { label: '{{ item.service }}' },
        when: 'app_open_ports | bool',
      }),
      task('Start the compose project', 'ansible.builtin.systemd', { name: '{{ app_project }}', enabled: true, state: 'started', daemon_reload: true }),
      task('Apply configuration changes now', 'ansible.builtin.meta', 'flush_handlers'),
      task('Wait for the health routes', 'ansible.builtin.uri', { url: 'http://127.0.0.1:{{ app_env[item.port_var] }}{{ item.path }}', status_code: 200 }, {
        loop: "{{ app_health_checks | selectattr('path') | list }}",
        loop_control: { label: '{{ item.service }}' },
        register: 'app_health',
        until: 'app_health.status == 200',
        retries: '{{ app_health_retries }}',
        delay: '{{ app_health_delay }}',
      }),
      task('Wait for the ports of services without a health route', 'ansible.builtin.wait_for', { host: '127.0.0.1', port: '{{ app_env[item.port_var] }}', timeout: "{{ app_health_retries * app_health_delay }}" }, {
        loop: "{{ app_health_checks | rejectattr('path') | list }}",
        loop_control: { label: '{{ item.service }}' },
      }),
      task('Create the local facts directory', 'ansible.builtin.file', { path: '/etc/ansible/facts.d', state: 'directory', owner: 'root', group: 'root', mode: '0755' }),
      task('Record the release for rollback.yml', 'ansible.builtin.copy', {
        content: "{{ {'current_tag': app_image_tag, 'previous_tag': app_release_previous} | to_nice_json }}\n",
        dest: '/etc/ansible/facts.d/{{ app_fact_name }}.fact',
        owner: 'root',
        group: 'root',
        mode: '0644',
      }, { vars: { app_release: release, app_release_previous: previous } }),
    ],
    handlers: [task('Reload app', 'ansible.builtin.systemd', { name: '{{ app_project }}', state: 'reloaded', daemon_reload: true })],
    templates: { 'env.j2': ENV_TEMPLATE, 'app.service.j2': UNIT },
    files: { 'compose.yaml': model.composeText },
  };
}
