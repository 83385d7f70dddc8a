/**
 * Playbooks: site.yml (everything, databases before the app), deploy.yml and rollback.yml (rolling,
 * `serial`, stop at the first failed host), backup.yml (run the backup now) and restore.yml (stop
 * the app, restore a backup by its timestamp, start the app).
 */
import type { Task, TreeFile } from './tasks.js';
import { task } from './tasks.js';

export interface PlaybookNeeds {
  postgres: boolean;
  redis: boolean;
  volumes: boolean;
}

const ROLLING = { serial: '{{ deploy_serial | default(1) }}', max_fail_percentage: 0 };

function play(name: string, hosts: string, body: Task): Task {
  return { name, hosts, become: true, ...body };
}

export function playbooks(needs: PlaybookNeeds): TreeFile[] {
  const dbRoles = [...(needs.postgres ? ['postgresql', 'pgbouncer'] : []), ...(needs.redis ? ['redis'] : [])];
  const site: Task[] = [play('Prepare every host', 'all', { roles: ['common'] })];
  if (dbRoles.length > 0) site.push(play('Run the databases', 'db_servers', { roles: dbRoles }));
  site.push(
    play('Run the application', 'app_servers', { roles: ['docker', 'app'] }),
    play('Monitor and back up', 'all', { roles: ['monitoring', 'backup'] }),
  );

  const deploy = [play('Deploy a release, one host at a time', 'app_servers', { ...ROLLING, roles: ['app'] })];

  const previous = "(ansible_local | default({})).get(app_fact_name, {}).get('previous_tag', '')";
  const rollback = [
    play('Roll back to the previous release, one host at a time', 'app_servers', {
      ...ROLLING,
      pre_tasks: [
        task('Check that a previous release is recorded', 'ansible.builtin.assert', { that: [`${previous} | length > 0`], fail_msg: 'No previous release recorded on {{ inventory_hostname }}: deploy with -e app_image_tag=<tag> instead', quiet: true }),
        task('Select the previous release', 'ansible.builtin.set_fact', { app_image_tag: `{{ ${previous} }}` }),
      ],
      roles: ['app'],
    }),
  ];

  const backupHosts = dbRoles.length > 0 ? 'app_servers:db_servers' : 'app_servers';
  const backup = [
    play('Back up now', backupHosts, {
      tasks: [task('Run the backup script', 'ansible.builtin.command', { cmd: '/usr/local/sbin/{{ app_project }}-backup' }, { changed_when: true })],
    }),
  ];

  const restore: Task[] = [
    play('Stop the application', 'app_servers', {
      tasks: [
        task('Check which backup to restore', 'ansible.builtin.assert', { that: ['restore_stamp is defined', 'restore_stamp | length > 0'], fail_msg: 'Pass the backup timestamp: -e restore_stamp=20250101T031500Z (see ls {{ backup_dir }})', quiet: true }),
        task('Stop the compose project', 'ansible.builtin.systemd', { name: '{{ app_project }}', state: 'stopped' }),
      ],
    }),
  ];
  if (needs.postgres) {
    restore.push(play('Restore PostgreSQL', 'db_servers', {
      tasks: [
        task('Restore the database dump', 'ansible.builtin.command', {
          argv: ['pg_restore', '--clean', '--if-exists', '--no-owner', '--role={{ postgresql_user }}', '--port={{ postgresql_port }}', '--dbname={{ postgresql_db }}', '{{ backup_dir }}/postgres-{{ postgresql_db }}-{{ restore_stamp }}.dump'],
        }, { become: true, become_user: 'postgres', changed_when: true }),
      ],
    }));
  }
  if (needs.volumes) {
    restore.push(play('Restore the volumes', 'app_servers', {
      tasks: [
        task('Unpack the volume archives', 'ansible.builtin.unarchive', { src: '{{ backup_dir }}/volume-{{ item }}-{{ restore_stamp }}.tar.gz', dest: '/var/lib/docker/volumes/{{ item }}/_data', remote_src: true }, { loop: '{{ app_volumes }}' }),
      ],
    }));
  }
  restore.push(play('Start the application', 'app_servers', {
    tasks: [task('Start the compose project', 'ansible.builtin.systemd', { name: '{{ app_project }}', state: 'started' })],
  }));

  return [
    { path: 'site.yml', yaml: site, comment: 'Everything: ansible-playbook -i inventories/<env>/hosts.yml site.yml -e app_image_tag=<tag> --ask-vault-pass' },
    { path: 'deploy.yml', yaml: deploy, comment: 'Deploy a release: ansible-playbook -i inventories/<env>/hosts.yml deploy.yml -e app_image_tag=<tag> --ask-vault-pass' },
    { path: 'rollback.yml', yaml: rollback, comment: 'Return to the release before the current one: ansible-playbook -i inventories/<env>/hosts.yml rollback.yml --ask-vault-pass' },
    { path: 'backup.yml', yaml: backup, comment: 'Back up now (the timer also runs it daily): ansible-playbook -i inventories/<env>/hosts.yml backup.yml' },
    { path: 'restore.yml', yaml: restore, comment: 'Restore a backup: ansible-playbook -i inventories/<env>/hosts.yml restore.yml -e restore_stamp=<UTC timestamp in the file names>' },
  ];
}
