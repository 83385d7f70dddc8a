/**
 * Backing services implied by dependencies, per ecosystem. Data, not logic: add a client library by
 * adding a row. Names are matched exactly (npm, PyPI normalised to lowercase with dashes, Go module
 * prefixes, Maven artifactIds, crates, gems, Composer, NuGet ids lowercased, Hex).
 */
import type { BackingServiceKind, ServicePlan } from '../../plan/schema.js';
import { addBackingService, addEvidence } from '../../plan/service.js';
import { backingFromEnvName } from './env-vars.js';

export type Ecosystem = 'npm' | 'pypi' | 'go' | 'maven' | 'cargo' | 'rubygems' | 'composer' | 'nuget' | 'hex';

const TABLE: Record<Ecosystem, Record<string, BackingServiceKind>> = {
  npm: {
    pg: 'postgres', postgres: 'postgres', 'pg-promise': 'postgres', '@neondatabase/serverless': 'postgres', '@vercel/postgres': 'postgres',
    mysql: 'mysql', mysql2: 'mysql', mariadb: 'mariadb',
    mongodb: 'mongodb', mongoose: 'mongodb',
    redis: 'redis', ioredis: 'redis', bullmq: 'redis', bull: 'redis', '@redis/client': 'redis', 'connect-redis': 'redis',
    amqplib: 'rabbitmq', 'amqp-connection-manager': 'rabbitmq',
    kafkajs: 'kafka', 'node-rdkafka': 'kafka', '@confluentinc/kafka-javascript': 'kafka',
    nats: 'nats', '@nats-io/transport-node': 'nats',
    '@elastic/elasticsearch': 'elasticsearch', '@opensearch-project/opensearch': 'opensearch',
    memcached: 'memcached', memjs: 'memcached',
    mssql: 'sqlserver', tedious: 'sqlserver',
    '@aws-sdk/client-s3': 's3', minio: 's3',
    sqlite3: 'sqlite', 'better-sqlite3': 'sqlite', '@libsql/client': 'sqlite',
  },
  pypi: {
    psycopg2: 'postgres', 'psycopg2-binary': 'postgres', psycopg: 'postgres', 'psycopg-binary': 'postgres', asyncpg: 'postgres', pg8000: 'postgres',
    pymysql: 'mysql', mysqlclient: 'mysql', 'mysql-connector-python': 'mysql', aiomysql: 'mysql', asyncmy: 'mysql', mariadb: 'mariadb',
    pymongo: 'mongodb', motor: 'mongodb', mongoengine: 'mongodb', beanie: 'mongodb',
    redis: 'redis', 'redis-py-cluster': 'redis', aioredis: 'redis', rq: 'redis', 'django-redis': 'redis', dramatiq: 'redis',
    pika: 'rabbitmq', 'aio-pika': 'rabbitmq', kombu: 'rabbitmq',
    'kafka-python': 'kafka', aiokafka: 'kafka', 'confluent-kafka': 'kafka', faust: 'kafka',
    'nats-py': 'nats', elasticsearch: 'elasticsearch', 'opensearch-py': 'opensearch',
    pymemcache: 'memcached', 'python-memcached': 'memcached', pylibmc: 'memcached',
    pyodbc: 'sqlserver', pymssql: 'sqlserver', 'mssql-django': 'sqlserver',
    minio: 's3', 'django-storages': 's3', aiobotocore: 's3',
    aiosqlite: 'sqlite',
  },
  go: {
    'github.com/lib/pq': 'postgres', 'github.com/jackc/pgx': 'postgres', 'github.com/jackc/pgx/v4': 'postgres', 'github.com/jackc/pgx/v5': 'postgres',
    'gorm.io/driver/postgres': 'postgres', 'github.com/go-pg/pg/v10': 'postgres', 'github.com/uptrace/bun/driver/pgdriver': 'postgres',
    'github.com/go-sql-driver/mysql': 'mysql', 'gorm.io/driver/mysql': 'mysql',
    'go.mongodb.org/mongo-driver': 'mongodb', 'go.mongodb.org/mongo-driver/v2': 'mongodb',
    'github.com/redis/go-redis/v9': 'redis', 'github.com/go-redis/redis/v8': 'redis', 'github.com/go-redis/redis': 'redis', 'github.com/gomodule/redigo': 'redis', 'github.com/redis/rueidis': 'redis',
    'github.com/rabbitmq/amqp091-go': 'rabbitmq', 'github.com/streadway/amqp': 'rabbitmq',
    'github.com/segmentio/kafka-go': 'kafka', 'github.com/IBM/sarama': 'kafka', 'github.com/Shopify/sarama': 'kafka', 'github.com/confluentinc/confluent-kafka-go/v2': 'kafka', 'github.com/twmb/franz-go': 'kafka',
    'github.com/nats-io/nats.go': 'nats',
    'github.com/elastic/go-elasticsearch/v8': 'elasticsearch', 'github.com/elastic/go-elasticsearch/v7': 'elasticsearch', 'github.com/opensearch-project/opensearch-go/v2': 'opensearch',
    'github.com/bradfitz/gomemcache': 'memcached',
    'github.com/denisenkom/go-mssqldb': 'sqlserver', 'github.com/microsoft/go-mssqldb': 'sqlserver', 'gorm.io/driver/sqlserver': 'sqlserver',
    'github.com/minio/minio-go/v7': 's3', 'github.com/aws/aws-sdk-go-v2/service/s3': 's3',
    'github.com/mattn/go-sqlite3': 'sqlite', 'modernc.org/sqlite': 'sqlite', 'gorm.io/driver/sqlite': 'sqlite',
    'github.com/jinzhu/gorm/dialects/postgres': 'postgres', 'github.com/jinzhu/gorm/dialects/mysql': 'mysql', 'github.com/jinzhu/gorm/dialects/mssql': 'sqlserver', 'github.com/jinzhu/gorm/dialects/sqlite': 'sqlite',
  },
  maven: {
    postgresql: 'postgres', 'r2dbc-postgresql': 'postgres',
    'mysql-connector-j': 'mysql', 'mysql-connector-java': 'mysql', 'mariadb-java-client': 'mariadb',
    'spring-boot-starter-data-mongodb': 'mongodb', 'spring-boot-starter-data-mongodb-reactive': 'mongodb', 'mongodb-driver-sync': 'mongodb', 'quarkus-mongodb-client': 'mongodb',
    'spring-boot-starter-data-redis': 'redis', 'spring-boot-starter-data-redis-reactive': 'redis', jedis: 'redis', 'lettuce-core': 'redis', 'quarkus-redis-client': 'redis', redisson: 'redis',
    'spring-boot-starter-amqp': 'rabbitmq', 'amqp-client': 'rabbitmq', 'quarkus-messaging-rabbitmq': 'rabbitmq',
    'spring-kafka': 'kafka', 'kafka-clients': 'kafka', 'quarkus-messaging-kafka': 'kafka', 'quarkus-smallrye-reactive-messaging-kafka': 'kafka',
    jnats: 'nats',
    'spring-boot-starter-data-elasticsearch': 'elasticsearch', 'elasticsearch-java': 'elasticsearch', 'opensearch-java': 'opensearch',
    'mssql-jdbc': 'sqlserver', 'quarkus-jdbc-postgresql': 'postgres', 'quarkus-jdbc-mysql': 'mysql', 'quarkus-jdbc-mssql': 'sqlserver',
    'micronaut-jdbc-hikari': 'postgres',
    's3': 's3', 'minio': 's3', 'sqlite-jdbc': 'sqlite',
  },
  cargo: {
    'tokio-postgres': 'postgres', postgres: 'postgres', 'deadpool-postgres': 'postgres', 'diesel-async': 'postgres',
    mysql: 'mysql', mysql_async: 'mysql',
    mongodb: 'mongodb', redis: 'redis', 'deadpool-redis': 'redis', 'bb8-redis': 'redis', fred: 'redis',
    lapin: 'rabbitmq', rdkafka: 'kafka', 'async-nats': 'nats', nats: 'nats',
    elasticsearch: 'elasticsearch', opensearch: 'opensearch', memcache: 'memcached', tiberius: 'sqlserver',
    'aws-sdk-s3': 's3', 'rust-s3': 's3', rusqlite: 'sqlite',
  },
  rubygems: {
    pg: 'postgres', mysql2: 'mysql', trilogy: 'mysql', mongoid: 'mongodb', mongo: 'mongodb',
    redis: 'redis', sidekiq: 'redis', 'redis-rails': 'redis', resque: 'redis', 'solid_cable': 'redis',
    bunny: 'rabbitmq', sneakers: 'rabbitmq', 'ruby-kafka': 'kafka', rdkafka: 'kafka', karafka: 'kafka', 'nats-pure': 'nats',
    elasticsearch: 'elasticsearch', searchkick: 'elasticsearch', 'opensearch-ruby': 'opensearch', dalli: 'memcached',
    tiny_tds: 'sqlserver', 'activerecord-sqlserver-adapter': 'sqlserver', 'aws-sdk-s3': 's3', sqlite3: 'sqlite',
  },
  composer: {
    'predis/predis': 'redis', 'ext-redis': 'redis', 'mongodb/mongodb': 'mongodb', 'ext-mongodb': 'mongodb', 'php-amqplib/php-amqplib': 'rabbitmq',
    'elasticsearch/elasticsearch': 'elasticsearch', 'opensearch-project/opensearch-php': 'opensearch', 'ext-pgsql': 'postgres', 'ext-pdo_pgsql': 'postgres',
    'ext-pdo_mysql': 'mysql', 'ext-mysqli': 'mysql', 'ext-memcached': 'memcached', 'aws/aws-sdk-php': 's3', 'league/flysystem-aws-s3-v3': 's3', 'ext-rdkafka': 'kafka',
  },
  nuget: {
    npgsql: 'postgres', 'npgsql.entityframeworkcore.postgresql': 'postgres', mysqlconnector: 'mysql', 'mysql.data': 'mysql', 'pomelo.entityframeworkcore.mysql': 'mysql',
    'mongodb.driver': 'mongodb', 'stackexchange.redis': 'redis', 'microsoft.extensions.caching.stackexchangeredis': 'redis', 'rabbitmq.client': 'rabbitmq', masstransit_rabbitmq: 'rabbitmq', 'masstransit.rabbitmq': 'rabbitmq',
    'confluent.kafka': 'kafka', 'nats.client': 'nats', 'nats.net': 'nats', 'elastic.clients.elasticsearch': 'elasticsearch', nest: 'elasticsearch', 'opensearch.client': 'opensearch',
    'microsoft.data.sqlclient': 'sqlserver', 'system.data.sqlclient': 'sqlserver', 'microsoft.entityframeworkcore.sqlserver': 'sqlserver', 'awssdk.s3': 's3', 'minio': 's3',
    'microsoft.data.sqlite': 'sqlite', 'microsoft.entityframeworkcore.sqlite': 'sqlite', 'enyimmemcachedcore': 'memcached',
  },
  hex: {
    postgrex: 'postgres', myxql: 'mysql', mongodb_driver: 'mongodb', redix: 'redis', amqp: 'rabbitmq', broadway_rabbitmq: 'rabbitmq',
    brod: 'kafka', kafka_ex: 'kafka', broadway_kafka: 'kafka', gnat: 'nats', elasticsearch: 'elasticsearch', snap: 'elasticsearch',
    tds: 'sqlserver', ecto_sqlite3: 'sqlite', exqlite: 'sqlite', ex_aws_s3: 's3', memcachex: 'memcached',
  },
};

