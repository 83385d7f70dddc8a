/**
 * One dashboard per kind of backing service the plan found, over the metric names of the standard
 * Prometheus exporter for it: prometheus-community/postgres_exporter (pg_*), oliver006/redis_exporter
 * (redis_*) and prometheus/mysqld_exporter (mysql_*, also for MariaDB). Those exporters are not part
 * of the app; docs/monitoring/dashboards.md says how to run them. An `instance` variable picks the
 * server when several are scraped.
 */
import type { BackingServiceKind } from '../../../plan/schema.js';
import { BACKING_EXPORTERS } from '../shared/exporters.js';
import { dashboardBuilder, labelVariable, row, serialise, statPanel, timeseriesPanel } from './common.js';
import type { PanelSpec } from './common.js';

const RATE = '$__rate_interval';
const I = '{instance=~"$instance"}';

export interface BackingDashboard {
  /** File stem and uid part: postgres, redis, mysql. */
  id: string;
  title: string;
  exporter: string;
  /** The exporter's "is the server reachable" gauge, also the source of the instance variable. */
  upMetric: string;
  /** Kinds this dashboard covers. */
  kinds: readonly BackingServiceKind[];
  overview: PanelSpec[];
  panels: PanelSpec[];
}

function up(metric: string): PanelSpec {
  return { title: 'Up', description: `${metric}: 1 when the exporter reaches the server.`, unit: 'bool_yes_no', thresholds: [[1, 'green']], queries: [{ expr: `min(${metric}${I})`, legend: 'up' }] };
}

