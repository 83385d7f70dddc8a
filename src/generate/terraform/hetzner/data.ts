/**
 * hetzner/modules/network and hetzner/modules/data. Hetzner Cloud has no managed databases, so the
 * data module runs PostgreSQL / MySQL / MariaDB and Redis as containers on one server whose data
 * lives on a Hetzner volume (kept when the server is replaced; snapshots are yours to schedule). The
 * server listens on its fixed private IP only; its firewall admits SSH from the allowlist and nothing
 * else. Connection URLs (with generated passwords) are outputs the roots pass to the services.
 */
import { attr, attrs, block, call, comment, expr, interp, ref, renderFile, type Block, type BodyItem } from '../hcl.js';
import { output, resource, variable, versionsFile, type ModuleFiles } from '../shared/common.js';
import { inline as inlineHcl } from '../hcl.js';
import { cloudConfig } from './cloud-init.js';

export function hetznerNetworkModule(header: string): ModuleFiles {
  return {
    'main.tf': renderFile([
      comment('The private network every server and load balancer joins.'),
      resource('hcloud_network', 'this', attrs({ name: ref('var.name'), ip_range: ref('var.ip_range'), labels: ref('var.labels') })),
      resource('hcloud_network_subnet', 'this', attrs({
        network_id: ref('hcloud_network.this.id'),
        type: 'cloud',
        network_zone: ref('var.network_zone'),
        ip_range: expr('cidrsubnet(var.ip_range, 8, 1)'),
      })),
    ], header),
    'variables.tf': renderFile([
      variable('name', { type: 'string', description: 'Name prefix (project-environment).' }),
      variable('ip_range', { type: 'string', description: 'Private address range (a /16).', default: '10.50.0.0/16' }),
      variable('network_zone', { type: 'string', description: 'Network zone of the location (eu-central, us-east, us-west, ap-southeast).', default: 'eu-central' }),
      variable('labels', { type: 'map(string)', description: 'Labels added to every resource.', default: {} }),
    ], header),
    'outputs.tf': renderFile([
      block('output', ['network_id'], [
        ...attrs({ description: 'Private network id (with its subnet in place).', value: ref('hcloud_network.this.id') }),
        attr('depends_on', [ref('hcloud_network_subnet.this')]),
      ], ['Servers attach only once the subnet exists.']),
      output('subnet_ip_range', 'Address range of the subnet.', ref('hcloud_network_subnet.this.ip_range')),
    ], header),
    'versions.tf': versionsFile(header, ['hcloud']),
  };
}

function main(): BodyItem[] {
  const mount = [
    '"until [ -e ${local.device} ]; do sleep 2; done"',
    '"mkdir -p /mnt/data && grep -q /mnt/data /etc/fstab || echo \'${local.device} /mnt/data ext4 discard,nofail,defaults 0 0\' >> /etc/fstab"',
    '"mount -a"',
  ];
  const db = {
    image: ref('local.db_image'),
    restart: 'unless-stopped',
    env_file: ['.env'],
    volumes: [expr('"/mnt/data/${var.engine}:${local.db_dir}"')],
    ports: [expr('"${var.private_ip}:${local.db_port}:${local.db_port}"')],
  };
  const redis = {
    image: ref('var.redis_image'),
    restart: 'unless-stopped',
    command: ['sh', '-c', 'exec redis-server --appendonly yes --requirepass "$$REDIS_PASSWORD"'],
    env_file: ['.env'],
    volumes: ['/mnt/data/redis:/data'],
    ports: [expr('"${var.private_ip}:6379:6379"')],
  };
  return [
    comment('Data stores as containers on one server, data on a volume, reachable on the private network only.'),
    block('locals', [], attrs({
      sql: expr('var.engine != "none"'),
      device: expr('"/dev/disk/by-id/scsi-0HC_Volume_${hcloud_volume.data.id}"'),
      db_image: expr('lookup({ postgres = "postgres:16-alpine", mysql = "mysql:8.4", mariadb = "mariadb:11.4" }, var.engine, "none")'),
      db_dir: expr('var.engine == "postgres" ? "/var/lib/postgresql/data" : "/var/lib/mysql"'),
      db_port: expr('var.engine == "postgres" ? 5432 : 3306'),
      scheme: expr('var.engine == "postgres" ? "postgresql" : "mysql"'),
      compose: { services: call('merge', expr(`local.sql ? { db = ${inlineObject(db)} } : {}`), expr(`var.redis ? { redis = ${inlineObject(redis)} } : {}`)) },
      env: expr('merge(local.sql ? { POSTGRES_USER = var.database_user, POSTGRES_PASSWORD = random_password.db.result, POSTGRES_DB = var.database_name, MYSQL_USER = var.database_user, MYSQL_PASSWORD = random_password.db.result, MYSQL_DATABASE = var.database_name, MYSQL_RANDOM_ROOT_PASSWORD = "yes", MARIADB_USER = var.database_user, MARIADB_PASSWORD = random_password.db.result, MARIADB_DATABASE = var.database_name, MARIADB_RANDOM_ROOT_PASSWORD = "yes" } : {}, var.redis ? { REDIS_PASSWORD = random_password.redis.result } : {})'),
      cloud_init: cloudConfig({ compose: 'local.compose', env: 'local.env', before: mount }),
    })),
    resource('random_password', 'db', attrs({ length: 32, special: false })),
    resource('random_password', 'redis', attrs({ length: 32, special: false })),
    resource('hcloud_volume', 'data', attrs({
      name: interp`${ref('var.name')}-data`,
      size: ref('var.volume_size'),
      location: ref('var.location'),
      format: 'ext4',
      delete_protection: ref('var.delete_protection'),
      labels: ref('var.labels'),
    }), ['The data outlives the server: replacing the server reattaches this volume.']),
    resource('hcloud_firewall', 'this', [
      attr('name', interp`${ref('var.name')}-data`),
      block('dynamic', ['rule'], [
        attr('for_each', expr('length(var.ssh_allowed_cidrs) > 0 ? [1] : []')),
        block('content', [], attrs({ description: 'SSH from the allowlist only', direction: 'in', protocol: 'tcp', port: '22', source_ips: ref('var.ssh_allowed_cidrs') })),
      ]),
      attr('labels', ref('var.labels')),
    ]),
    resource('hcloud_server', 'this', [
      ...attrs({
        name: interp`${ref('var.name')}-data`,
        server_type: ref('var.server_type'),
        image: ref('var.os_image'),
        location: ref('var.location'),
        ssh_keys: ref('var.ssh_key_ids'),
        firewall_ids: [ref('hcloud_firewall.this.id')],
        user_data: expr('"#cloud-config\\n${yamlencode(local.cloud_init)}"'),
        delete_protection: ref('var.delete_protection'),
        rebuild_protection: ref('var.delete_protection'),
        labels: expr('merge(var.labels, { role = "data" })'),
      }),
      block('network', [], attrs({ network_id: ref('var.network_id'), ip: ref('var.private_ip') })),
      block('public_net', [], attrs({ ipv4_enabled: true, ipv6_enabled: true })),
      block('lifecycle', [], [attr('ignore_changes', [ref('user_data'), ref('image')])], ['Never rebuild the database host by surprise; change it deliberately (terraform apply -replace).']),
    ]),
    resource('hcloud_volume_attachment', 'data', attrs({ volume_id: ref('hcloud_volume.data.id'), server_id: ref('hcloud_server.this.id'), automount: false })),
  ];
}

