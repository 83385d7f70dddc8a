/**
 * modules/data: the managed data stores the plan's backing services need. RDS (PostgreSQL, MySQL or
 * MariaDB) and ElastiCache Redis, each encrypted at rest, never public, in the private subnets, and
 * reachable only from the network module's app security group. Each connection URL (with its
 * generated password) is stored in Secrets Manager; services get the secret's ARN, never the value.
 */
import { attr, attrs, block, comment, expr, interp, ref, renderFile, type Block, type BodyItem } from '../hcl.js';
import { output, tagsWith, variable, versionsFile } from './common.js';
import type { ModuleFiles } from './types.js';

const SQL = attr('count', expr('local.sql ? 1 : 0'));
const REDIS = attr('count', expr('var.redis ? 1 : 0'));

function resource(type: string, name: string, body: BodyItem[], note?: string[]): Block {
  return block('resource', [type, name], body, note);
}

function ingressFromApps(name: string, group: string, port: string, count: BodyItem): Block[] {
  return [
    resource('aws_security_group', group, [
      count,
      ...attrs({
        name: expr(`"\${var.name}-${group}"`),
        description: `${name}: reachable from the application tasks only`,
        vpc_id: ref('var.vpc_id'),
        tags: tagsWith(expr(`"\${var.name}-${group}"`)),
      }),
    ]),
    resource('aws_vpc_security_group_ingress_rule', `${group}_from_apps`, [
      count,
      ...attrs({
        security_group_id: expr(`aws_security_group.${group}[0].id`),
        description: `${name} from the application tasks`,
        referenced_security_group_id: ref('var.client_security_group_id'),
        ip_protocol: 'tcp',
        from_port: expr(port),
        to_port: expr(port),
      }),
    ]),
  ];
}

function database(): Block[] {
  return [
    resource('aws_db_subnet_group', 'this', [SQL, ...attrs({ name: ref('var.name'), subnet_ids: ref('var.private_subnet_ids'), tags: ref('var.tags') })]),
    ...ingressFromApps('Database', 'db', 'local.db_port', SQL),
    resource('random_password', 'db', [SQL, ...attrs({ length: 32, special: false })], ['URL-safe: it goes into the connection URL as is.']),
    resource('aws_db_instance', 'this', [
      SQL,
      ...attrs({
        identifier: ref('var.name'),
        engine: ref('var.engine'),
        engine_version: ref('var.engine_version'),
        instance_class: ref('var.instance_class'),
        allocated_storage: ref('var.allocated_storage'),
        max_allocated_storage: expr('var.allocated_storage * 5'),
        storage_type: 'gp3',
        storage_encrypted: true,
        db_name: ref('var.database_name'),
        username: ref('var.database_user'),
        password: expr('random_password.db[0].result'),
        db_subnet_group_name: expr('aws_db_subnet_group.this[0].name'),
        vpc_security_group_ids: [expr('aws_security_group.db[0].id')],
        publicly_accessible: false,
        multi_az: ref('var.multi_az'),
        backup_retention_period: ref('var.backup_retention_days'),
        deletion_protection: ref('var.deletion_protection'),
        skip_final_snapshot: expr('!var.deletion_protection'),
        final_snapshot_identifier: expr('var.deletion_protection ? "${var.name}-final" : null'),
        copy_tags_to_snapshot: true,
        auto_minor_version_upgrade: true,
        iam_database_authentication_enabled: true,
        tags: ref('var.tags'),
      }),
    ]),
    resource('aws_secretsmanager_secret', 'database_url', [
      SQL,
      ...attrs({
        name: interp`${ref('var.name')}/database-url`,
        description: 'Connection URL of the database, password included',
        recovery_window_in_days: ref('var.secret_recovery_window_days'),
        tags: ref('var.tags'),
      }),
    ]),
    resource('aws_secretsmanager_secret_version', 'database_url', [
      SQL,
      attr('secret_id', expr('aws_secretsmanager_secret.database_url[0].id')),
      attr('secret_string', expr('"${local.scheme}://${var.database_user}:${random_password.db[0].result}@${aws_db_instance.this[0].address}:${local.db_port}/${var.database_name}"')),
    ]),
  ];
}

