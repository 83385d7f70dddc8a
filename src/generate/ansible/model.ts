/**
 * The deployment model the roles render from. The app role runs the compose.yaml devsquad generates
 * (src/generate/compose), adapted for servers: images come from a registry at a release tag instead
 * of `build:`, ports bind to a configurable address, and when the hosts run PostgreSQL / Redis
 * themselves (the postgresql, pgbouncer and redis roles) those containers are dropped and their
 * host names resolve to the database host through `extra_hosts`, so every connection string the
 * compose generator wired keeps working unchanged. Every `${VAR}` the file reads becomes an entry of
 * the .env the app role renders, secrets from Ansible Vault variables.
 */
import { Document, isScalar, isSeq, parse, visit } from 'yaml';
import { isSecretName } from '../../detect/shared/env-vars.js';
import type { ProjectPlan, ServicePlan } from '../../plan/schema.js';
import { generate as generateCompose, inputs as composeInputs } from '../compose/generate.js';
import type { GenerateContext } from '../types.js';
import { headerComment } from '../types.js';
import { imageName, projectSlug } from './names.js';

type Json = { [key: string]: unknown };

export interface EnvEntry {
  name: string;
  /** Default from compose ('' when none). */
  value: string;
  secret: boolean;
  /** Compose refuses to start without it (`${NAME:?…}`). */
  required: boolean;
}

export interface AppService {
  service: ServicePlan;
  image: string;
  /** The .env variable holding the published host port, with its default, or null (workers). */
  hostPort: { variable: string; value: number } | null;
  /** Path the health wait requests, or null to wait for the port only. */
  healthPath: string | null;
}

export interface DeployModel {
  project: string;
  composeText: string;
  env: EnvEntry[];
  apps: AppService[];
  /** Compose service names the host roles replace, by kind. */
  postgresHost: string | null;
  redisHost: string | null;
  /** Named compose volumes left (SQLite files, other backing services) that backups archive. */
  volumes: string[];
}

/** Variables the deployment itself sets in .env (not app configuration). */
export const DEPLOY_VARS = {
  IMAGE_REGISTRY: '{{ app_registry }}',
  IMAGE_TAG: '{{ app_image_tag }}',
  APP_BIND_ADDRESS: '{{ app_bind_address }}',
  POSTGRES_HOST_ADDRESS: '{{ app_postgres_address }}',
  REDIS_HOST_ADDRESS: '{{ app_redis_address }}',
} as const;

export const DOCKER_SUBNET = '172.30.0.0/24';

function isMap(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function strings(value: unknown, out: string[]): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const item of value) strings(item, out);
  else if (isMap(value)) for (const item of Object.values(value)) strings(item, out);
  return out;
}

/** `${NAME}`, `${NAME:-default}`, `${NAME:?message}`; `$${…}` is an escaped dollar and skipped. */
const INTERPOLATION = /(?<!\$)\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])([^}]*))?\}/g;

function collectEnv(compose: Json, plan: ProjectPlan): EnvEntry[] {
  const found = new Map<string, EnvEntry>();
  const planSecret = (name: string): boolean => plan.services.some((s) => s.env.some((e) => e.name === name && e.secret));
  const add = (name: string, value: string, required: boolean): void => {
    if (name in DEPLOY_VARS) return;
    const before = found.get(name);
    if (before) {
      before.required ||= required;
      if (before.value === '') before.value = value;
      return;
    }
    found.set(name, { name, value, required, secret: isSecretName(name) || planSecret(name) });
  };
  for (const text of strings(compose, [])) {
    for (const match of text.matchAll(INTERPOLATION)) {
      const [, name = '', op = '', rest = ''] = match;
      add(name, op.endsWith('-') ? rest : '', op.endsWith('?'));
    }
  }
  // `environment: { NAME: null }` passes NAME through from .env when it is set.
  const services = isMap(compose.services) ? compose.services : {};
  for (const service of Object.values(services)) {
    if (!isMap(service) || !isMap(service.environment)) continue;
    for (const [name, value] of Object.entries(service.environment)) if (value === null) add(name, '', false);
  }
  return [...found.values()].sort((a, b) => a.name.localeCompare(b.name));
}

function hostPortOf(service: Json): AppService['hostPort'] {
  const ports = Array.isArray(service.ports) ? service.ports : [];
  for (const port of ports) {
    const match = typeof port === 'string' ? /\$\{([A-Z0-9_]+):-(\d+)\}:\d+$/.exec(port) : null;
    if (match) return { variable: match[1] ?? '', value: Number(match[2]) };
  }
  return null;
}

