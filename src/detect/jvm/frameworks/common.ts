/**
 * What Spring Boot, Quarkus and Micronaut share: a listen port read from one config key with an env
 * override, `${VAR:default}` placeholders in application config, backing services named by JDBC URLs
 * and hosts, and Flyway / Liquibase on the classpath.
 */
import { joinPath } from '../../../core/repo/repo-fs.js';
import type { BackingServiceKind, ServicePlan } from '../../../plan/schema.js';
import { addBackingService, addEnv, addEvidence, addWarning } from '../../../plan/service.js';
import { backingFromDependency, linkBackingEnvVars } from '../../shared/backing.js';
import { isLoopback } from '../../shared/procfile.js';
import { isSecretName, recordEnvRead } from '../../shared/env-vars.js';
import { parsePort } from '../../shared/text.js';
import { isEnvName, placeholders, resolveValue, type AppConfig, type ConfigEntry } from '../app-config.js';
import { runtimeDependencies, type JvmDependency, type JvmProject } from '../model.js';
import type { JvmContext } from './types.js';

export const SQL_KINDS: readonly BackingServiceKind[] = ['postgres', 'mysql', 'mariadb', 'sqlserver'];

export interface PortDefaults {
  key: string;
  port: number;
  /** The env var the framework binds to the key by itself (SERVER_PORT, QUARKUS_HTTP_PORT, …). */
  envVar: string;
  framework: string;
}

/** Port from the framework's config key, an env placeholder in it, or the framework default. */
export function applyConfigPort(ctx: JvmContext, defaults: PortDefaults): void {
  const { service, config, project } = ctx;
  const entry = config.get(defaults.key);
  if (!entry || entry.value === '') {
    service.port.value = defaults.port;
    service.port.envVar = defaults.envVar;
    addEvidence(service, 'port', config.files[0] ?? project.manifest, `${defaults.key} not set: ${defaults.framework} listens on ${defaults.port} (${defaults.envVar} overrides it)`);
    return;
  }
  const { envVar, literal } = resolveValue(entry.value);
  const note = `${entry.key}=${entry.value}`;
  if (literal !== null && /^(0|-1)$/.test(literal.trim())) {
    service.port.value = null;
    service.port.envVar = envVar ?? defaults.envVar;
    addEvidence(service, 'port', entry.file, note, entry.line);
    addWarning(service, `${entry.key} is ${literal.trim()} in ${entry.file}: ${defaults.framework} picks a random free port, which a container cannot publish. Set ${service.port.envVar} to a fixed port.`);
    return;
  }
  const port = parsePort(literal);
  service.port.value = port ?? defaults.port;
  service.port.envVar = envVar ?? defaults.envVar;
  addEvidence(service, 'port', entry.file, port === null ? `${note} (no literal default: ${defaults.framework} default ${defaults.port} assumed)` : note, entry.line);
}

/** A configured bind address (server.address, quarkus.http.host, micronaut.server.host). */
export function applyBindAddress(ctx: JvmContext, key: string): void {
  const entry = ctx.config.get(key);
  if (!entry) return;
  const { literal } = resolveValue(entry.value);
  if (!literal) return;
  ctx.service.port.bindAddress = literal;
  addEvidence(ctx.service, 'port', entry.file, `${entry.key}=${entry.value}`, entry.line);
  if (isLoopback(literal)) addWarning(ctx.service, `${entry.key} binds ${literal} in ${entry.file}: the server is unreachable from outside its container. Use 0.0.0.0.`);
}

/** Every `${VAR}` / `${VAR:default}` in production config becomes an env var (required without a default). */
export function recordConfigEnv(service: ServicePlan, config: AppConfig): void {
  for (const entry of config.entries) {
    for (const ref of allRefs(entry.value)) {
      if (!isEnvName(ref.name)) continue;
      const literal = ref.default !== null && !ref.default.includes('${') ? ref.default : null;
      recordEnvRead(service, { name: ref.name, hasDefault: ref.default !== null, default: literal, file: entry.file, line: entry.line, text: `${entry.key}=${entry.value}` });
    }
  }
}