function redis(): Block[] {
  return [
    resource('aws_elasticache_subnet_group', 'this', [REDIS, ...attrs({ name: interp`${ref('var.name')}-redis`, subnet_ids: ref('var.private_subnet_ids'), tags: ref('var.tags') })]),
    ...ingressFromApps('Redis', 'redis', '6379', REDIS),
    resource('random_password', 'redis', [REDIS, ...attrs({ length: 32, special: false })]),
    resource('aws_elasticache_replication_group', 'this', [
      REDIS,
      ...attrs({
        replication_group_id: ref('local.redis_id'),
        description: interp`Redis for ${ref('var.name')}`,
        engine: 'redis',
        engine_version: ref('var.redis_version'),
        node_type: ref('var.redis_node_type'),
        num_cache_clusters: expr('var.multi_az ? 2 : 1'),
        automatic_failover_enabled: ref('var.multi_az'),
        multi_az_enabled: ref('var.multi_az'),
        port: 6379,
        subnet_group_name: expr('aws_elasticache_subnet_group.this[0].name'),
        security_group_ids: [expr('aws_security_group.redis[0].id')],
        at_rest_encryption_enabled: true,
        transit_encryption_enabled: true,
        auth_token: expr('random_password.redis[0].result'),
        snapshot_retention_limit: ref('var.backup_retention_days'),
        tags: ref('var.tags'),
      }),
    ], ['TLS in transit and an AUTH token: the URL uses rediss://.']),
    resource('aws_secretsmanager_secret', 'redis_url', [
      REDIS,
      ...attrs({
        name: interp`${ref('var.name')}/redis-url`,
        description: 'Connection URL of Redis, token included',
        recovery_window_in_days: ref('var.secret_recovery_window_days'),
        tags: ref('var.tags'),
      }),
    ]),
    resource('aws_secretsmanager_secret_version', 'redis_url', [
      REDIS,
      attr('secret_id', expr('aws_secretsmanager_secret.redis_url[0].id')),
      attr('secret_string', expr('"rediss://:${random_password.redis[0].result}@${aws_elasticache_replication_group.this[0].primary_endpoint_address}:6379"')),
    ]),
  ];
}

function main(): BodyItem[] {
  return [
    comment('Managed data stores for the services: RDS and ElastiCache Redis, private and encrypted.'),
    block('locals', [], attrs({
      sql: expr('var.engine != "none"'),
      db_port: expr('var.engine == "postgres" ? 5432 : 3306'),
      scheme: expr('var.engine == "postgres" ? "postgresql" : "mysql"'),
      redis_id: expr('"${trimsuffix(substr(var.name, 0, 33), "-")}-${substr(md5(var.name), 0, 6)}"'),
    })),
    ...database(),
    ...redis(),
  ];
}

function variables(): Block[] {
  return [
    variable('name', { type: 'string', description: 'Name prefix (project-environment).' }),
    variable('vpc_id', { type: 'string', description: 'VPC of the data stores.' }),
    variable('private_subnet_ids', { type: 'list(string)', description: 'Private subnets for the data stores.' }),
    variable('client_security_group_id', { type: 'string', description: 'Security group allowed to connect (the tasks).' }),
    variable('engine', {
      type: 'string',
      description: 'RDS engine: postgres, mysql, mariadb, or none.',
      default: 'none',
      validation: { condition: 'contains(["none", "postgres", "mysql", "mariadb"], var.engine)', message: 'engine must be none, postgres, mysql or mariadb.' },
    }),
    variable('engine_version', { type: 'string', description: 'Major engine version (16 for PostgreSQL, 8.0 for MySQL, 11.4 for MariaDB).', default: null }),
    variable('instance_class', { type: 'string', description: 'RDS instance class.', default: 'db.t4g.micro' }),
    variable('allocated_storage', { type: 'number', description: 'Initial storage in GiB; storage autoscaling allows five times this.', default: 20 }),
    variable('database_name', { type: 'string', description: 'Database created on the instance.', default: 'app' }),
    variable('database_user', { type: 'string', description: 'Master user name.', default: 'app' }),
    variable('multi_az', { type: 'bool', description: 'Standby in a second zone (database) and a replica (Redis).', default: false }),
    variable('backup_retention_days', { type: 'number', description: 'Days of automated backups (and Redis snapshots).', default: 7 }),
    variable('deletion_protection', { type: 'bool', description: 'Refuse deletion and keep a final snapshot.', default: false }),
    variable('redis', { type: 'bool', description: 'Create an ElastiCache Redis replication group.', default: false }),
    variable('redis_version', { type: 'string', description: 'Redis engine version.', default: '7.1' }),
    variable('redis_node_type', { type: 'string', description: 'ElastiCache node type.', default: 'cache.t4g.micro' }),
    variable('secret_recovery_window_days', { type: 'number', description: 'Days a deleted secret can be restored (0 deletes at once).', default: 7 }),
    variable('tags', { type: 'map(string)', description: 'Tags added to every resource.', default: {} }),
  ];
}

function outputs(): Block[] {
  return [
    output('database_url_secret_arn', 'Secret holding the database URL (null without a database).', expr('local.sql ? aws_secretsmanager_secret.database_url[0].arn : null')),
    output('database_endpoint', 'Address of the database (null without one).', expr('local.sql ? aws_db_instance.this[0].address : null')),
    output('redis_url_secret_arn', 'Secret holding the Redis URL (null without Redis).', expr('var.redis ? aws_secretsmanager_secret.redis_url[0].arn : null')),
    output('redis_endpoint', 'Primary endpoint of Redis (null without it).', expr('var.redis ? aws_elasticache_replication_group.this[0].primary_endpoint_address : null')),
  ];
}

export function dataModule(header: string): ModuleFiles {
  return {
    'main.tf': renderFile(main(), header),
    'variables.tf': renderFile(variables(), header),
    'outputs.tf': renderFile(outputs(), header),
    'versions.tf': versionsFile(header, ['aws', 'random']),
  };
}