function serialise(model: Json, header: string[]): string {
  const doc = new Document(model, { version: '1.1' });
  doc.commentBefore = header.map((l) => ` ${l}`).join('\n');
  visit(doc, {
    Pair(_, pair) {
      if (!isScalar(pair.key) || !['test', 'command'].includes(String(pair.key.value)) || !isSeq(pair.value)) return;
      pair.value.flow = true;
    },
  });
  return doc.toString({ lineWidth: 0, indentSeq: true, flowCollectionPadding: false });
}

export interface ModelOptions {
  hostDatabases: boolean;
}

export function deployModel(context: GenerateContext, options: ModelOptions): DeployModel | null {
  const { plan } = context;
  const composeFile = generateCompose(context, composeInputs.parse({})).find((f) => f.path === 'compose.yaml');
  if (!composeFile) return null;
  const compose = parse(composeFile.content) as Json;
  const services = isMap(compose.services) ? compose.services : {};
  const byImage = (prefix: string): string | null => Object.keys(services).find((k) => String((services[k] as Json).image ?? '').startsWith(prefix)) ?? null;
  const postgresHost = options.hostDatabases ? byImage('postgres:') : null;
  const redisHost = options.hostDatabases ? byImage('redis:') : null;
  const replaced = new Map<string, string>();
  if (postgresHost) replaced.set(postgresHost, 'POSTGRES_HOST_ADDRESS');
  if (redisHost) replaced.set(redisHost, 'REDIS_HOST_ADDRESS');

  const apps: AppService[] = [];
  const dropped = new Set<string>();
  for (const host of replaced.keys()) {
    const service = services[host] as Json;
    for (const volume of Array.isArray(service.volumes) ? service.volumes : []) dropped.add(String(volume).split(':')[0] ?? '');
    for (const secret of Array.isArray(service.secrets) ? service.secrets : []) if (isMap(compose.secrets)) delete compose.secrets[String(secret)];
    delete services[host];
  }
  for (const [name, value] of Object.entries(services)) {
    const service = value as Json;
    const planService = plan.services.find((s) => s.name === name);
    if (!('build' in service) || !planService) continue;
    delete service.build;
    const image = imageName(plan, planService);
    service.image = `\${IMAGE_REGISTRY:?set IMAGE_REGISTRY in .env}/${image}:\${IMAGE_TAG:?set IMAGE_TAG in .env}`;
    if (Array.isArray(service.ports)) service.ports = service.ports.map((p) => String(p).replace(/^127\.0\.0\.1:/, '${APP_BIND_ADDRESS:-127.0.0.1}:'));
    if (isMap(service.depends_on)) {
      for (const host of replaced.keys()) delete service.depends_on[host];
      // A registry image's HEALTHCHECK is invisible here; the app role waits on each health route instead.
      for (const dep of Object.keys(service.depends_on)) if (plan.services.some((s) => s.name === dep)) service.depends_on[dep] = { condition: 'service_started' };
      if (Object.keys(service.depends_on).length === 0) delete service.depends_on;
    }
    if (replaced.size > 0) service.extra_hosts = [...replaced].map(([host, variable]) => `${host}:\${${variable}:-host-gateway}`);
    const hostPort = hostPortOf(service);
    const healthPath = planService.kind === 'static' ? (planService.health.path ?? '/') : planService.health.path;
    apps.push({ service: planService, image, hostPort, healthPath: hostPort ? healthPath : null });
  }
  if (isMap(compose.volumes)) {
    for (const volume of dropped) delete compose.volumes[volume];
    if (Object.keys(compose.volumes).length === 0) delete compose.volumes;
  }
  if (isMap(compose.secrets) && Object.keys(compose.secrets).length === 0) delete compose.secrets;
  // A fixed subnet, so UFW on the database host can allow exactly the app containers.
  compose.networks = { default: { ipam: { config: [{ subnet: DOCKER_SUBNET }] } } };

  const project = projectSlug(plan);
  const source = `the analysis of ${plan.name} (compose.yaml adapted for servers)`;
  const composeText = serialise(compose, [headerComment('', source).trimStart(), 'Started by the systemd unit the app role installs; values come from the .env it renders.']);
  const volumes = isMap(compose.volumes) ? Object.keys(compose.volumes).sort() : [];
  return { project, composeText, env: collectEnv(compose, plan), apps, postgresHost, redisHost, volumes };
}
