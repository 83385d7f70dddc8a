/**
 * gcp/modules/network and gcp/modules/data, written only when a service needs a database or Redis.
 * The network is a custom-mode VPC with one subnetwork for Cloud Run's Direct VPC egress (no
 * Serverless VPC Access connector to run and pay for) and a private services access range peered
 * with Google, so Cloud SQL and Memorystore get private IPs only. The data module creates Cloud SQL
 * (PostgreSQL or MySQL, no public IP, TLS only, backups) and Memorystore Redis (AUTH on), and stores
 * each connection URL in Secret Manager; services get the secret's id, never the value.
 */
import { attr, attrs, block, comment, expr, interp, ref, renderFile, type Block, type BodyItem } from '../hcl.js';
import { output, resource, variable, versionsFile, type ModuleFiles } from '../shared/common.js';

const SQL = attr('count', expr('local.sql ? 1 : 0'));
const REDIS = attr('count', expr('var.redis ? 1 : 0'));

function networkMain(): BodyItem[] {
  return [
    comment('A private network for the data stores, reached from Cloud Run through Direct VPC egress.'),
    resource('google_compute_network', 'this', attrs({ name: ref('var.name'), auto_create_subnetworks: false })),
    resource('google_compute_subnetwork', 'this', attrs({
      name: interp`${ref('var.name')}-run`,
      network: ref('google_compute_network.this.id'),
      region: ref('var.region'),
      ip_cidr_range: ref('var.cidr'),
      private_ip_google_access: true,
    }), ['Cloud Run instances take their egress addresses from this range.']),
    resource('google_compute_global_address', 'private_services', attrs({
      name: interp`${ref('var.name')}-private-services`,
      purpose: 'VPC_PEERING',
      address_type: 'INTERNAL',
      prefix_length: 20,
      network: ref('google_compute_network.this.id'),
    })),
    resource('google_service_networking_connection', 'this', attrs({
      network: ref('google_compute_network.this.id'),
      service: 'servicenetworking.googleapis.com',
      reserved_peering_ranges: [ref('google_compute_global_address.private_services.name')],
    }), ['Private services access: Cloud SQL and Memorystore get addresses from the reserved range, never public ones.']),
  ];
}

export function gcpNetworkModule(header: string): ModuleFiles {
  return {
    'main.tf': renderFile(networkMain(), header),
    'variables.tf': renderFile([
      variable('name', { type: 'string', description: 'Name prefix (project-environment).' }),
      variable('region', { type: 'string', description: 'Region of the subnetwork.' }),
      variable('cidr', { type: 'string', description: 'CIDR range of the Cloud Run egress subnetwork.', default: '10.8.0.0/24' }),
    ], header),
    'outputs.tf': renderFile([
      output('network_id', 'VPC network id.', ref('google_compute_network.this.id')),
      output('network_name', 'VPC network name.', ref('google_compute_network.this.name')),
      output('subnetwork_id', 'Subnetwork for Direct VPC egress.', ref('google_compute_subnetwork.this.id')),
      output('private_services_connection', 'The peering Cloud SQL and Memorystore depend on.', ref('google_service_networking_connection.this.id')),
    ], header),
    'versions.tf': versionsFile(header, ['google']),
  };
}

function urlSecret(name: string, count: BodyItem, value: string): Block[] {
  return [
    resource('google_secret_manager_secret', name, [
      count,
      attr('secret_id', expr(`"\${var.name}-${name.replace('_', '-')}"`)),
      block('replication', [], [block('auto', [], [])]),
      attr('labels', ref('var.labels')),
    ]),
    resource('google_secret_manager_secret_version', name, [
      count,
      attr('secret', expr(`google_secret_manager_secret.${name}[0].id`)),
      attr('secret_data', expr(value)),
    ]),
  ];
}

function database(): Block[] {
  return [
    resource('random_password', 'db', [SQL, ...attrs({ length: 32, special: false })], ['URL-safe: it goes into the connection URL as is.']),
    resource('google_sql_database_instance', 'this', [
      SQL,
      ...attrs({
        name: ref('local.instance_name'),
        region: ref('var.region'),
        database_version: ref('var.database_version'),
        deletion_protection: ref('var.deletion_protection'),
      }),
      block('settings', [], [
        ...attrs({
          tier: ref('var.tier'),
          edition: 'ENTERPRISE',
          availability_type: expr('var.high_availability ? "REGIONAL" : "ZONAL"'),
          disk_type: 'PD_SSD',
          disk_size: 10,
          disk_autoresize: true,
          deletion_protection_enabled: ref('var.deletion_protection'),
          user_labels: ref('var.labels'),
        }),
        block('ip_configuration', [], attrs({
          ipv4_enabled: false,
          private_network: ref('var.network_id'),
          ssl_mode: 'ENCRYPTED_ONLY',
        })),
        block('backup_configuration', [], [
          ...attrs({
            enabled: true,
            start_time: '03:00',
            point_in_time_recovery_enabled: ref('local.postgres'),
            binary_log_enabled: expr('!local.postgres'),
          }),
          block('backup_retention_settings', [], [attr('retained_backups', ref('var.backup_retention_days'))]),
        ]),
      ]),
    ], ['Private IP only (no public address), TLS required, daily backups; REGIONAL (a standby in another zone) in production.']),
    resource('google_sql_database', 'this', [SQL, ...attrs({ name: ref('var.database_name'), instance: expr('google_sql_database_instance.this[0].name') })]),
    resource('google_sql_user', 'this', [SQL, ...attrs({ name: ref('var.database_user'), instance: expr('google_sql_database_instance.this[0].name'), password: expr('random_password.db[0].result') })]),
    ...urlSecret('database_url', SQL, '"${local.scheme}://${var.database_user}:${random_password.db[0].result}@${google_sql_database_instance.this[0].private_ip_address}:${local.db_port}/${var.database_name}"'),
  ];
}

