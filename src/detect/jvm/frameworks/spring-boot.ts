/**
 * Spring Boot: an app when the Boot build plugin packages it (spring-boot-maven-plugin, Gradle
 * org.springframework.boot with bootJar enabled) or a @SpringBootApplication class exists. A server
 * when a web starter is on the classpath. Port from server.port (SERVER_PORT always overrides),
 * health from Actuator, env vars from `${VAR}` placeholders, backing services from starters, drivers
 * and spring.datasource.url. Flyway and Liquibase run at startup inside the app.
 */
import { joinPath } from '../../../core/repo/repo-fs.js';
import { addEvidence, addWarning } from '../../../plan/service.js';
import { backingFromDependency } from '../../shared/backing.js';
import { applyHealthRoute, findHealthRoutes } from '../../shared/health.js';
import { resolveValue, type AppConfig } from '../app-config.js';
import { findDependency, hasPlugin, runtimeDependencies, type JvmProject } from '../model.js';
import type { EntryPoint } from '../sources.js';
import { SQL_KINDS, applyBacking, applyBindAddress, applyConfigPort, configValue, databaseKind, migrationTool, noteStartupMigrations, recordConfigEnv, type ConfigBacking } from './common.js';
import type { JvmContext, JvmFramework } from './types.js';

/** Starters and libraries that start an embedded web server. */
const WEB = /^(spring-boot-starter-(web|webmvc|webflux|jersey|websocket|data-rest|hateoas|graphql|web-services|oauth2-authorization-server)|spring-cloud-starter-gateway(-mvc|-server-webflux|-server-webmvc)?|spring-cloud-starter-netflix-eureka-server|spring-cloud-config-server|spring-boot-admin-starter-server|vaadin-spring-boot-starter|spring-webmvc|spring-webflux)$/;

const BACKING: readonly ConfigBacking[] = [
  { key: 'spring.datasource.url', kind: databaseKind, envVar: 'SPRING_DATASOURCE_URL' },
  { key: 'spring.r2dbc.url', kind: databaseKind, envVar: 'SPRING_R2DBC_URL' },
  { key: 'spring.data.redis.url', kind: 'redis', envVar: 'SPRING_DATA_REDIS_URL' },
  { key: 'spring.data.redis.host', kind: 'redis', envVar: 'SPRING_DATA_REDIS_HOST' },
  { key: 'spring.redis.host', kind: 'redis', envVar: 'SPRING_REDIS_HOST' },
  { key: 'spring.data.mongodb.uri', kind: 'mongodb', envVar: 'SPRING_DATA_MONGODB_URI' },
  { key: 'spring.rabbitmq.host', kind: 'rabbitmq', envVar: 'SPRING_RABBITMQ_HOST' },
  { key: 'spring.rabbitmq.addresses', kind: 'rabbitmq', envVar: 'SPRING_RABBITMQ_ADDRESSES' },
  { key: 'spring.kafka.bootstrap-servers', kind: 'kafka', envVar: 'SPRING_KAFKA_BOOTSTRAP_SERVERS' },
  { key: 'spring.elasticsearch.uris', kind: 'elasticsearch', envVar: 'SPRING_ELASTICSEARCH_URIS' },
];

