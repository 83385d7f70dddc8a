/**
 * Compose best-practice rules as data (DSQ-DC-0002…), each with a check over the parsed file. Checks
 * read values with interpolation defaults applied and skip what cannot be judged without the user's
 * environment. docs/rules/compose.md documents every rule.
 */
import type { RuleInfo, Severity } from './types.js';
import type { PathSegment } from './compose-schema-errors.js';
import { isInterpolated, withDefaults } from './interpolation.js';
import { parseImageRef, repositoryPath, unpinnedReason } from './image-ref.js';
import { isSecretLookingName, isSwitchValue, urlPassword } from './secret-names.js';

export type Json = Record<string, unknown>;

export interface ComposeContext {
  data: Json;
  services: Array<[string, Json]>;
}

export interface ComposeHit {
  path: PathSegment[];
  message: string;
  severity?: Severity;
}

export interface ComposeRule extends RuleInfo {
  check(context: ComposeContext): ComposeHit[];
}

export const COMPOSE_PARSE_RULE: RuleInfo = {
  id: 'DSQ-DC-0000',
  title: 'YAML syntax',
  severity: 'high',
  recommendation: 'Fix the YAML syntax (indentation, quoting, duplicate keys); Compose cannot read the file until it parses.',
};

export const COMPOSE_SCHEMA_RULE: RuleInfo = {
  id: 'DSQ-DC-0001',
  title: 'Compose Specification schema',
  severity: 'high',
  recommendation: 'Change the key or value to what the Compose Specification allows; `docker compose config` shows how Compose reads the file.',
};

export function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return null;
}

function isTrue(value: unknown): boolean {
  return value === true || (typeof value === 'string' && /^(true|yes|1)$/i.test(withDefaults(value) ?? ''));
}

interface EnvEntry {
  name: string;
  value: string | null;
  path: PathSegment[];
}

function environment(name: string, service: Json): EnvEntry[] {
  const env = service.environment;
  const base: PathSegment[] = ['services', name, 'environment'];
  if (Array.isArray(env)) {
    return env.flatMap((item, i) => {
      if (typeof item !== 'string') return [];
      const eq = item.indexOf('=');
      return [{ name: eq === -1 ? item : item.slice(0, eq), value: eq === -1 ? null : item.slice(eq + 1), path: [...base, i] }];
    });
  }
  if (!isRecord(env)) return [];
  return Object.entries(env).map(([key, value]) => ({ name: key, value: text(value), path: [...base, key] }));
}

function checkImageTag({ services }: ComposeContext): ComposeHit[] {
  const hits: ComposeHit[] = [];
  for (const [name, service] of services) {
    // With `build`, `image` names the image Compose builds: no tag is needed.
    if (service.build !== undefined || typeof service.image !== 'string') continue;
    const image = withDefaults(service.image);
    if (image === null || image === '') continue;
    const reason = unpinnedReason(parseImageRef(image));
    if (reason) hits.push({ path: ['services', name, 'image'], message: `Service "${name}" image \`${service.image}\` ${reason}: \`docker compose pull\` silently changes what runs.` });
  }
  return hits;
}

function checkPlaintextSecrets({ services }: ComposeContext): ComposeHit[] {
  const hits: ComposeHit[] = [];
  for (const [name, service] of services) {
    for (const entry of environment(name, service)) {
      const value = entry.value;
      if (value === null || value.trim() === '' || isInterpolated(value) || isSwitchValue(value) || value.startsWith('/run/secrets/')) continue;
      if (isSecretLookingName(entry.name)) {
        hits.push({ path: entry.path, message: `Service "${name}" sets ${entry.name} to a literal value: the credential is committed with the compose file.` });
      } else if (urlPassword(value) !== null) {
        hits.push({ path: entry.path, message: `Service "${name}" sets ${entry.name} to a URL with an embedded password.` });
      }
    }
  }
  return hits;
}

function checkPrivileged({ services }: ComposeContext): ComposeHit[] {
  return services
    .filter(([, s]) => isTrue(s.privileged))
    .map(([name]) => ({ path: ['services', name, 'privileged'], message: `Service "${name}" runs privileged: it has every capability and access to the host's devices.` }));
}

