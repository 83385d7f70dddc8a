/**
 * Metrics that come from the platform rather than the app: kube-state-metrics, cAdvisor (kubelet),
 * the blackbox exporter and the backing services' exporters. The app's own metrics are in
 * metrics.ts (the contract); these are the standard names those exporters publish, kept in one
 * place so alerts and dashboards query the same series.
 */
import type { BackingServiceKind } from '../../../plan/schema.js';

/** Prometheus' own scrape health: 0 when a target cannot be scraped. */
export const SCRAPE_UP = 'up';

export const KUBE = {
  restarts: 'kube_pod_container_status_restarts_total',
  /** kube-state-metrics v2: one series per resource (`resource="cpu"|"memory"`). */
  limits: 'kube_pod_container_resource_limits',
  cpuUsage: 'container_cpu_usage_seconds_total',
  memoryWorkingSet: 'container_memory_working_set_bytes',
} as const;

/** Blackbox exporter: seconds since epoch when the earliest certificate in the chain expires. */
export const PROBE_CERT_EXPIRY = 'probe_ssl_earliest_cert_expiry';
export const PROBE_SUCCESS = 'probe_success';

export interface BackingExporter {
  /** The exporter that publishes `up`. */
  exporter: string;
  /** 1 when the exporter can reach the backing service, 0 when not. */
  upMetric: string;
  /** A command that checks the service by hand, run from a pod that can reach it. */
  check: string;
}

/**
 * The "can reach it" gauge of the usual exporter per backing service. Kinds without one (embedded
 * SQLite, S3 as a managed API) get no down alert.
 */
export const BACKING_EXPORTERS: Partial<Record<BackingServiceKind, BackingExporter>> = {
  postgres: { exporter: 'postgres_exporter', upMetric: 'pg_up', check: 'pg_isready -h "$PGHOST" -p "${PGPORT:-5432}"' },
  mysql: { exporter: 'mysqld_exporter', upMetric: 'mysql_up', check: 'mysqladmin ping -h "$MYSQL_HOST"' },
  mariadb: { exporter: 'mysqld_exporter', upMetric: 'mysql_up', check: 'mysqladmin ping -h "$MYSQL_HOST"' },
  redis: { exporter: 'redis_exporter', upMetric: 'redis_up', check: 'redis-cli -h "$REDIS_HOST" ping' },
  mongodb: { exporter: 'mongodb_exporter', upMetric: 'mongodb_up', check: 'mongosh "$MONGODB_URL" --eval "db.runCommand({ ping: 1 })"' },
  memcached: { exporter: 'memcached_exporter', upMetric: 'memcached_up', check: 'echo stats | nc "$MEMCACHED_HOST" 11211 | head -5' },
  elasticsearch: { exporter: 'elasticsearch_exporter', upMetric: 'elasticsearch_cluster_health_up', check: 'curl -s "$ELASTICSEARCH_URL/_cluster/health?pretty"' },
  opensearch: { exporter: 'elasticsearch_exporter', upMetric: 'elasticsearch_cluster_health_up', check: 'curl -s "$OPENSEARCH_URL/_cluster/health?pretty"' },
  rabbitmq: { exporter: 'rabbitmq_prometheus plugin', upMetric: 'rabbitmq_identity_info', check: 'rabbitmq-diagnostics -q check_running' },
  kafka: { exporter: 'kafka_exporter', upMetric: 'kafka_brokers', check: 'kafka-broker-api-versions.sh --bootstrap-server "$KAFKA_BROKERS" | head -3' },
  nats: { exporter: 'prometheus-nats-exporter', upMetric: 'gnatsd_varz_connections', check: 'curl -s "http://$NATS_HOST:8222/healthz"' },
  sqlserver: { exporter: 'sql_exporter', upMetric: 'mssql_up', check: 'sqlcmd -S "$MSSQL_HOST" -Q "SELECT 1"' },
};
