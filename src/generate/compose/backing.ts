/**
 * Backing services for compose.yaml: a pinned image, a real healthcheck, a named data volume and
 * credentials that never appear in the file. Images whose entrypoint reads `*_FILE` variables get
 * the password as a Compose secret (a file under /run/secrets) sourced from the .env variable;
 * the others read the variable through `${NAME:?…}` interpolation.
 */
import type { BackingServiceKind } from '../../plan/schema.js';

export type Json = { [key: string]: unknown };

export interface Password {
  /** The .env variable holding it. */
  variable: string;
  /** What compose.env.example says about it. */
  comment: string;
  /** The image reads the password from this file variable: pass it as a Compose secret. */
  fileEnv?: string;
}

export interface BackingSpec {
  kind: Exclude<BackingServiceKind, 'sqlite'>;
  /** Default compose service name (also the host name apps connect to). */
  name: string;
  image: string;
  port: number;
  /** Mount path of the named data volume, or null for stateless services. */
  dataPath: string | null;
  user: string | null;
  database: string | null;
  password: Password | null;
  /** Container port published on 127.0.0.1 when asked (defaults to `port`). */
  publishPort?: number;
  /** Further ports worth publishing (management UIs), with the label used in the variable name. */
  extraPorts?: Array<[label: string, port: number]>;
  /**
   * Service fields besides image, restart, volumes, secrets and ports. `password` is a `${…}`
   * reference or a secret file path; `hostPort` is the published host port reference, if any.
   */
  fields(host: string, password: string, hostPort: string | null): Json;
  /** Connection URL for apps, given the interpolated password reference. */
  url(host: string, password: string): string;
  /** A comment shown above the service in compose.yaml. */
  note?: string;
}

const URL_SAFE = "use letters, digits, '-' and '_' only: it is embedded in connection URLs";

function healthcheck(test: string[], startPeriod = '10s', extra: Json = {}): Json {
  return { test, interval: '10s', timeout: '5s', retries: 5, start_period: startPeriod, ...extra };
}