/** The backing service a dependency implies, or null. */
export function backingFromDependency(ecosystem: Ecosystem, name: string): BackingServiceKind | null {
  const key = ecosystem === 'pypi' ? name.toLowerCase().replace(/[_.]+/g, '-') : ecosystem === 'nuget' ? name.toLowerCase() : name;
  const table = TABLE[ecosystem];
  if (Object.hasOwn(table, key)) return table[key] ?? null;
  if (ecosystem === 'go') {
    // Go modules carry major-version suffixes and sub-packages: match the longest known prefix.
    for (const [mod, kind] of Object.entries(table)) if (key.startsWith(`${mod}/`)) return kind;
  }
  return null;
}

/**
 * Adds the backing services the dependencies imply, each with evidence, and links each to the env
 * var that carries its address when the service reads one (DATABASE_URL for the SQL database).
 */
export function addBackingFromDependencies(
  service: ServicePlan,
  ecosystem: Ecosystem,
  dependencies: Iterable<string>,
  manifest: string,
  lineOfDependency: (name: string) => number | undefined = () => undefined,
): void {
  for (const dep of dependencies) {
    const kind = backingFromDependency(ecosystem, dep);
    if (!kind) continue;
    addBackingService(service, kind, null);
    addEvidence(service, `backing:${kind}`, manifest, `depends on ${dep}`, lineOfDependency(dep));
  }
  linkBackingEnvVars(service);
}

const SQL_KINDS: readonly BackingServiceKind[] = ['postgres', 'mysql', 'mariadb', 'sqlserver'];

/** Fills in `envVar` for backing services from the env vars the service reads. */
export function linkBackingEnvVars(service: ServicePlan): void {
  for (const backing of service.backingServices) {
    if (backing.envVar !== null) continue;
    const byName = service.env.find((e) => backingFromEnvName(e.name) === backing.kind && /(URL|URI|DSN|HOST|ADDR|ADDRESS|SERVERS|BROKERS|NODES?)$/.test(e.name));
    if (byName) {
      backing.envVar = byName.name;
      continue;
    }
    if (SQL_KINDS.includes(backing.kind)) {
      const generic = service.env.find((e) => /^(DATABASE_URL|DB_URL|DATABASE_URI|DB_HOST|DATABASE_HOST|SQLALCHEMY_DATABASE_URI|CONNECTIONSTRINGS__\w+)$/i.test(e.name));
      if (generic) backing.envVar = generic.name;
    }
  }
}
