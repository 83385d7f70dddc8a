/**
 * azure/modules/data: the data stores the plan's backing services need, private to the virtual
 * network. Azure Database for PostgreSQL or MySQL Flexible Server in a delegated subnet with a private
 * DNS zone (no public endpoint; TLS is required by default), and Azure Cache for Redis with TLS only,
 * public network access off and a private endpoint. Connection URLs go into Key Vault; services get
 * the secret's versionless id, never the value.
 */
import { attr, attrs, block, comment, expr, interp, ref, renderFile, type Block, type BodyItem } from '../hcl.js';
import { output, resource, variable, versionsFile, type ModuleFiles } from '../shared/common.js';

const SQL = attr('count', expr('local.sql ? 1 : 0'));
const PG = attr('count', expr('var.engine == "postgres" ? 1 : 0'));
const MYSQL = attr('count', expr('var.engine == "mysql" ? 1 : 0'));
const REDIS = attr('count', expr('var.redis ? 1 : 0'));
const RG = { location: ref('var.location'), resource_group_name: ref('var.resource_group_name') };

function urlSecret(name: string, count: BodyItem, value: string): Block {
  return resource('azurerm_key_vault_secret', name, [count, ...attrs({
    name: expr(`"\${var.name}-${name.replace('_', '-')}"`),
    value: expr(value),
    key_vault_id: ref('var.key_vault_id'),
    content_type: 'text/plain',
  })]);
}

function dnsZone(name: string, count: BodyItem, zone: string): Block[] {
  return [
    resource('azurerm_private_dns_zone', name, [count, ...attrs({ name: expr(zone), resource_group_name: ref('var.resource_group_name'), tags: ref('var.tags') })]),
    resource('azurerm_private_dns_zone_virtual_network_link', name, [count, ...attrs({
      name: expr(`"\${var.name}-${name}"`),
      resource_group_name: ref('var.resource_group_name'),
      private_dns_zone_name: expr(`azurerm_private_dns_zone.${name}[0].name`),
      virtual_network_id: ref('var.vnet_id'),
      registration_enabled: false,
    })]),
  ];
}

function database(): Block[] {
  const server = (engine: 'postgres' | 'mysql'): Block => resource(engine === 'postgres' ? 'azurerm_postgresql_flexible_server' : 'azurerm_mysql_flexible_server', 'this', [
    engine === 'postgres' ? PG : MYSQL,
    ...attrs({
      name: ref('local.server_name'),
      ...RG,
      version: ref('var.engine_version'),
      sku_name: ref('var.sku_name'),
      delegated_subnet_id: expr('azurerm_subnet.db[0].id'),
      private_dns_zone_id: expr('azurerm_private_dns_zone.db[0].id'),
      public_network_access_enabled: engine === 'postgres' ? false : undefined,
      administrator_login: ref('var.database_user'),
      administrator_password: expr('random_password.db[0].result'),
      backup_retention_days: ref('var.backup_retention_days'),
    }),
    ...(engine === 'postgres' ? [attr('storage_mb', 32768)] : [block('storage', [], attrs({ size_gb: 20, auto_grow_enabled: true }))]),
    block('dynamic', ['high_availability'], [
      attr('for_each', expr('var.high_availability ? [1] : []')),
      block('content', [], [attr('mode', 'ZoneRedundant')]),
    ]),
    attr('tags', ref('var.tags')),
    attr('depends_on', [ref('azurerm_private_dns_zone_virtual_network_link.db')]),
    block('lifecycle', [], [attr('ignore_changes', [ref('zone'), expr('high_availability[0].standby_availability_zone')])], ['Azure picks and may move zones.']),
  ]);
  return [
    resource('azurerm_subnet', 'db', [
      SQL,
      ...attrs({ name: 'database', resource_group_name: ref('var.resource_group_name'), virtual_network_name: ref('var.vnet_name'), address_prefixes: [ref('var.database_subnet_cidr')] }),
      block('delegation', [], [
        attr('name', 'flexible-server'),
        block('service_delegation', [], attrs({
          name: expr('var.engine == "postgres" ? "Microsoft.DBforPostgreSQL/flexibleServers" : "Microsoft.DBforMySQL/flexibleServers"'),
          actions: ['Microsoft.Network/virtualNetworks/subnets/join/action'],
        })),
      ]),
    ]),
    ...dnsZone('db', SQL, '"${var.name}.private.${var.engine}.database.azure.com"'),
    resource('random_password', 'db', [SQL, ...attrs({ length: 32, special: false })], ['URL-safe: it goes into the connection URL as is.']),
    server('postgres'),
    resource('azurerm_postgresql_flexible_server_database', 'this', [PG, ...attrs({ name: ref('var.database_name'), server_id: expr('azurerm_postgresql_flexible_server.this[0].id'), charset: 'UTF8', collation: 'en_US.utf8' })]),
    server('mysql'),
    resource('azurerm_mysql_flexible_database', 'this', [MYSQL, ...attrs({
      name: ref('var.database_name'),
      resource_group_name: ref('var.resource_group_name'),
      server_name: expr('azurerm_mysql_flexible_server.this[0].name'),
      charset: 'utf8mb4',
      collation: 'utf8mb4_unicode_ci',
    })]),
    urlSecret('database_url', SQL, '"${local.scheme}://${var.database_user}:${random_password.db[0].result}@${local.db_host}:${local.db_port}/${var.database_name}${local.db_params}"'),
  ];
}