function checkDockerSocket({ services }: ComposeContext): ComposeHit[] {
  const hits: ComposeHit[] = [];
  for (const [name, service] of services) {
    const volumes = Array.isArray(service.volumes) ? service.volumes : [];
    for (const [i, volume] of volumes.entries()) {
      const source = typeof volume === 'string' ? volume.split(':')[0] : isRecord(volume) ? text(volume.source) : null;
      if (source && /docker\.sock$/.test(withDefaults(source) ?? source)) {
        hits.push({ path: ['services', name, 'volumes', i], message: `Service "${name}" mounts the Docker socket: the container controls the Docker daemon, which is root on the host (read-only does not help).` });
      }
    }
  }
  return hits;
}

function checkHostNetwork({ services }: ComposeContext): ComposeHit[] {
  return services
    .filter(([, s]) => typeof s.network_mode === 'string' && withDefaults(s.network_mode) === 'host')
    .map(([name]) => ({ path: ['services', name, 'network_mode'], message: `Service "${name}" uses the host network: every port it opens is on the host's interfaces, and it is not isolated from host services.` }));
}

interface Dependency {
  target: string;
  condition: string | null;
  required: boolean;
  path: PathSegment[];
}

function dependencies(name: string, service: Json): Dependency[] {
  const deps = service.depends_on;
  const base: PathSegment[] = ['services', name, 'depends_on'];
  if (Array.isArray(deps)) return deps.filter((d): d is string => typeof d === 'string').map((target, i) => ({ target, condition: null, required: true, path: [...base, i] }));
  if (!isRecord(deps)) return [];
  return Object.entries(deps).map(([target, spec]) => ({
    target,
    condition: isRecord(spec) && typeof spec.condition === 'string' ? spec.condition : null,
    required: !(isRecord(spec) && (spec.required === false || spec.required === 'false')),
    path: [...base, target],
  }));
}

function checkUnknownDependency({ data, services }: ComposeContext): ComposeHit[] {
  // Services from included files are not visible here.
  if (data.include !== undefined) return [];
  const defined = new Set(services.map(([n]) => n));
  const hits: ComposeHit[] = [];
  for (const [name, service] of services) {
    for (const dep of dependencies(name, service)) {
      if (dep.required && !defined.has(dep.target)) hits.push({ path: dep.path, message: `Service "${name}" depends on "${dep.target}", which is not defined in this file.` });
    }
  }
  return hits;
}

function healthcheckState(service: Json): 'defined' | 'disabled' | 'missing' {
  const hc = service.healthcheck;
  if (!isRecord(hc)) return 'missing';
  const test = hc.test;
  if (isTrue(hc.disable) || (Array.isArray(test) && test[0] === 'NONE') || test === 'NONE') return 'disabled';
  return test === undefined ? 'missing' : 'defined';
}

function checkHealthyWithoutHealthcheck({ services }: ComposeContext): ComposeHit[] {
  const byName = new Map(services);
  const hits: ComposeHit[] = [];
  for (const [name, service] of services) {
    for (const dep of dependencies(name, service)) {
      const target = byName.get(dep.target);
      if (dep.condition !== 'service_healthy' || !target) continue;
      const state = healthcheckState(target);
      // A built image (or an extended service) may declare HEALTHCHECK itself; only flag what is certain.
      if (state === 'defined' || (state === 'missing' && (target.build !== undefined || target.extends !== undefined))) continue;
      const why = state === 'disabled' ? 'disables its healthcheck' : 'has no healthcheck (and its image is not built here)';
      hits.push({ path: dep.path, message: `Service "${name}" waits for "${dep.target}" to be healthy, but "${dep.target}" ${why}: \`docker compose up\` fails.` });
    }
  }
  return hits;
}

