/**
 * Database roles, emitted only when the plan needs them. PostgreSQL listens on 127.0.0.1 only (port
 * postgresql_port, 5433) and PgBouncer answers on 5432, the port every connection string compose
 * wired already uses, so apps reach the pool through the `postgres` host name without changes.
 * Redis listens for the app hosts only (UFW), as compose's Redis has no password either.
 */
import type { Role } from './tasks.js';
import { task } from './tasks.js';

const AS_POSTGRES = { become: true, become_user: 'postgres' };

export function postgresqlRole(): Role {
  const confDir = "{{ postgresql_versions.files | map(attribute='path') | sort | last }}/main/conf.d";
  return {
    name: 'postgresql',
    tasks: [
      task('Install PostgreSQL', 'ansible.builtin.apt', { name: ['postgresql', 'python3-psycopg2'], state: 'present', update_cache: true, cache_valid_time: 3600 }),
      task('Find the PostgreSQL cluster configuration', 'ansible.builtin.find', { paths: '/etc/postgresql', file_type: 'directory' }, { register: 'postgresql_versions' }),
      task('Listen on localhost only, behind PgBouncer', 'ansible.builtin.copy', {
        content: "# Managed by Ansible (role postgresql): PgBouncer takes 5432, apps never connect here directly.\nlisten_addresses = 'localhost'\nport = {{ postgresql_port }}\npassword_encryption = 'scram-sha-256'\n",
        dest: `${confDir}/90-devsquad.conf`,
        owner: 'postgres',
        group: 'postgres',
        mode: '0644',
      }, { notify: 'Restart postgresql' }),
      task('Apply the PostgreSQL configuration now', 'ansible.builtin.meta', 'flush_handlers'),
      task('Start PostgreSQL', 'ansible.builtin.systemd', { name: 'postgresql', enabled: true, state: 'started' }),
      task('Create the application database user', 'community.postgresql.postgresql_user', { name: '{{ postgresql_user }}', password: '{{ postgresql_password }}', port: '{{ postgresql_port }}', state: 'present' }, { ...AS_POSTGRES, no_log: true }),
      task('Create the application database', 'community.postgresql.postgresql_db', { name: '{{ postgresql_db }}', owner: '{{ postgresql_user }}', port: '{{ postgresql_port }}', state: 'present' }, AS_POSTGRES),
    ],
    handlers: [task('Restart postgresql', 'ansible.builtin.systemd', { name: 'postgresql', state: 'restarted' })],
  };
}

const PGBOUNCER_INI = [
  '; {{ ansible_managed }}',
  '[databases]',
  '{{ postgresql_db }} = host=127.0.0.1 port={{ postgresql_port }} dbname={{ postgresql_db }}',
  '',
  '[pgbouncer]',
  'listen_addr = *',
  'listen_port = {{ pgbouncer_listen_port }}',
  'unix_socket_dir = /var/run/postgresql',
  'auth_type = scram-sha-256',
  'auth_file = /etc/pgbouncer/userlist.txt',
  'pool_mode = {{ pgbouncer_pool_mode }}',
  'max_client_conn = {{ pgbouncer_max_client_conn }}',
  'default_pool_size = {{ pgbouncer_default_pool_size }}',
  'ignore_startup_parameters = extra_float_digits,options',
  'logfile = /var/log/postgresql/pgbouncer.log',
  'pidfile = /var/run/postgresql/pgbouncer.pid',
  '',
].join('\n');

export function pgbouncerRole(): Role {
  return {
    name: 'pgbouncer',
    defaults: {
      pgbouncer_listen_port: 5432,
      // session keeps prepared statements working for every ORM; transaction pools harder.
      pgbouncer_pool_mode: 'session',
      pgbouncer_max_client_conn: 200,
      pgbouncer_default_pool_size: 20,
    },
    tasks: [
      task('Install PgBouncer', 'ansible.builtin.apt', { name: 'pgbouncer', state: 'present', update_cache: true, cache_valid_time: 3600 }),
      task('Configure PgBouncer', 'ansible.builtin.template', { src: 'pgbouncer.ini.j2', dest: '/etc/pgbouncer/pgbouncer.ini', owner: 'postgres', group: 'postgres', mode: '0640' }, { notify: 'Restart pgbouncer' }),
      task('Install the PgBouncer user list', 'ansible.builtin.template', { src: 'userlist.txt.j2', dest: '/etc/pgbouncer/userlist.txt', owner: 'postgres', group: 'postgres', mode: '0600' }, { no_log: true, notify: 'Restart pgbouncer' }),
      task('Allow the app hosts to reach PgBouncer', 'community.general.ufw', { rule: 'allow', from_ip: '{{ item }}', port: '{{ pgbouncer_listen_port }}', proto: 'tcp' }, { loop: '{{ db_client_cidrs }}' }),
      task('Start PgBouncer', 'ansible.builtin.systemd', { name: 'pgbouncer', enabled: true, state: 'started' }),
    ],
    handlers: [task('Restart pgbouncer', 'ansible.builtin.systemd', { name: 'pgbouncer', state: 'restarted' })],
    templates: { 'pgbouncer.ini.j2': PGBOUNCER_INI, 'userlist.txt.j2': '"{{ postgresql_user }}" "{{ postgresql_password }}"\n' },
  };
}

export function redisRole(): Role {
  const conf = '/etc/redis/redis.conf';
  return {
    name: 'redis',
    defaults: { redis_bind: '0.0.0.0', redis_maxmemory_policy: 'allkeys-lru', redis_port: 6379 },
    tasks: [
      task('Install Redis', 'ansible.builtin.apt', { name: 'redis-server', state: 'present', update_cache: true, cache_valid_time: 3600 }),
      task('Listen for the app hosts', 'ansible.builtin.lineinfile', { path: conf, regexp: '^#?\\s*bind ', line: 'bind {{ redis_bind }}' }, { notify: 'Restart redis' }),
      // No password (the compose wiring has none): UFW below is what keeps everyone else out.
      task('Accept clients other than localhost', 'ansible.builtin.lineinfile', { path: conf, regexp: '^#?\\s*protected-mode ', line: 'protected-mode no' }, { notify: 'Restart redis' }),
      task('Set the eviction policy', 'ansible.builtin.lineinfile', { path: conf, regexp: '^#?\\s*maxmemory-policy ', line: 'maxmemory-policy {{ redis_maxmemory_policy }}' }, { notify: 'Restart redis' }),
      task('Allow the app hosts to reach Redis', 'community.general.ufw', { rule: 'allow', from_ip: '{{ item }}', port: '{{ redis_port }}', proto: 'tcp' }, { loop: '{{ db_client_cidrs }}' }),
      task('Start Redis', 'ansible.builtin.systemd', { name: 'redis-server', enabled: true, state: 'started' }),
    ],
    handlers: [task('Restart redis', 'ansible.builtin.systemd', { name: 'redis-server', state: 'restarted' })],
  };
}