export const BACKING_DASHBOARDS: readonly BackingDashboard[] = [
  {
    id: 'postgres',
    title: 'PostgreSQL',
    exporter: BACKING_EXPORTERS.postgres?.exporter ?? 'postgres_exporter',
    upMetric: BACKING_EXPORTERS.postgres?.upMetric ?? 'pg_up',
    kinds: ['postgres'],
    overview: [
      up('pg_up'),
      { title: 'Connections used', description: 'Backends as a share of max_connections.', unit: 'percentunit', thresholds: [[0.7, 'orange'], [0.9, 'red']], queries: [{ expr: `sum by (instance) (pg_stat_database_numbackends${I}) / on(instance) max by (instance) (pg_settings_max_connections${I})`, legend: '{{instance}}' }] },
      { title: 'Cache hit ratio', description: 'Blocks found in shared buffers; below ~0.99 the working set does not fit in memory.', unit: 'percentunit', queries: [{ expr: `sum(rate(pg_stat_database_blks_hit${I}[${RATE}])) / (sum(rate(pg_stat_database_blks_hit${I}[${RATE}])) + sum(rate(pg_stat_database_blks_read${I}[${RATE}])))`, legend: 'hit ratio' }] },
      { title: 'Deadlocks', description: 'Deadlocks in the time range.', unit: 'short', thresholds: [[1, 'orange']], queries: [{ expr: `sum(increase(pg_stat_database_deadlocks${I}[$__range]))`, legend: 'deadlocks' }] },
    ],
    panels: [
      { title: 'Transactions / s', description: 'Commits and rollbacks per second.', unit: 'ops', min: 0, queries: [{ expr: `sum(rate(pg_stat_database_xact_commit${I}[${RATE}]))`, legend: 'commits' }, { expr: `sum(rate(pg_stat_database_xact_rollback${I}[${RATE}]))`, legend: 'rollbacks' }] },
      { title: 'Connections by database', description: 'pg_stat_database_numbackends per database.', unit: 'short', min: 0, queries: [{ expr: `sum by (datname) (pg_stat_database_numbackends${I})`, legend: '{{datname}}' }] },
      { title: 'Database size', description: 'pg_database_size_bytes per database.', unit: 'bytes', min: 0, queries: [{ expr: `sum by (datname) (pg_database_size_bytes${I})`, legend: '{{datname}}' }] },
      { title: 'Locks by mode', description: 'Locks held, by mode.', unit: 'short', min: 0, queries: [{ expr: `sum by (mode) (pg_locks_count${I})`, legend: '{{mode}}' }] },
    ],
  },
  {
    id: 'redis',
    title: 'Redis',
    exporter: BACKING_EXPORTERS.redis?.exporter ?? 'redis_exporter',
    upMetric: BACKING_EXPORTERS.redis?.upMetric ?? 'redis_up',
    kinds: ['redis'],
    overview: [
      up('redis_up'),
      { title: 'Clients', description: 'Connected clients.', unit: 'short', queries: [{ expr: `sum(redis_connected_clients${I})`, legend: 'clients' }] },
      { title: 'Memory used', description: 'Memory used as a share of maxmemory (empty when maxmemory is 0, unlimited).', unit: 'percentunit', thresholds: [[0.8, 'orange'], [0.95, 'red']], queries: [{ expr: `sum(redis_memory_used_bytes${I}) / sum(redis_memory_max_bytes${I} > 0)`, legend: 'used' }] },
      { title: 'Hit ratio', description: 'Keyspace hits / (hits + misses).', unit: 'percentunit', queries: [{ expr: `sum(rate(redis_keyspace_hits_total${I}[${RATE}])) / (sum(rate(redis_keyspace_hits_total${I}[${RATE}])) + sum(rate(redis_keyspace_misses_total${I}[${RATE}])))`, legend: 'hit ratio' }] },
    ],
    panels: [
      { title: 'Commands / s', description: 'Commands processed per second.', unit: 'ops', min: 0, queries: [{ expr: `sum by (instance) (rate(redis_commands_processed_total${I}[${RATE}]))`, legend: '{{instance}}' }] },
      { title: 'Memory', description: 'Used memory per instance.', unit: 'bytes', min: 0, queries: [{ expr: `sum by (instance) (redis_memory_used_bytes${I})`, legend: '{{instance}}' }] },
      { title: 'Evictions / s', description: 'Keys evicted because of maxmemory: the cache is too small.', unit: 'ops', min: 0, queries: [{ expr: `sum(rate(redis_evicted_keys_total${I}[${RATE}]))`, legend: 'evicted' }] },
      { title: 'Keys by database', description: 'Keys per logical database.', unit: 'short', min: 0, queries: [{ expr: `sum by (db) (redis_db_keys${I})`, legend: '{{db}}' }] },
    ],
  },
  {
    id: 'mysql',
    title: 'MySQL / MariaDB',
    exporter: BACKING_EXPORTERS.mysql?.exporter ?? 'mysqld_exporter',
    upMetric: BACKING_EXPORTERS.mysql?.upMetric ?? 'mysql_up',
    kinds: ['mysql', 'mariadb'],
    overview: [
      up('mysql_up'),
      { title: 'Connections used', description: 'Threads connected as a share of max_connections.', unit: 'percentunit', thresholds: [[0.7, 'orange'], [0.9, 'red']], queries: [{ expr: `sum by (instance) (mysql_global_status_threads_connected${I}) / on(instance) max by (instance) (mysql_global_variables_max_connections${I})`, legend: '{{instance}}' }] },
      { title: 'Threads running', description: 'Queries executing right now.', unit: 'short', queries: [{ expr: `sum(mysql_global_status_threads_running${I})`, legend: 'running' }] },
      { title: 'Slow queries', description: 'Slow queries in the time range (long_query_time).', unit: 'short', thresholds: [[1, 'orange']], queries: [{ expr: `sum(increase(mysql_global_status_slow_queries${I}[$__range]))`, legend: 'slow' }] },
    ],
    panels: [
      { title: 'Queries / s', description: 'Statements executed per second.', unit: 'ops', min: 0, queries: [{ expr: `sum by (instance) (rate(mysql_global_status_queries${I}[${RATE}]))`, legend: '{{instance}}' }] },
      { title: 'Buffer pool miss ratio', description: 'InnoDB reads that had to go to disk.', unit: 'percentunit', min: 0, queries: [{ expr: `sum(rate(mysql_global_status_innodb_buffer_pool_reads${I}[${RATE}])) / sum(rate(mysql_global_status_innodb_buffer_pool_read_requests${I}[${RATE}]))`, legend: 'miss ratio' }] },
      { title: 'Aborted connections / s', description: 'Failed connection attempts (wrong credentials, network, max_connections).', unit: 'ops', min: 0, queries: [{ expr: `sum(rate(mysql_global_status_aborted_connects${I}[${RATE}]))`, legend: 'aborted' }] },
      { title: 'Threads connected', description: 'Connections per instance.', unit: 'short', min: 0, queries: [{ expr: `sum by (instance) (mysql_global_status_threads_connected${I})`, legend: '{{instance}}' }] },
    ],
  },
];

/** The backing dashboards the given kinds call for, in table order. */
export function backingDashboardsFor(kinds: ReadonlySet<BackingServiceKind>): BackingDashboard[] {
  return BACKING_DASHBOARDS.filter((d) => d.kinds.some((k) => kinds.has(k)));
}

export function backingDashboard(projectName: string, spec: BackingDashboard): string {
  const builder = dashboardBuilder(`${spec.title} (${spec.exporter})`, `${projectName}/backing/${spec.id}`, ['backing-service', spec.id], `${spec.title} health from ${spec.exporter} metrics.`)
    .withVariable(labelVariable('instance', 'instance', spec.upMetric, null).multi(true).includeAll(true).allValue('.*').current({ selected: true, text: 'All', value: '$__all' }))
    .withRow(row('Overview'));
  for (const panel of spec.overview) builder.withPanel(statPanel(panel, panel.title === 'Up' ? 'red' : 'green'));
  builder.withRow(row('Details'));
  for (const panel of spec.panels) builder.withPanel(timeseriesPanel(panel));
  return serialise(builder.build());
}