function redis(): Block[] {
  return [
    resource('azurerm_redis_cache', 'this', [
      REDIS,
      ...attrs({
        name: interp`${ref('var.name')}-redis-${expr('substr(md5(var.name), 0, 6)')}`,
        ...RG,
        capacity: ref('var.redis_capacity'),
        family: 'C',
        sku_name: ref('var.redis_sku'),
        non_ssl_port_enabled: false,
        minimum_tls_version: '1.2',
        public_network_access_enabled: false,
        redis_version: '6',
        tags: ref('var.tags'),
      }),
      block('redis_configuration', [], []),
    ], ['TLS only (port 6380), no public network access: reached through the private endpoint below.']),
    resource('azurerm_subnet', 'endpoints', [REDIS, ...attrs({ name: 'private-endpoints', resource_group_name: ref('var.resource_group_name'), virtual_network_name: ref('var.vnet_name'), address_prefixes: [ref('var.endpoint_subnet_cidr')] })]),
    ...dnsZone('redis', REDIS, '"privatelink.redis.cache.windows.net"'),
    resource('azurerm_private_endpoint', 'redis', [
      REDIS,
      ...attrs({ name: interp`pe-${ref('var.name')}-redis`, ...RG, subnet_id: expr('azurerm_subnet.endpoints[0].id') }),
      block('private_service_connection', [], attrs({
        name: 'redis',
        private_connection_resource_id: expr('azurerm_redis_cache.this[0].id'),
        subresource_names: ['redisCache'],
        is_manual_connection: false,
      })),
      block('private_dns_zone_group', [], attrs({ name: 'redis', private_dns_zone_ids: [expr('azurerm_private_dns_zone.redis[0].id')] })),
      attr('tags', ref('var.tags')),
    ]),
    urlSecret('redis_url', REDIS, '"rediss://:${azurerm_redis_cache.this[0].primary_access_key}@${azurerm_redis_cache.this[0].hostname}:${azurerm_redis_cache.this[0].ssl_port}"'),
  ];
}

