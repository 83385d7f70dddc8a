/**
 * Operations roles: Prometheus exporters (node_exporter everywhere; postgres_exporter and
 * redis_exporter on the database hosts when the plan has them) from the distribution's packages,
 * and backups: pg_dump and named-volume archives into backup_dir, pruned after
 * backup_retention_days, optionally mirrored with rsync, run by a systemd timer.
 */
import type { Role } from './tasks.js';
import { task } from './tasks.js';

export interface OpsNeeds {
  postgres: boolean;
  redis: boolean;
}

const ON_DB = "{{ inventory_hostname in groups.get('db_servers', []) }}";

export function monitoringRole(needs: OpsNeeds): Role {
  const ports = ['9100'];
  if (needs.postgres) ports.push("{{ '9187' if monitoring_postgres_exporter | bool else '' }}");
  if (needs.redis) ports.push("{{ '9121' if monitoring_redis_exporter | bool else '' }}");
  const tasks = [
    task('Install node_exporter', 'ansible.builtin.apt', { name: 'prometheus-node-exporter', state: 'present', update_cache: true, cache_valid_time: 3600 }),
    task('Start node_exporter', 'ansible.builtin.systemd', { name: 'prometheus-node-exporter', enabled: true, state: 'started' }),
  ];
  if (needs.postgres) {
    const when = { when: 'monitoring_postgres_exporter | bool' };
    tasks.push(
      task('Install postgres_exporter', 'ansible.builtin.apt', { name: 'prometheus-postgres-exporter', state: 'present' }, when),
      task('Give postgres_exporter its connection', 'ansible.builtin.copy', {
        content: "DATA_SOURCE_NAME='postgresql://{{ postgresql_user }}:{{ postgresql_password | urlencode }}@127.0.0.1:{{ postgresql_port }}/{{ postgresql_db }}?sslmode=disable'\n",
        dest: '/etc/default/prometheus-postgres-exporter',
        owner: 'root',
        group: 'root',
        mode: '0600',
      }, { ...when, no_log: true, notify: 'Restart postgres_exporter' }),
      task('Start postgres_exporter', 'ansible.builtin.systemd', { name: 'prometheus-postgres-exporter', enabled: true, state: 'started' }, when),
    );
  }
  if (needs.redis) {
    const when = { when: 'monitoring_redis_exporter | bool' };
    tasks.push(
      task('Install redis_exporter', 'ansible.builtin.apt', { name: 'prometheus-redis-exporter', state: 'present' }, when),
      task('Start redis_exporter', 'ansible.builtin.systemd', { name: 'prometheus-redis-exporter', enabled: true, state: 'started' }, when),
    );
  }
  tasks.push(task('Allow Prometheus to scrape the exporters', 'community.general.ufw', { rule: 'allow', from_ip: '{{ item.0 }}', port: '{{ item.1 }}', proto: 'tcp' }, {
    loop: "{{ monitoring_allowed_cidrs | product(monitoring_ports | select | list) | list }}",
  }));
  const defaults: Record<string, unknown> = { monitoring_allowed_cidrs: [] };
  if (needs.postgres) defaults.monitoring_postgres_exporter = ON_DB;
  if (needs.redis) defaults.monitoring_redis_exporter = ON_DB;
  defaults.monitoring_ports = ports;
  return {
    name: 'monitoring',
    defaults,
    tasks,
    handlers: needs.postgres ? [task('Restart postgres_exporter', 'ansible.builtin.systemd', { name: 'prometheus-postgres-exporter', state: 'restarted' })] : [],
  };
}

function backupScript(needs: OpsNeeds): string {
  const lines = [
    '#!/bin/sh',
    '# {{ ansible_managed }}',
    '# Backs up into {{ backup_dir }}; files older than {{ backup_retention_days }} days are removed.',
    'set -eu',
    'umask 077',
    'stamp=$(date -u +%Y%m%dT%H%M%SZ)',
    'dir={{ backup_dir | quote }}',
  ];
  if (needs.postgres) {
    lines.push(
      '{% if backup_postgres | bool %}',
      'runuser -u postgres -- pg_dump --port={{ postgresql_port }} --format=custom {{ postgresql_db | quote }} > "$dir/postgres-{{ postgresql_db }}-$stamp.dump"',
      '{% endif %}',
    );
  }
  lines.push(
    '{% for volume in backup_volumes %}',
    'tar -czf "$dir/volume-{{ volume }}-$stamp.tar.gz" -C /var/lib/docker/volumes/{{ volume }}/_data .',
    '{% endfor %}',
    'find "$dir" -type f -mtime +{{ backup_retention_days }} -delete',
    '{% if backup_remote | length > 0 %}',
    'rsync -a --delete "$dir/" {{ backup_remote | quote }}',
    '{% endif %}',
    '',
  );
  return lines.join('\n');
}

const SERVICE = [
  '# {{ ansible_managed }}',
  '[Unit]',
  'Description=Back up {{ app_project }}',
  'After=network-online.target',
  '',
  '[Service]',
  'Type=oneshot',
  'ExecStart=/usr/local/sbin/{{ app_project }}-backup',
  '',
].join('\n');

const TIMER = [
  '# {{ ansible_managed }}',
  '[Unit]',
  'Description=Back up {{ app_project }} on schedule',
  '',
  '[Timer]',
  'OnCalendar={{ backup_on_calendar }}',
  'RandomizedDelaySec=15m',
  'Persistent=true',
  '',
  '[Install]',
  'WantedBy=timers.target',
  '',
].join('\n');

export function backupRole(needs: OpsNeeds): Role {
  const defaults: Record<string, unknown> = { backup_on_calendar: '*-*-* 03:15:00', backup_remote: '' };
  if (needs.postgres) defaults.backup_postgres = ON_DB;
  defaults.backup_volumes = "{{ app_volumes if inventory_hostname in groups['app_servers'] else [] }}";
  return {
    name: 'backup',
    defaults,
    tasks: [
      task('Install backup tools', 'ansible.builtin.apt', { name: 'rsync', state: 'present', update_cache: true, cache_valid_time: 3600 }),
      task('Create the backup directory', 'ansible.builtin.file', { path: '{{ backup_dir }}', state: 'directory', owner: 'root', group: 'root', mode: '0700' }),
      task('Install the backup script', 'ansible.builtin.template', { src: 'backup.sh.j2', dest: '/usr/local/sbin/{{ app_project }}-backup', owner: 'root', group: 'root', mode: '0750' }),
      task('Install the backup service', 'ansible.builtin.template', { src: 'backup.service.j2', dest: '/etc/systemd/system/{{ app_project }}-backup.service', owner: 'root', group: 'root', mode: '0644' }),
      task('Install the backup timer', 'ansible.builtin.template', { src: 'backup.timer.j2', dest: '/etc/systemd/system/{{ app_project }}-backup.timer', owner: 'root', group: 'root', mode: '0644' }),
      task('Enable the backup timer', 'ansible.builtin.systemd', { name: '{{ app_project }}-backup.timer', enabled: true, state: 'started', daemon_reload: true }),
    ],
    templates: { 'backup.sh.j2': backupScript(needs), 'backup.service.j2': SERVICE, 'backup.timer.j2': TIMER },
  };
}