function bootJarDisabled(project: JvmProject): boolean {
  return project.tool === 'gradle' && /bootJar\b[^{}]{0,80}\{[^}]*\benabled\s*(?:=|\.set\s*\()\s*false/.test(project.text);
}

export const springBoot: JvmFramework = {
  id: 'spring-boot',
  feature: 'spring-boot',
  detect(project) {
    const plugin = hasPlugin(project, 'spring-boot-maven-plugin', 'org.springframework.boot');
    if (plugin) return { file: plugin.file, line: plugin.line, note: `plugin ${plugin.id}` };
    if (project.parent?.artifact === 'spring-boot-starter-parent') return { file: project.parent.file, line: project.parent.line, note: 'parent spring-boot-starter-parent' };
    const dep = findDependency(project, (d) => d.group === 'org.springframework.boot');
    return dep ? { file: dep.file, line: dep.line, note: `depends on ${dep.artifact}` } : null;
  },
  isApp(project, entry: EntryPoint | null) {
    if (entry?.kind === 'SpringBootApplication') return !bootJarDisabled(project);
    const plugin = hasPlugin(project, 'spring-boot-maven-plugin', 'org.springframework.boot');
    return plugin !== null && !bootJarDisabled(project) && (entry !== null || project.mainClass !== null);
  },
  isServer(project, config: AppConfig) {
    const type = config.get('spring.main.web-application-type');
    if (type && resolveValue(type.value).literal?.toLowerCase() === 'none') return false;
    return runtimeDependencies(project).some((d) => WEB.test(d.artifact));
  },
  apply(ctx) {
    const { service, project, config } = ctx;
    if (!hasPlugin(project, 'spring-boot-maven-plugin', 'org.springframework.boot')) {
      addWarning(service, project.tool === 'maven'
        ? 'spring-boot-maven-plugin is not declared in the pom: `package` builds a plain jar that `java -jar` cannot run. Add the plugin.'
        : 'The org.springframework.boot Gradle plugin is not applied: there is no bootJar task. Apply the plugin.');
    }
    if (service.kind === 'server') {
      applyConfigPort(ctx, { key: 'server.port', port: 8080, envVar: 'SERVER_PORT', framework: 'Spring Boot' });
      applyBindAddress(ctx, 'server.address');
      applyHealth(ctx);
    }
    recordConfigEnv(service, config);
    applyBacking(ctx, BACKING, embeddedDatabaseInUse(ctx) ? { skip: (kind) => SQL_KINDS.includes(kind) } : {});
    const migration = migrationTool(project);
    if (migration) noteStartupMigrations(ctx, migration, `Spring Boot runs ${migration.tool === 'flyway' ? 'Flyway' : 'Liquibase'} migrations at startup`);
  },
};

/**
 * H2 / HSQLDB / Derby on the classpath and no spring.datasource.url: Spring Boot starts on the
 * embedded database, and the SQL drivers beside it serve opt-in profiles (application-mysql.properties).
 * They are not backing services the app needs; say which profiles would switch to them.
 */
function embeddedDatabaseInUse(ctx: JvmContext): boolean {
  const { service, project, config, repo } = ctx;
  const embedded = findDependency(project, (d) => /^(h2|hsqldb|derby)$/.test(d.artifact));
  if (!embedded || configValue(config, 'spring.datasource.url') || configValue(config, 'spring.r2dbc.url')) return false;
  const drivers = runtimeDependencies(project).filter((d) => { const k = backingFromDependency('maven', d.artifact); return k !== null && SQL_KINDS.includes(k); });
  addEvidence(service, 'backing', embedded.file, `${embedded.artifact} on the classpath and no spring.datasource.url: Spring Boot uses the embedded database`, embedded.line);
  if (drivers.length > 0) {
    const profiles = repo.list(joinPath(project.dir, 'src/main/resources')).filter((n) => /^application-(?!prod|production)[\w-]+\.(properties|ya?ml)$/.test(n));
    addWarning(service, `Runs on embedded ${embedded.artifact} by default; ${drivers.map((d) => d.artifact).join(', ')} ${drivers.length > 1 ? 'are' : 'is'} only used when a profile sets spring.datasource.url${profiles.length > 0 ? ` (${profiles.join(', ')})` : ''}. Set SPRING_PROFILES_ACTIVE or SPRING_DATASOURCE_URL for a real database.`);
  }
  return true;
}

/** Actuator's health endpoint (liveness group when probes are on), under the context path. */
function applyHealth(ctx: JvmContext): void {
  const { service, project, config } = ctx;
  const actuator = findDependency(project, (d) => d.artifact === 'spring-boot-starter-actuator');
  if (!actuator) {
    applyHealthRoute(service, findHealthRoutes(ctx.repo, ctx.sources));
    return;
  }
  const enabled = configValue(config, 'management.endpoint.health.enabled') ?? configValue(config, 'management.endpoint.health.access');
  if (enabled && /^(false|none)$/i.test(resolveValue(enabled.value).literal ?? '')) {
    addEvidence(service, 'health', enabled.file, `${enabled.key}=${enabled.value}: Actuator health endpoint is off`, enabled.line);
    return;
  }
  const literal = (key: string): string | null => {
    const entry = configValue(config, key);
    return entry ? resolveValue(entry.value).literal : null;
  };
  const base = literal('management.endpoints.web.base-path') ?? '/actuator';
  const context = literal('server.servlet.context-path') ?? literal('spring.webflux.base-path') ?? '';
  const probes = literal('management.endpoint.health.probes.enabled') === 'true';
  const path = joinUrl(context, base, probes ? 'health/liveness' : 'health');
  service.health.path = path;
  const probesEntry = probes ? configValue(config, 'management.endpoint.health.probes.enabled') : null;
  addEvidence(service, 'health', probesEntry?.file ?? actuator.file, probesEntry ? `${probesEntry.key}=true: Actuator liveness group at ${path}` : `depends on spring-boot-starter-actuator: ${path}`, probesEntry?.line ?? actuator.line);
  const mgmtPort = configValue(config, 'management.server.port');
  if (mgmtPort) {
    addWarning(service, `Actuator listens on management.server.port (${mgmtPort.value}), not the app port: point health checks at that port.`);
  }
}

function joinUrl(...parts: string[]): string {
  const joined = parts.map((p) => p.replace(/^\/+|\/+$/g, '')).filter((p) => p !== '').join('/');
  return `/${joined}`;
}