/** Placeholders at every nesting level: `${A:${B:x}}` yields A and B. */
function allRefs(value: string): Array<{ name: string; default: string | null }> {
  const out: Array<{ name: string; default: string | null }> = [];
  for (const ref of placeholders(value)) {
    out.push(ref);
    if (ref.default?.includes('${')) out.push(...allRefs(ref.default));
  }
  return out;
}

/** postgres from `jdbc:postgresql://…`, `r2dbc:postgresql://…`, `postgresql` (db-kind). */
export function databaseKind(value: string): BackingServiceKind | null {
  const v = value.toLowerCase();
  if (/(^|:)(postgres|postgresql|pgsql)(:|$|\/)/.test(v) || v.startsWith('jdbc:postgresql') || v.startsWith('r2dbc:postgresql') || v === 'postgresql') return 'postgres';
  if (/^(jdbc:|r2dbc:)?mariadb\b/.test(v) || v === 'mariadb') return 'mariadb';
  if (/^(jdbc:|r2dbc:)?mysql\b/.test(v) || v === 'mysql') return 'mysql';
  if (/^(jdbc:|r2dbc:)?(sqlserver|mssql)\b/.test(v) || v === 'mssql') return 'sqlserver';
  if (/^jdbc:sqlite\b/.test(v)) return 'sqlite';
  if (/^mongodb(\+srv)?:/.test(v)) return 'mongodb';
  if (/^rediss?:/.test(v)) return 'redis';
  if (/^amqps?:/.test(v)) return 'rabbitmq';
  return null;
}

export interface ConfigBacking {
  /** Config key (exact) that names the service or its address. */
  key: string;
  /** The kind, or a function of the value (JDBC URLs, db-kind). */
  kind: BackingServiceKind | ((value: string) => BackingServiceKind | null);
  /** The env var the framework binds to this key without any placeholder (relaxed binding). */
  envVar: string;
}

/**
 * Backing services from the dependencies (maven table in shared/backing.ts) and from config keys.
 * Each one gets the env var that carries its address: a placeholder in the config value, else the
 * framework's own binding of the key (SPRING_DATASOURCE_URL), so compose can point it at the container.
 */
export interface BackingOptions {
  /** Kinds the dependencies imply but the app does not need (SQL drivers beside an embedded H2). */
  skip?: (kind: BackingServiceKind) => boolean;
  /** Framework extensions the shared maven table does not list (quarkus-reactive-pg-client, …). */
  extra?: Readonly<Record<string, BackingServiceKind>>;
}

