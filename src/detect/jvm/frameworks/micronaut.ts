/**
 * Micronaut: an app with the io.micronaut.application Gradle plugin or the micronaut-maven-plugin
 * (or a Micronaut.run entry point); a server when an HTTP server module is on the classpath. Port
 * from micronaut.server.port (MICRONAUT_SERVER_PORT overrides; -1 means random), health at /health
 * with micronaut-management.
 */
import { addEvidence } from '../../../plan/service.js';
import { applyHealthRoute, findHealthRoutes } from '../../shared/health.js';
import { resolveValue } from '../app-config.js';
import { findDependency, hasPlugin, runtimeDependencies } from '../model.js';
import { applyBacking, applyBindAddress, applyConfigPort, configValue, databaseKind, migrationTool, noteStartupMigrations, recordConfigEnv, type ConfigBacking } from './common.js';
import type { JvmContext, JvmFramework } from './types.js';

const APP_PLUGINS = ['io.micronaut.application', 'io.micronaut.minimal.application', 'micronaut-maven-plugin'];
const HTTP = /^micronaut-(http-server-netty|http-server-jetty|http-server-undertow|http-server-tomcat|http-server|servlet-engine|http-poja-.*|function-aws-api-proxy)$/;

const BACKING: readonly ConfigBacking[] = [
  { key: 'datasources.default.url', kind: databaseKind, envVar: 'DATASOURCES_DEFAULT_URL' },
  { key: 'datasources.default.dialect', kind: (v) => databaseKind(v.toLowerCase()), envVar: 'DATASOURCES_DEFAULT_URL' },
  { key: 'r2dbc.datasources.default.url', kind: databaseKind, envVar: 'R2DBC_DATASOURCES_DEFAULT_URL' },
  { key: 'redis.uri', kind: 'redis', envVar: 'REDIS_URI' },
  { key: 'mongodb.uri', kind: 'mongodb', envVar: 'MONGODB_URI' },
  { key: 'kafka.bootstrap.servers', kind: 'kafka', envVar: 'KAFKA_BOOTSTRAP_SERVERS' },
  { key: 'rabbitmq.uri', kind: 'rabbitmq', envVar: 'RABBITMQ_URI' },
];

export const micronaut: JvmFramework = {
  id: 'micronaut',
  feature: 'micronaut',
  detect(project) {
    const plugin = hasPlugin(project, ...APP_PLUGINS, 'io.micronaut.library');
    if (plugin) return { file: plugin.file, line: plugin.line, note: `plugin ${plugin.id}` };
    if (project.parent?.artifact === 'micronaut-parent') return { file: project.parent.file, line: project.parent.line, note: 'parent micronaut-parent' };
    const dep = findDependency(project, (d) => d.group.startsWith('io.micronaut'));
    return dep ? { file: dep.file, line: dep.line, note: `depends on ${dep.artifact}` } : null;
  },
  isApp(project, entry) {
    if (hasPlugin(project, 'io.micronaut.library')) return false;
    return hasPlugin(project, ...APP_PLUGINS) !== null || entry?.kind === 'Micronaut.run' || project.mainClass !== null;
  },
  isServer(project) {
    return runtimeDependencies(project).some((d) => HTTP.test(d.artifact));
  },
  apply(ctx) {
    const { service, project, config } = ctx;
    if (service.kind === 'server') {
      applyConfigPort(ctx, { key: 'micronaut.server.port', port: 8080, envVar: 'MICRONAUT_SERVER_PORT', framework: 'Micronaut' });
      applyBindAddress(ctx, 'micronaut.server.host');
      applyHealth(ctx);
    }
    recordConfigEnv(service, config);
    applyBacking(ctx, BACKING);
    const migration = migrationTool(project);
    if (migration) noteStartupMigrations(ctx, migration, `Micronaut runs ${migration.tool === 'flyway' ? 'Flyway' : 'Liquibase'} at startup for enabled datasources`);
  },
};

function applyHealth(ctx: JvmContext): void {
  const { service, project, config } = ctx;
  const management = findDependency(project, (d) => d.artifact === 'micronaut-management');
  if (!management) {
    applyHealthRoute(service, findHealthRoutes(ctx.repo, ctx.sources));
    return;
  }
  const enabled = configValue(config, 'endpoints.health.enabled');
  if (enabled && resolveValue(enabled.value).literal === 'false') return;
  const base = configValue(config, 'endpoints.all.path');
  const prefix = base ? (resolveValue(base.value).literal ?? '').replace(/\/+$/, '') : '';
  service.health.path = `${prefix}/health`;
  addEvidence(service, 'health', management.file, `depends on micronaut-management: ${service.health.path}`, management.line);
}