const SPECS: Record<BackingSpec['kind'], Omit<BackingSpec, 'kind'>> = {
  postgres: {
    name: 'postgres', image: 'postgres:17-alpine', port: 5432, dataPath: '/var/lib/postgresql/data', user: 'app', database: 'app',
    password: { variable: 'POSTGRES_PASSWORD', comment: `Password of the "app" PostgreSQL user; ${URL_SAFE}.`, fileEnv: 'POSTGRES_PASSWORD_FILE' },
    // -h 127.0.0.1: during first-start initialisation Postgres listens on the Unix socket only, so
    // the check stays unhealthy until the real server accepts TCP connections.
    fields: (_host, password) => ({ environment: { POSTGRES_USER: 'app', POSTGRES_DB: 'app', POSTGRES_PASSWORD_FILE: password }, healthcheck: healthcheck(['CMD', 'pg_isready', '-h', '127.0.0.1', '-U', 'app', '-d', 'app']) }),
    url: (host, password) => `postgresql://app:${password}@${host}:5432/app`,
  },
  mysql: {
    name: 'mysql', image: 'mysql:8.4', port: 3306, dataPath: '/var/lib/mysql', user: 'app', database: 'app',
    password: { variable: 'MYSQL_PASSWORD', comment: `Password of the "app" MySQL user (root gets a random one); ${URL_SAFE}.`, fileEnv: 'MYSQL_PASSWORD_FILE' },
    fields: (_host, password) => ({
      environment: { MYSQL_DATABASE: 'app', MYSQL_USER: 'app', MYSQL_PASSWORD_FILE: password, MYSQL_RANDOM_ROOT_PASSWORD: 'yes' },
      // TCP ping: the initialisation server runs with --skip-networking, so this waits for the real one.
      healthcheck: healthcheck(['CMD', 'mysqladmin', 'ping', '-h', '127.0.0.1', '--silent'], '30s'),
    }),
    url: (host, password) => `mysql://app:${password}@${host}:3306/app`,
  },
  mariadb: {
    name: 'mariadb', image: 'mariadb:11.4', port: 3306, dataPath: '/var/lib/mysql', user: 'app', database: 'app',
    password: { variable: 'MARIADB_PASSWORD', comment: `Password of the "app" MariaDB user (root gets a random one); ${URL_SAFE}.`, fileEnv: 'MARIADB_PASSWORD_FILE' },
    fields: (_host, password) => ({
      environment: { MARIADB_DATABASE: 'app', MARIADB_USER: 'app', MARIADB_PASSWORD_FILE: password, MARIADB_RANDOM_ROOT_PASSWORD: 'yes' },
      healthcheck: healthcheck(['CMD', 'healthcheck.sh', '--connect', '--innodb_initialized'], '30s'),
    }),
    url: (host, password) => `mysql://app:${password}@${host}:3306/app`,
  },
  mongodb: {
    name: 'mongodb', image: 'mongo:8.0', port: 27017, dataPath: '/data/db', user: 'app', database: 'app',
    password: { variable: 'MONGO_PASSWORD', comment: `Password of the "app" MongoDB root user; ${URL_SAFE}.`, fileEnv: 'MONGO_INITDB_ROOT_PASSWORD_FILE' },
    // --host <service name>: during initialisation mongod listens on 127.0.0.1 only, so probing the
    // service address keeps the check unhealthy until the real server is up.
    fields: (host, password) => ({
      environment: { MONGO_INITDB_ROOT_USERNAME: 'app', MONGO_INITDB_ROOT_PASSWORD_FILE: password, MONGO_INITDB_DATABASE: 'app' },
      healthcheck: healthcheck(['CMD', 'mongosh', '--quiet', '--host', host, '--eval', "db.adminCommand('ping').ok"], '20s'),
    }),
    url: (host, password) => `mongodb://app:${password}@${host}:27017/app?authSource=admin`,
  },
  redis: {
    name: 'redis', image: 'redis:7.4-alpine', port: 6379, dataPath: '/data', user: null, database: null, password: null,
    fields: () => ({ healthcheck: healthcheck(['CMD', 'redis-cli', 'ping'], '5s') }),
    url: (host) => `redis://${host}:6379`,
  },
  rabbitmq: {
    name: 'rabbitmq', image: 'rabbitmq:4.0-management-alpine', port: 5672, dataPath: '/var/lib/rabbitmq', user: 'app', database: null, extraPorts: [['UI', 15672]],
    password: { variable: 'RABBITMQ_PASSWORD', comment: `Password of the "app" RabbitMQ user; ${URL_SAFE}.` },
    // A fixed hostname: RabbitMQ names its data directory after the node's host name.
    fields: (host, password) => ({
      hostname: host,
      environment: { RABBITMQ_DEFAULT_USER: 'app', RABBITMQ_DEFAULT_PASS: password },
      healthcheck: healthcheck(['CMD', 'rabbitmq-diagnostics', '-q', 'ping'], '30s'),
    }),
    url: (host, password) => `amqp://app:${password}@${host}:5672`,
  },
  kafka: {
    name: 'kafka', image: 'apache/kafka:3.9.0', port: 9092, dataPath: '/var/lib/kafka/data', user: null, database: null, password: null, publishPort: 9094,
    note: 'Single-node Kafka in KRaft mode (broker and controller in one process), for local development.',
    // Setting any KAFKA_ variable replaces the image's default config, so the KRaft basics are all
    // listed. Clients on the host need their own listener, advertised as localhost:<host port>.
    fields: (host, _password, hostPort) => ({
      environment: {
        KAFKA_NODE_ID: '1',
        KAFKA_PROCESS_ROLES: 'broker,controller',
        KAFKA_LISTENERS: `PLAINTEXT://:9092,CONTROLLER://:9093${hostPort ? ',HOST://:9094' : ''}`,
        KAFKA_ADVERTISED_LISTENERS: `PLAINTEXT://${host}:9092${hostPort ? `,HOST://localhost:${hostPort}` : ''}`,
        KAFKA_CONTROLLER_LISTENER_NAMES: 'CONTROLLER',
        KAFKA_INTER_BROKER_LISTENER_NAME: 'PLAINTEXT',
        KAFKA_LISTENER_SECURITY_PROTOCOL_MAP: `CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT${hostPort ? ',HOST:PLAINTEXT' : ''}`,
        KAFKA_CONTROLLER_QUORUM_VOTERS: '1@localhost:9093',
        KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR: '1',
        KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR: '1',
        KAFKA_TRANSACTION_STATE_LOG_MIN_ISR: '1',
        KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS: '0',
        KAFKA_LOG_DIRS: '/var/lib/kafka/data',
        // A fixed cluster id (base64 of 16 bytes) so the data volume is reused across restarts.
        CLUSTER_ID: 'ZGV2c3F1YWQta2Fma2EwMQ',
      },
      healthcheck: healthcheck(['CMD-SHELL', '/opt/kafka/bin/kafka-broker-api-versions.sh --bootstrap-server localhost:9092 > /dev/null 2>&1'], '30s', { timeout: '10s', retries: 10 }),
    }),
    url: (host) => `${host}:9092`,
  },
  nats: {
    name: 'nats', image: 'nats:2.10-alpine', port: 4222, dataPath: '/data', user: null, database: null, password: null,
    fields: () => ({
      command: ['--jetstream', '--store_dir', '/data', '--http_port', '8222'],
      healthcheck: healthcheck(['CMD', 'wget', '-q', '--spider', 'http://localhost:8222/healthz'], '5s'),
    }),
    url: (host) => `nats://${host}:4222`,
  },
  elasticsearch: {
    name: 'elasticsearch', image: 'docker.elastic.co/elasticsearch/elasticsearch:8.16.1', port: 9200, dataPath: '/usr/share/elasticsearch/data', user: null, database: null, password: null,
    note: 'Single-node Elasticsearch with security (TLS and auth) disabled: for local development only, never publish this port beyond 127.0.0.1.',
    fields: () => ({
      environment: { 'discovery.type': 'single-node', 'xpack.security.enabled': 'false', ES_JAVA_OPTS: '-Xms512m -Xmx512m' },
      healthcheck: healthcheck(['CMD-SHELL', "curl -fsS 'http://localhost:9200/_cluster/health?wait_for_status=yellow&timeout=5s' > /dev/null || exit 1"], '60s', { retries: 10 }),
    }),
    url: (host) => `http://${host}:9200`,
  },
  opensearch: {
    name: 'opensearch', image: 'opensearchproject/opensearch:2.18.0', port: 9200, dataPath: '/usr/share/opensearch/data', user: null, database: null, password: null,
    note: 'Single-node OpenSearch with the security plugin disabled: for local development only, never publish this port beyond 127.0.0.1.',
    fields: () => ({
      environment: { 'discovery.type': 'single-node', DISABLE_SECURITY_PLUGIN: 'true', DISABLE_INSTALL_DEMO_CONFIG: 'true', OPENSEARCH_JAVA_OPTS: '-Xms512m -Xmx512m' },
      healthcheck: healthcheck(['CMD-SHELL', "curl -fsS 'http://localhost:9200/_cluster/health?wait_for_status=yellow&timeout=5s' > /dev/null || exit 1"], '60s', { retries: 10 }),
    }),
    url: (host) => `http://${host}:9200`,
  },
  memcached: {
    name: 'memcached', image: 'memcached:1.6-alpine', port: 11211, dataPath: null, user: null, database: null, password: null,
    // `quit` makes memcached close the connection, so busybox nc exits without a timeout flag.
    fields: () => ({ healthcheck: healthcheck(['CMD-SHELL', "printf 'version\\r\\nquit\\r\\n' | nc 127.0.0.1 11211 | grep -q VERSION"], '5s') }),
    url: (host) => `${host}:11211`,
  },
  sqlserver: {
    name: 'sqlserver', image: 'mcr.microsoft.com/mssql/server:2022-CU16-ubuntu-22.04', port: 1433, dataPath: '/var/opt/mssql', user: 'sa', database: 'app',
    password: { variable: 'MSSQL_SA_PASSWORD', comment: "Password of the SQL Server `sa` login: at least 8 characters with upper case, lower case and digits; avoid ';' and '@' (it is embedded in connection strings)." },
    note: 'SQL Server images are published for linux/amd64 only; on Apple silicon Docker runs them under emulation.',
    // $$ escapes interpolation: the shell in the container expands the variable the service already has.
    fields: (_host, password) => ({
      platform: 'linux/amd64',
      environment: { ACCEPT_EULA: 'Y', MSSQL_PID: 'Developer', MSSQL_SA_PASSWORD: password },
      healthcheck: healthcheck(['CMD-SHELL', '/opt/mssql-tools18/bin/sqlcmd -S localhost -U sa -P "$$MSSQL_SA_PASSWORD" -C -Q "SELECT 1" -b -o /dev/null'], '30s', { retries: 10 }),
    }),
    url: (host, password) => `sqlserver://sa:${password}@${host}:1433?database=app&encrypt=disable`,
  },
  s3: {
    name: 'minio', image: 'quay.io/minio/minio:RELEASE.2025-09-07T16-13-09Z', port: 9000, dataPath: '/data', user: 'app', database: null, extraPorts: [['CONSOLE', 9001]],
    password: { variable: 'MINIO_ROOT_PASSWORD', comment: 'Secret key of the MinIO root user "app" (at least 8 characters); the app uses it as its S3 secret key.' },
    note: 'MinIO stands in for S3; create the buckets the app expects in its console (http://127.0.0.1:9001 when published) or with `mc mb`.',
    fields: (_host, password) => ({
      command: ['server', '/data', '--console-address', ':9001'],
      environment: { MINIO_ROOT_USER: 'app', MINIO_ROOT_PASSWORD: password },
      healthcheck: healthcheck(['CMD', 'mc', 'ready', 'local'], '10s'),
    }),
    url: (host) => `http://${host}:9000`,
  },
};

export function backingSpec(kind: Exclude<BackingServiceKind, 'sqlite'>): BackingSpec {
  return { kind, ...SPECS[kind] };
}