export function applyBacking(ctx: JvmContext, rows: readonly ConfigBacking[], options: BackingOptions = {}): void {
  const { service, project, config } = ctx;
  for (const dep of runtimeDependencies(project)) {
    const kind = (options.extra && Object.hasOwn(options.extra, dep.artifact) ? options.extra[dep.artifact] : undefined) ?? backingFromDependency('maven', dep.artifact);
    if (!kind || options.skip?.(kind)) continue;
    addBackingService(service, kind, null);
    addEvidence(service, `backing:${kind}`, dep.file, `depends on ${dep.artifact}`, dep.line);
  }
  linkBackingEnvVars(service);
  for (const row of rows) {
    const entry = config.get(row.key);
    if (!entry || entry.value === '') continue;
    // `url: ${DATABASE_URL}` names no scheme: it addresses the one SQL database the drivers imply.
    const sql = service.backingServices.filter((b) => SQL_KINDS.includes(b.kind));
    const kind = typeof row.kind === 'function' ? (row.kind(resolvedText(entry.value)) ?? (sql.length === 1 ? sql[0]!.kind : null)) : row.kind;
    if (!kind) continue;
    const ref = placeholders(entry.value).map((p) => p.name).find((n) => isEnvName(n) && /(URL|URI|HOST|HOSTS|SERVERS|ADDR|ADDRESS|DSN|CONNECTION_STRING)$/.test(n));
    addBackingService(service, kind, ref ?? null);
    addEvidence(service, `backing:${kind}`, entry.file, `${entry.key}=${entry.value}`, entry.line);
  }
  // A backing service still without an address var gets the framework's own binding of its key.
  for (const backing of service.backingServices) {
    if (backing.envVar !== null || backing.kind === 'sqlite') continue;
    // A key for this kind itself, else (SQL databases only) the JDBC URL key whose scheme names it.
    const row = rows.find((r) => r.kind === backing.kind) ?? (SQL_KINDS.includes(backing.kind) ? rows.find((r) => typeof r.kind === 'function' && r.kind(kindProbe(backing.kind)) === backing.kind) : undefined);
    if (!row) continue;
    backing.envVar = row.envVar;
    const configured = config.get(row.key);
    if (!configured) {
      addEnv(service, { name: row.envVar, required: false, secret: isSecretName(row.envVar) });
      addEvidence(service, `env:${row.envVar}`, project.manifest, `${kindLabel(backing.kind)} client on the classpath and no ${row.key} in application config: set ${row.envVar}`);
    }
  }
}

/** A sample value that makes a kind-function answer for `kind` (db-kind style keys). */
function kindProbe(kind: BackingServiceKind): string {
  return ({ postgres: 'jdbc:postgresql:', mysql: 'jdbc:mysql:', mariadb: 'jdbc:mariadb:', sqlserver: 'jdbc:sqlserver:' } as Partial<Record<BackingServiceKind, string>>)[kind] ?? '';
}

function kindLabel(kind: BackingServiceKind): string {
  return kind === 'postgres' ? 'PostgreSQL' : kind === 'sqlserver' ? 'SQL Server' : kind;
}

/** The value with placeholders replaced by their defaults (or nothing), for scheme sniffing. */
function resolvedText(value: string): string {
  let out = value;
  for (let i = 0; i < 5 && out.includes('${'); i++) {
    out = out.replace(/\$\{([^${}:]+)(?::([^${}]*))?\}/g, (_w, _n: string, d: string | undefined) => d ?? '');
  }
  return out;
}

export type MigrationTool = { tool: 'flyway' | 'liquibase'; dep: JvmDependency };

export function migrationTool(project: JvmProject): MigrationTool | null {
  for (const dep of runtimeDependencies(project)) {
    if (/^(flyway-core|spring-boot-starter-flyway|quarkus-flyway|micronaut-flyway)$/.test(dep.artifact)) return { tool: 'flyway', dep };
    if (/^(liquibase-core|spring-boot-starter-liquibase|quarkus-liquibase(-mongodb)?|micronaut-liquibase)$/.test(dep.artifact)) return { tool: 'liquibase', dep };
  }
  return null;
}

/** Flyway / Liquibase run inside the app at startup: no separate migrate command, but say so. */
export function noteStartupMigrations(ctx: JvmContext, migration: MigrationTool, how: string): void {
  const { service, repo, project } = ctx;
  service.commands.migrate = null;
  addEvidence(service, 'migrate', migration.dep.file, `${migration.dep.artifact}: ${how}; no separate migrate command`, migration.dep.line);
  const scripts = (migration.tool === 'flyway' ? ['db/migration'] : ['db/changelog', 'db/changelog/changes']).map((d) => joinPath(project.dir, 'src/main/resources', d)).find((d) => repo.isDir(d));
  if (scripts) addEvidence(service, 'migrate', scripts, `${migration.tool === 'flyway' ? 'Flyway' : 'Liquibase'} scripts, applied by the app when it starts`);
}

export function configValue(config: AppConfig, key: string): ConfigEntry | null {
  const entry = config.get(key);
  return entry && entry.value !== '' ? entry : null;
}