function inlineObject(value: Record<string, unknown>): string {
  return inlineHcl(value as Parameters<typeof inlineHcl>[0]);
}

function variables(): Block[] {
  return [
    variable('name', { type: 'string', description: 'Name prefix (project-environment).' }),
    variable('location', { type: 'string', description: 'Hetzner location.' }),
    variable('network_id', { type: 'string', description: 'Private network of the data server.' }),
    variable('private_ip', { type: 'string', description: 'Fixed private IP of the data server (the services\' URLs point here).' }),
    variable('ssh_key_ids', { type: 'list(string)', description: 'SSH keys installed for root.' }),
    variable('ssh_allowed_cidrs', {
      type: 'list(string)',
      description: 'Addresses allowed to SSH in; empty closes SSH entirely.',
      default: [],
      validation: { condition: 'alltrue([for cidr in var.ssh_allowed_cidrs : !contains(["0.0.0.0/0", "::/0"], cidr)])', message: 'ssh_allowed_cidrs must not contain 0.0.0.0/0 or ::/0: list your own addresses.' },
    }),
    variable('server_type', { type: 'string', description: 'Hetzner server type of the data server.', default: 'cx22' }),
    variable('os_image', { type: 'string', description: 'Operating system image.', default: 'ubuntu-24.04' }),
    variable('volume_size', { type: 'number', description: 'Data volume size in GB.', default: 10 }),
    variable('engine', {
      type: 'string',
      description: 'Database engine: postgres, mysql, mariadb, or none.',
      default: 'none',
      validation: { condition: 'contains(["none", "postgres", "mysql", "mariadb"], var.engine)', message: 'engine must be none, postgres, mysql or mariadb.' },
    }),
    variable('database_name', { type: 'string', description: 'Database created at first start.', default: 'app' }),
    variable('database_user', { type: 'string', description: 'Database user of the app.', default: 'app' }),
    variable('redis', { type: 'bool', description: 'Run Redis (AOF persistence, password required).', default: false }),
    variable('redis_image', { type: 'string', description: 'Redis image.', default: 'redis:7.4-alpine' }),
    variable('delete_protection', { type: 'bool', description: 'Protect the server and the volume from deletion.', default: false }),
    variable('labels', { type: 'map(string)', description: 'Labels added to every resource.', default: {} }),
  ];
}

function outputs(): Block[] {
  return [
    output('database_url', 'Connection URL of the database (null without one).', expr('local.sql ? "${local.scheme}://${var.database_user}:${random_password.db.result}@${var.private_ip}:${local.db_port}/${var.database_name}" : null'), true),
    output('redis_url', 'Connection URL of Redis (null without it).', expr('var.redis ? "redis://:${random_password.redis.result}@${var.private_ip}:6379" : null'), true),
    output('server_ipv4', 'Public IPv4 of the data server (SSH from the allowlist).', ref('hcloud_server.this.ipv4_address')),
  ];
}

export function hetznerDataModule(header: string): ModuleFiles {
  return {
    'main.tf': renderFile(main(), header),
    'variables.tf': renderFile(variables(), header),
    'outputs.tf': renderFile(outputs(), header),
    'versions.tf': versionsFile(header, ['hcloud', 'random']),
  };
}
