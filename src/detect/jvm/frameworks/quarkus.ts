/**
 * Quarkus: an app when the Quarkus build plugin is applied (quarkus-maven-plugin, Gradle io.quarkus).
 * Port from quarkus.http.port (QUARKUS_HTTP_PORT overrides; `%prod.` wins), health from SmallRye
 * Health at /q/health/live, backing services from extensions and quarkus.datasource.*. Flyway and
 * Liquibase run at startup only with migrate-at-start=true.
 */
import type { BackingServiceKind } from '../../../plan/schema.js';
import { addEvidence, addWarning } from '../../../plan/service.js';
import { applyHealthRoute, findHealthRoutes } from '../../shared/health.js';
import { resolveValue } from '../app-config.js';
import { findDependency, hasPlugin, runtimeDependencies } from '../model.js';
import { applyBacking, applyBindAddress, applyConfigPort, configValue, databaseKind, migrationTool, noteStartupMigrations, recordConfigEnv, type ConfigBacking } from './common.js';
import type { JvmContext, JvmFramework } from './types.js';

/** Extensions that bring the Vert.x HTTP server up. */
const HTTP = /^quarkus-(rest|resteasy|vertx-http|undertow|reactive-routes|smallrye-health|websockets|websockets-next|grpc|smallrye-graphql|spring-web|funqy-http|smallrye-openapi|micrometer-registry-prometheus|qute-web|hibernate-orm-rest-data-panache|rest-client-reactive-jackson)(-.*)?$/;

const BACKING: readonly ConfigBacking[] = [
  { key: 'quarkus.datasource.jdbc.url', kind: databaseKind, envVar: 'QUARKUS_DATASOURCE_JDBC_URL' },
  { key: 'quarkus.datasource.reactive.url', kind: (v) => databaseKind(v.replace(/^vertx-reactive:/, '')), envVar: 'QUARKUS_DATASOURCE_REACTIVE_URL' },
  { key: 'quarkus.datasource.db-kind', kind: databaseKind, envVar: 'QUARKUS_DATASOURCE_JDBC_URL' },
  { key: 'quarkus.redis.hosts', kind: 'redis', envVar: 'QUARKUS_REDIS_HOSTS' },
  { key: 'quarkus.mongodb.connection-string', kind: 'mongodb', envVar: 'QUARKUS_MONGODB_CONNECTION_STRING' },
  { key: 'quarkus.mongodb.hosts', kind: 'mongodb', envVar: 'QUARKUS_MONGODB_HOSTS' },
  { key: 'quarkus.elasticsearch.hosts', kind: 'elasticsearch', envVar: 'QUARKUS_ELASTICSEARCH_HOSTS' },
  { key: 'kafka.bootstrap.servers', kind: 'kafka', envVar: 'KAFKA_BOOTSTRAP_SERVERS' },
  { key: 'rabbitmq-host', kind: 'rabbitmq', envVar: 'RABBITMQ_HOST' },
];

/** Quarkus extensions that imply a backing service, beyond the shared maven table. */
const EXTENSIONS: Readonly<Record<string, BackingServiceKind>> = {
  'quarkus-reactive-pg-client': 'postgres',
  'quarkus-reactive-mysql-client': 'mysql',
  'quarkus-reactive-mssql-client': 'sqlserver',
  'quarkus-jdbc-mariadb': 'mariadb',
  'quarkus-mongodb-panache': 'mongodb',
  'quarkus-mongodb-panache-kotlin': 'mongodb',
  'quarkus-mongodb-rest-data-panache': 'mongodb',
  'quarkus-elasticsearch-rest-client': 'elasticsearch',
  'quarkus-elasticsearch-java-client': 'elasticsearch',
  'quarkus-hibernate-search-orm-elasticsearch': 'elasticsearch',
};

export const quarkus: JvmFramework = {
  id: 'quarkus',
  feature: 'quarkus',
  detect(project) {
    const plugin = hasPlugin(project, 'quarkus-maven-plugin', 'io.quarkus');
    if (plugin) return { file: plugin.file, line: plugin.line, note: `plugin ${plugin.id}` };
    const dep = findDependency(project, (d) => d.group === 'io.quarkus');
    return dep ? { file: dep.file, line: dep.line, note: `depends on ${dep.artifact}` } : null;
  },
  isApp(project) {
    // The plugin is often declared once in a parent pom for every module; a module without any
    // Quarkus extension (a shared `common` module) is not an application.
    return hasPlugin(project, 'quarkus-maven-plugin', 'io.quarkus') !== null && findDependency(project, (d) => d.group.startsWith('io.quarkus')) !== null;
  },
  isServer(project) {
    return runtimeDependencies(project).some((d) => d.group.startsWith('io.quarkus') && HTTP.test(d.artifact));
  },
  apply(ctx) {
    const { service, project, config } = ctx;
    if (service.kind === 'server') {
      applyConfigPort(ctx, { key: 'quarkus.http.port', port: 8080, envVar: 'QUARKUS_HTTP_PORT', framework: 'Quarkus' });
      applyBindAddress(ctx, 'quarkus.http.host');
      applyHealth(ctx);
    }
    recordConfigEnv(service, config);
    // A reactive client reads quarkus.datasource.reactive.url: that is the address env var to set.
    const reactive = runtimeDependencies(project).some((d) => /^quarkus-reactive-\w+-client$/.test(d.artifact));
    const isReactive = (r: ConfigBacking): boolean => r.key === 'quarkus.datasource.reactive.url';
    applyBacking(ctx, reactive ? [...BACKING.filter(isReactive), ...BACKING.filter((r) => !isReactive(r))] : BACKING, { extra: EXTENSIONS });
    const migration = migrationTool(project);
    if (migration) {
      const key = `quarkus.${migration.dep.artifact.replace(/^quarkus-/, '')}.migrate-at-start`;
      const atStart = configValue(config, key);
      if (atStart && resolveValue(atStart.value).literal === 'true') {
        noteStartupMigrations(ctx, migration, `${key}=true runs them at startup`);
      } else {
        addEvidence(service, 'migrate', migration.dep.file, `${migration.dep.artifact} without ${key}=true`, migration.dep.line);
        addWarning(service, `${migration.dep.artifact} is on the classpath but ${key} is not true: migrations never run. Set it to true (or ${key.toUpperCase().replace(/[.-]/g, '_')}=true).`);
      }
    }
  },
};

/** SmallRye Health's liveness endpoint under the non-application root path (/q by default). */
function applyHealth(ctx: JvmContext): void {
  const { service, project, config } = ctx;
  const health = findDependency(project, (d) => d.artifact === 'quarkus-smallrye-health');
  if (!health) {
    applyHealthRoute(service, findHealthRoutes(ctx.repo, ctx.sources));
    return;
  }
  const literal = (key: string, fallback: string): string => {
    const entry = configValue(config, key);
    return (entry ? resolveValue(entry.value).literal : null) ?? fallback;
  };
  const root = literal('quarkus.http.root-path', '/');
  const nonApp = literal('quarkus.http.non-application-root-path', 'q');
  const base = nonApp.startsWith('/') ? nonApp : `${root.replace(/\/$/, '')}/${nonApp}`;
  const healthRoot = literal('quarkus.smallrye-health.root-path', 'health');
  const live = literal('quarkus.smallrye-health.liveness-path', 'live');
  const path = `/${[base, healthRoot, live].map((p) => p.replace(/^\/+|\/+$/g, '')).filter((p) => p !== '').join('/')}`;
  service.health.path = path;
  addEvidence(service, 'health', health.file, `depends on quarkus-smallrye-health: liveness at ${path}`, health.line);
}
