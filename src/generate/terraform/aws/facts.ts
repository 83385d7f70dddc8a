/**
 * What the environments pass to the modules, read from the plan: which data stores to create, and per
 * service its port, health check, plain env vars, secret env vars and the env vars that carry a data
 * store's URL (filled from the data module's secrets). One place, so every environment agrees.
 */
import type { BackingServiceKind, ServicePlan } from '../../../plan/schema.js';
import { containerPort } from '../../compose/generate.js';

export type SqlEngine = 'postgres' | 'mysql' | 'mariadb';

export interface DataNeeds {
  engine: SqlEngine | null;
  redis: boolean;
  notes: string[];
}

export const ENGINE_VERSIONS: Record<SqlEngine, string> = { postgres: '16', mysql: '8.0', mariadb: '11.4' };

/** Data module output that holds the URL secret for a backing kind, when the module provisions it. */
export function urlSecretOutput(kind: BackingServiceKind, needs: DataNeeds): string | null {
  if (kind === 'redis' && needs.redis) return 'redis_url_secret_arn';
  if ((kind === 'postgres' || kind === 'mysql' || kind === 'mariadb') && kind === needs.engine) return 'database_url_secret_arn';
  return null;
}

export function dataNeeds(services: readonly ServicePlan[]): DataNeeds {
  const kinds = services.flatMap((s) => s.backingServices.map((b) => b.kind));
  const engines = [...new Set(kinds.filter((k): k is SqlEngine => k === 'postgres' || k === 'mysql' || k === 'mariadb'))];
  const notes: string[] = [];
  const engine = engines[0] ?? null;
  if (engine) notes.push(`RDS ${engine} ${ENGINE_VERSIONS[engine]}: the plan's services use ${engine}`);
  if (engines.length > 1) notes.push(`only one RDS engine per environment: ${engines.slice(1).join(', ')} not provisioned, set those URLs yourself`);
  const redis = kinds.includes('redis');
  if (redis) notes.push('ElastiCache Redis: the plan\'s services use Redis');
  const others = [...new Set(kinds.filter((k) => !['postgres', 'mysql', 'mariadb', 'redis', 'sqlite'].includes(k)))];
  if (others.length > 0) notes.push(`not provisioned by the AWS modules: ${others.join(', ')} (their URL env vars become secrets you fill)`);
  return { engine, redis, notes };
}

export interface ServiceFacts {
  port: number | null;
  healthPath: string;
  /** 200-399 for a known health route; 200-499 when none is known (only "the server answers"). */
  healthMatcher: string;
  environment: Record<string, string>;
  secretNames: string[];
  /** Env var → data module output holding its URL secret. */
  externalSecrets: Record<string, string>;
  /** Env vars the app reads without a default that are not secrets: the user sets them. */
  unset: string[];
  notes: string[];
}

export function serviceFacts(service: ServicePlan, needs: DataNeeds): ServiceFacts {
  const port = containerPort(service);
  const notes: string[] = [];
  const externalSecrets: Record<string, string> = {};
  for (const backing of service.backingServices) {
    const output = backing.envVar ? urlSecretOutput(backing.kind, needs) : null;
    if (backing.envVar && output) externalSecrets[backing.envVar] = output;
  }
  const environment: Record<string, string> = {};
  const secretNames: string[] = [];
  const unset: string[] = [];
  for (const env of service.env) {
    if (env.name in externalSecrets) continue;
    const fromBacking = service.backingServices.some((b) => b.envVar === env.name && b.kind !== 'sqlite');
    if (env.secret || fromBacking) secretNames.push(env.name);
    else if (env.default !== null) environment[env.name] = env.default;
    else if (env.name !== service.port.envVar) unset.push(env.name);
  }
  // A backing URL env var the code never read directly still needs a value.
  for (const backing of service.backingServices) {
    if (backing.kind !== 'sqlite' && backing.envVar && !(backing.envVar in externalSecrets) && !secretNames.includes(backing.envVar)) secretNames.push(backing.envVar);
  }
  if (port !== null && service.port.envVar) environment[service.port.envVar] = String(port);
  const known = service.health.path ?? (service.kind === 'static' ? '/' : null);
  if (port === null) notes.push(`${service.name}: no port, so an ECS service without a load balancer`);
  else if (known) notes.push(`${service.name}: ALB health check GET ${known} on port ${port}`);
  else notes.push(`${service.name}: no health route in the plan, so the ALB checks / on port ${port} and accepts 200-499 (add a health route)`);
  if (service.backingServices.some((b) => b.kind === 'sqlite')) notes.push(`${service.name}: SQLite lives on the task's ephemeral disk on Fargate and is lost on every deploy; use RDS for data you keep`);
  if (service.kind === 'static') notes.push(`${service.name}: static site served by its container on ECS (S3 + CloudFront is not generated)`);
  for (const [name, output] of Object.entries(externalSecrets)) notes.push(`${service.name}: ${name} from the data module's ${output}`);
  return {
    port,
    healthPath: known ?? '/',
    healthMatcher: known ? '200-399' : '200-499',
    environment: sortedRecord(environment),
    secretNames: [...new Set(secretNames)].sort(),
    externalSecrets: sortedRecord(externalSecrets),
    unset: [...new Set(unset)].sort(),
    notes,
  };
}

function sortedRecord(record: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => a.localeCompare(b)));
}