const DATA_STORES = new Set([
  'postgres', 'postgresql', 'postgis', 'timescaledb', 'timescaledb-ha', 'mysql', 'mariadb', 'percona-server', 'mongo', 'mongodb', 'mongodb-community-server',
  'redis', 'redis-stack', 'redis-stack-server', 'valkey', 'keydb', 'dragonfly', 'memcached', 'mssql/server', 'cassandra', 'scylla', 'couchdb', 'neo4j',
  'clickhouse-server', 'influxdb', 'elasticsearch', 'opensearch',
]);
const DATA_STORE_PORTS = new Set([5432, 3306, 27017, 6379, 11211, 1433, 9042, 5984, 7687, 8123, 9200, 8086]);

function isDataStoreImage(image: unknown): boolean {
  if (typeof image !== 'string') return false;
  const path = repositoryPath(parseImageRef(withDefaults(image) ?? image));
  return DATA_STORES.has(path) || DATA_STORES.has(path.split('/').at(-1) ?? '');
}

interface Published {
  hostIp: string | null;
  container: number | null;
}

/** A port mapping as published; null when it is not published or cannot be resolved. */
function published(spec: unknown): Published | null {
  if (typeof spec === 'number') return { hostIp: null, container: spec };
  if (isRecord(spec)) {
    const target = Number(withDefaults(String(spec.target ?? '')) ?? NaN);
    const hostIp = typeof spec.host_ip === 'string' ? withDefaults(spec.host_ip) : null;
    return { hostIp, container: Number.isFinite(target) ? target : null };
  }
  if (typeof spec !== 'string') return null;
  const resolved = withDefaults(spec);
  if (resolved === null) return null;
  const bare = resolved.replace(/\/\w+$/, '');
  let hostIp: string | null = null;
  let rest = bare;
  const bracket = /^\[([^\]]+)\]:(.*)$/.exec(bare);
  if (bracket) {
    hostIp = bracket[1] ?? null;
    rest = bracket[2] ?? '';
  } else {
    const parts = bare.split(':');
    if (parts.length >= 3) {
      hostIp = parts.slice(0, -2).join(':');
      rest = parts.slice(-2).join(':');
    }
  }
  const container = Number(rest.split(':').at(-1)?.split('-')[0]);
  return { hostIp, container: Number.isFinite(container) ? container : null };
}

function isLoopback(ip: string | null): boolean {
  return ip !== null && (/^127\./.test(ip) || ip === '::1' || ip === 'localhost');
}

function checkPublishedDataStore({ services }: ComposeContext): ComposeHit[] {
  const hits: ComposeHit[] = [];
  for (const [name, service] of services) {
    const ports = Array.isArray(service.ports) ? service.ports : [];
    const storeImage = service.build === undefined && isDataStoreImage(service.image);
    for (const [i, spec] of ports.entries()) {
      const port = published(spec);
      if (!port || isLoopback(port.hostIp)) continue;
      if (!storeImage && !(port.container !== null && DATA_STORE_PORTS.has(port.container))) continue;
      hits.push({ path: ['services', name, 'ports', i], message: `Service "${name}" publishes data-store port ${port.container ?? '?'} on all host interfaces: anyone who can reach this machine can try to log in.` });
    }
  }
  return hits;
}

function checkRestartPolicy({ services }: ComposeContext): ComposeHit[] {
  const oneShot = new Set(services.flatMap(([name, s]) => dependencies(name, s).filter((d) => d.condition === 'service_completed_successfully').map((d) => d.target)));
  return services
    .filter(([name, s]) => s.restart === undefined && !(isRecord(s.deploy) && s.deploy.restart_policy !== undefined) && !oneShot.has(name) && s.provider === undefined)
    .map(([name]) => ({ path: ['services', name], message: `Service "${name}" has no restart policy: after a crash or a Docker restart it stays down.` }));
}