function redis(): Block[] {
  return [
    resource('google_redis_instance', 'this', [
      REDIS,
      ...attrs({
        name: ref('local.redis_name'),
        region: ref('var.region'),
        tier: expr('var.high_availability ? "STANDARD_HA" : "BASIC"'),
        memory_size_gb: ref('var.redis_memory_gb'),
        redis_version: 'REDIS_7_2',
        authorized_network: ref('var.network_id'),
        connect_mode: 'PRIVATE_SERVICE_ACCESS',
        auth_enabled: true,
        labels: ref('var.labels'),
      }),
    ], ['Private service access and AUTH. In-transit TLS is off: Memorystore\'s certificate comes from a private CA most clients do not trust without extra setup.']),
    ...urlSecret('redis_url', REDIS, '"redis://:${google_redis_instance.this[0].auth_string}@${google_redis_instance.this[0].host}:${google_redis_instance.this[0].port}"'),
  ];
}

function main(): BodyItem[] {
  return [
    comment('Managed data stores for the services: Cloud SQL and Memorystore Redis, private only.'),
    block('locals', [], attrs({
      sql: expr('var.database_version != null'),
      postgres: expr('startswith(coalesce(var.database_version, "none"), "POSTGRES")'),
      db_port: expr('startswith(coalesce(var.database_version, "none"), "POSTGRES") ? 5432 : 3306'),
      scheme: expr('startswith(coalesce(var.database_version, "none"), "POSTGRES") ? "postgresql" : "mysql"'),
      instance_name: expr('"${trimsuffix(substr(var.name, 0, 50), "-")}-${substr(md5(var.name), 0, 6)}"'),
      redis_name: expr('"${trimsuffix(substr(var.name, 0, 33), "-")}-${substr(md5(var.name), 0, 6)}"'),
    })),
    ...database(),
    ...redis(),
  ];
}

function variables(): Block[] {
  return [
    variable('name', { type: 'string', description: 'Name prefix (project-environment).' }),
    variable('region', { type: 'string', description: 'Region of the data stores.' }),
    variable('network_id', { type: 'string', description: 'VPC network with private services access.' }),
    variable('database_version', {
      type: 'string',
      description: 'Cloud SQL version (POSTGRES_16, MYSQL_8_0), or null for no database.',
      default: null,
      validation: { condition: 'var.database_version == null || can(regex("^(POSTGRES|MYSQL)_", var.database_version))', message: 'database_version must be a POSTGRES_* or MYSQL_* Cloud SQL version.' },
    }),
    variable('tier', { type: 'string', description: 'Cloud SQL machine tier.', default: 'db-f1-micro' }),
    variable('database_name', { type: 'string', description: 'Database created on the instance.', default: 'app' }),
    variable('database_user', { type: 'string', description: 'Database user of the app.', default: 'app' }),
    variable('high_availability', { type: 'bool', description: 'REGIONAL Cloud SQL and STANDARD_HA Redis.', default: false }),
    variable('backup_retention_days', { type: 'number', description: 'Daily backups kept.', default: 7 }),
    variable('deletion_protection', { type: 'bool', description: 'Refuse deletion of the database instance.', default: false }),
    variable('redis', { type: 'bool', description: 'Create a Memorystore Redis instance.', default: false }),
    variable('redis_memory_gb', { type: 'number', description: 'Memorystore capacity in GB.', default: 1 }),
    variable('labels', { type: 'map(string)', description: 'Labels added to every resource.', default: {} }),
  ];
}

function outputs(): Block[] {
  return [
    output('database_url_secret_id', 'Secret holding the database URL (null without a database).', expr('local.sql ? google_secret_manager_secret.database_url[0].id : null')),
    output('database_private_ip', 'Private address of the database (null without one).', expr('local.sql ? google_sql_database_instance.this[0].private_ip_address : null')),
    output('redis_url_secret_id', 'Secret holding the Redis URL (null without Redis).', expr('var.redis ? google_secret_manager_secret.redis_url[0].id : null')),
    output('redis_host', 'Private address of Redis (null without it).', expr('var.redis ? google_redis_instance.this[0].host : null')),
  ];
}

export function gcpDataModule(header: string): ModuleFiles {
  return {
    'main.tf': renderFile(main(), header),
    'variables.tf': renderFile(variables(), header),
    'outputs.tf': renderFile(outputs(), header),
    'versions.tf': versionsFile(header, ['google', 'random']),
  };
}