function main(): BodyItem[] {
  return [
    comment('Managed data stores for the services: Flexible Server and Azure Cache for Redis, private only.'),
    block('locals', [], attrs({
      sql: expr('var.engine != "none"'),
      server_name: expr('"${trimsuffix(substr(var.name, 0, 40), "-")}-${var.engine}-${substr(md5(var.name), 0, 6)}"'),
      scheme: expr('var.engine == "postgres" ? "postgresql" : "mysql"'),
      db_port: expr('var.engine == "postgres" ? 5432 : 3306'),
      db_params: expr('var.engine == "postgres" ? "?sslmode=require" : ""'),
      db_host: expr('var.engine == "postgres" ? one(azurerm_postgresql_flexible_server.this[*].fqdn) : one(azurerm_mysql_flexible_server.this[*].fqdn)'),
    })),
    ...database(),
    ...redis(),
  ];
}

function variables(): Block[] {
  return [
    variable('name', { type: 'string', description: 'Name prefix (project-environment).' }),
    variable('location', { type: 'string', description: 'Azure location.' }),
    variable('resource_group_name', { type: 'string', description: 'Resource group of the data stores.' }),
    variable('vnet_id', { type: 'string', description: 'Virtual network id (private DNS links).' }),
    variable('vnet_name', { type: 'string', description: 'Virtual network name (subnets).' }),
    variable('database_subnet_cidr', { type: 'string', description: 'Subnet delegated to the flexible server.', default: '10.40.4.0/24' }),
    variable('endpoint_subnet_cidr', { type: 'string', description: 'Subnet of the private endpoints.', default: '10.40.5.0/24' }),
    variable('key_vault_id', { type: 'string', description: 'Key Vault that receives the connection URLs.' }),
    variable('engine', {
      type: 'string',
      description: 'Flexible Server engine: postgres, mysql, or none.',
      default: 'none',
      validation: { condition: 'contains(["none", "postgres", "mysql"], var.engine)', message: 'engine must be none, postgres or mysql.' },
    }),
    variable('engine_version', { type: 'string', description: 'Engine version (16 for PostgreSQL, 8.0.21 for MySQL).', default: null }),
    variable('sku_name', { type: 'string', description: 'Flexible Server SKU (B_Standard_B1ms, GP_Standard_D2ds_v5…).', default: 'B_Standard_B1ms' }),
    variable('database_name', { type: 'string', description: 'Database created on the server.', default: 'app' }),
    variable('database_user', { type: 'string', description: 'Administrator login (the app\'s user).', default: 'app' }),
    variable('high_availability', { type: 'bool', description: 'Zone-redundant standby (General Purpose SKUs only).', default: false }),
    variable('backup_retention_days', { type: 'number', description: 'Days of backups (7-35).', default: 7 }),
    variable('redis', { type: 'bool', description: 'Create an Azure Cache for Redis.', default: false }),
    variable('redis_sku', { type: 'string', description: 'Redis SKU (Basic, Standard with a replica).', default: 'Basic' }),
    variable('redis_capacity', { type: 'number', description: 'Redis size (0 = 250 MB, 1 = 1 GB…).', default: 0 }),
    variable('tags', { type: 'map(string)', description: 'Tags added to every resource.', default: {} }),
  ];
}

function outputs(): Block[] {
  return [
    output('database_url_secret_id', 'Key Vault secret (versionless id) holding the database URL; null without one.', expr('local.sql ? azurerm_key_vault_secret.database_url[0].versionless_id : null')),
    output('database_host', 'Private host name of the database (null without one).', expr('local.sql ? local.db_host : null')),
    output('redis_url_secret_id', 'Key Vault secret (versionless id) holding the Redis URL; null without Redis.', expr('var.redis ? azurerm_key_vault_secret.redis_url[0].versionless_id : null')),
    output('redis_host', 'Host name of Redis (null without it).', expr('var.redis ? azurerm_redis_cache.this[0].hostname : null')),
  ];
}

export function azureDataModule(header: string): ModuleFiles {
  return {
    'main.tf': renderFile(main(), header),
    'variables.tf': renderFile(variables(), header),
    'outputs.tf': renderFile(outputs(), header),
    'versions.tf': versionsFile(header, ['azurerm', 'random']),
  };
}