function checkBuildContext({ services }: ComposeContext): ComposeHit[] {
  const hits: ComposeHit[] = [];
  for (const [name, service] of services) {
    const build = service.build;
    const context = typeof build === 'string' ? build : isRecord(build) && typeof build.context === 'string' ? build.context : null;
    if (context === null) continue;
    const resolved = withDefaults(context) ?? context;
    if (/^[a-z][a-z0-9+.-]*:\/\/|^git@|^github\.com\//i.test(resolved)) continue;
    const parts: string[] = [];
    let escapes = resolved.startsWith('/');
    for (const part of resolved.split(/[\\/]+/)) {
      if (part === '..') {
        if (parts.length === 0) escapes = true;
        else parts.pop();
      } else if (part !== '.' && part !== '') {
        parts.push(part);
      }
    }
    if (escapes) {
      const path: PathSegment[] = typeof build === 'string' ? ['services', name, 'build'] : ['services', name, 'build', 'context'];
      hits.push({ path, message: `Service "${name}" builds from \`${context}\`, outside the directory of the compose file: the project is not self-contained.` });
    }
  }
  return hits;
}

function checkRootUser({ services }: ComposeContext): ComposeHit[] {
  return services
    .filter(([, s]) => {
      const user = typeof s.user === 'string' || typeof s.user === 'number' ? withDefaults(String(s.user)) : null;
      const who = user?.split(':')[0]?.trim().toLowerCase();
      return who === 'root' || who === '0';
    })
    .map(([name]) => ({ path: ['services', name, 'user'], message: `Service "${name}" runs as root (user: ${String(services.find(([n]) => n === name)?.[1].user)}), overriding the image's unprivileged user.` }));
}

export const COMPOSE_RULES: readonly ComposeRule[] = [
  { id: 'DSQ-DC-0002', title: 'Image without a tag or with latest', severity: 'medium', recommendation: 'Pin the image to a version tag (postgres:17-alpine) or a digest so every machine runs the same thing.', check: checkImageTag },
  { id: 'DSQ-DC-0003', title: 'Plaintext secret in environment', severity: 'high', recommendation: 'Reference the value as `${NAME:?set NAME in .env}` from a git-ignored .env file, or use Compose `secrets:`; never commit the credential.', check: checkPlaintextSecrets },
  { id: 'DSQ-DC-0004', title: 'Privileged container', severity: 'high', recommendation: 'Remove `privileged: true`; grant only the capabilities (`cap_add`) or devices the service needs.', check: checkPrivileged },
  { id: 'DSQ-DC-0005', title: 'Docker socket mounted', severity: 'critical', recommendation: 'Do not mount /var/run/docker.sock; if a tool needs the Docker API, put a filtering socket proxy in front of it or run it outside Compose.', check: checkDockerSocket },
  { id: 'DSQ-DC-0006', title: 'Host network mode', severity: 'medium', recommendation: 'Use the default bridge network and publish only the ports you need (bound to 127.0.0.1 for local access).', check: checkHostNetwork },
  { id: 'DSQ-DC-0007', title: 'depends_on an undefined service', severity: 'high', recommendation: 'Define the service, fix the name, or remove the dependency.', check: checkUnknownDependency },
  { id: 'DSQ-DC-0008', title: 'service_healthy on a service without a healthcheck', severity: 'high', recommendation: 'Add a `healthcheck:` to the dependency (pg_isready, redis-cli ping…) or wait with `condition: service_started`.', check: checkHealthyWithoutHealthcheck },
  { id: 'DSQ-DC-0009', title: 'Data-store port published on all interfaces', severity: 'medium', recommendation: 'Bind it to loopback (`"127.0.0.1:5432:5432"`) or do not publish it: services reach it by name on the Compose network.', check: checkPublishedDataStore },
  { id: 'DSQ-DC-0010', title: 'No restart policy', severity: 'low', recommendation: 'Add `restart: unless-stopped` to long-running services.', check: checkRestartPolicy },
  { id: 'DSQ-DC-0011', title: 'Build context outside the project', severity: 'info', recommendation: 'Move the compose file to the common parent directory, or keep the build context inside the project.', check: checkBuildContext },
  { id: 'DSQ-DC-0012', title: 'Container runs as root', severity: 'medium', recommendation: 'Remove `user: root` (let the image\'s non-root USER apply) or set an unprivileged uid:gid.', check: checkRootUser },
];
