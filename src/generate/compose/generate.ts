/**
 * One compose.yaml for the whole plan plus the compose.env.example it needs. Every app service is built
 * from its generated Dockerfile, published on 127.0.0.1 only, wired to its backing services by
 * host name, and waits for them to be healthy. Passwords live in a git-ignored .env (never in
 * compose.yaml); see readme.md for why.
 */
import path from 'node:path';
import { Document, Scalar, isMap, isScalar, isSeq, visit } from 'yaml';
import { z } from 'zod';
import type { Evidence, ProjectPlan, ServicePlan } from '../../plan/schema.js';
import { BACKING_SERVICE_KINDS } from '../../plan/schema.js';
import { serviceName } from '../../plan/service.js';
import type { GenerateContext, GeneratedFile } from '../types.js';
import { headerComment } from '../types.js';
import { backingSpec } from './backing.js';
import type { BackingSpec, Json } from './backing.js';
import { EnvRegistry } from './env-file.js';
import { wireBacking } from './wiring.js';
import type { BackingInstance } from './wiring.js';
import { dockerfilePathFor } from '../dockerfile/paths.js';

export const inputs = z.object({
  /**
   * Also publish backing services (databases, caches, brokers) on 127.0.0.1. Off by default: apps
   * reach them by name on the Compose network, and a database already running on the host would
   * otherwise make `docker compose up` fail on a taken port.
   */
  publishBackingPorts: z.boolean().default(false),
});
export type ComposeInputs = z.infer<typeof inputs>;

/** Port a static site's image serves on when the plan has none (the static Dockerfile's default). */
export const STATIC_DEFAULT_PORT = 8080;

type BackingKind = BackingSpec['kind'];
const HOST_PORTS = 'host ports (published on 127.0.0.1 only)';

/** Whether the service's generated image declares a HEALTHCHECK (a port to probe and a route). */
export function hasImageHealthcheck(service: ServicePlan): boolean {
  if (service.kind === 'worker') return false;
  if (service.kind === 'static') return true;
  return service.port.value !== null && service.health.path !== null;
}

/** The container port an app listens on, or null for workers and servers without one. */
export function containerPort(service: ServicePlan): number | null {
  if (service.kind === 'worker') return null;
  return service.port.value ?? (service.kind === 'static' ? STATIC_DEFAULT_PORT : null);
}

function envName(name: string): string {
  const upper = name.toUpperCase().replace(/[^A-Z0-9]+/g, '_');
  return /^[0-9]/.test(upper) ? `SVC_${upper}` : upper;
}

/** The selected services plus the services they depend on (transitively), in plan order. */
function withDependencies(plan: ProjectPlan, selected: readonly ServicePlan[]): ServicePlan[] {
  const wanted = new Set(selected.map((s) => s.name));
  const queue = [...wanted];
  for (let name = queue.shift(); name !== undefined; name = queue.shift()) {
    const current = plan.services.find((s) => s.name === name);
    for (const dep of current?.dependsOn ?? []) {
      if (!wanted.has(dep) && plan.services.some((s) => s.name === dep)) {
        wanted.add(dep);
        queue.push(dep);
      }
    }
  }
  return plan.services.filter((s) => wanted.has(s.name));
}

/** First free host port at or above `preferred`, so two services on 3000 become 3000 and 3001. */
function allocate(taken: Set<number>, preferred: number): number {
  let port = preferred;
  while (taken.has(port)) port++;
  taken.add(port);
  return port;
}

function quoted(value: string): Scalar {
  const scalar = new Scalar(value);
  scalar.type = 'QUOTE_DOUBLE';
  return scalar;
}

/** A default that is safe inside `${NAME:-…}` (no braces, dollars or newlines). */
function interpolationSafe(value: string): boolean {
  return !/[{}$\n]/.test(value);
}

/** Top-level sections and service comments that app and backing services both add to. */
interface Shared {
  volumes: Json;
  secrets: Json;
  /** Comment shown above a service, by service name. */
  notes: Map<string, string>;
}

function addNote(shared: Shared, service: string, note: string): void {
  const before = shared.notes.get(service);
  shared.notes.set(service, before ? `${before}\n ${note}` : note);
}

interface Backing {
  instances: Map<BackingKind, BackingInstance>;
  services: Json;
}

function backingServices(services: readonly ServicePlan[], env: EnvRegistry, shared: Shared, publish: boolean, taken: Set<number>): Backing {
  const kinds = BACKING_SERVICE_KINDS.filter((k): k is BackingKind => k !== 'sqlite' && services.some((s) => s.backingServices.some((b) => b.kind === k)));
  const appNames = new Set(services.map((s) => s.name));
  const instances = new Map<BackingKind, BackingInstance>();
  const out: Json = {};
  for (const kind of kinds) {
    const spec = backingSpec(kind);
    const host = appNames.has(spec.name) ? `${spec.name}-server` : spec.name;
    const section = host;
    const passwordRef = spec.password ? env.required(spec.password.variable, section, spec.password.comment) : '';
    const secretName = `${host.replace(/-/g, '_')}_password`;
    // Images that read *_FILE get the password as a Compose secret file instead of an env var.
    const usesSecret = spec.password?.fileEnv !== undefined;
    let hostPort: string | null = null;
    const ports: Scalar[] = [];
    if (publish) {
      const target = spec.publishPort ?? spec.port;
      for (const [label, port] of [['', target], ...(spec.extraPorts ?? [])] as Array<[string, number]>) {
        const bound = allocate(taken, port);
        const name = `${envName(host)}${label === '' ? '' : `_${label}`}_HOST_PORT`;
        const ref = env.withDefault(name, String(bound), HOST_PORTS, `host port for ${host}${label === '' ? '' : ` ${label.toLowerCase()}`} (container port ${port})`);
        if (label === '') hostPort = ref;
        ports.push(quoted(`127.0.0.1:${ref}:${port}`));
      }
    }
    const fields = spec.fields(host, usesSecret ? `/run/secrets/${secretName}` : passwordRef, hostPort);
    const service: Json = { image: spec.image, restart: 'unless-stopped', ...fields };
    if (usesSecret && spec.password) {
      service.secrets = [secretName];
      shared.secrets[secretName] = { environment: spec.password.variable };
    }
    if (spec.dataPath !== null) {
      const volume = `${host}-data`;
      service.volumes = [`${volume}:${spec.dataPath}`];
      shared.volumes[volume] = {};
    }
    if (ports.length > 0) service.ports = ports;
    out[host] = orderKeys(service);
    if (spec.note) addNote(shared, host, spec.note);
    instances.set(kind, { spec, host, passwordRef });
  }
  return { instances, services: out };
}

/**
 * Inside a container, localhost is the container itself: a default such as
 * `http://localhost:3001` that points at the port of a service this one depends on becomes
 * `http://users:3001`.
 */
function containerAddress(value: string, service: ServicePlan, all: readonly ServicePlan[]): string {
  const match = /^([a-z][a-z0-9+.-]*:\/\/)(?:localhost|127\.0\.0\.1|0\.0\.0\.0)(:(\d+))(.*)$/i.exec(value);
  if (!match) return value;
  const port = Number(match[3]);
  // Only services the plan says this one calls: a localhost URL on its own port is meant for browsers.
  if (containerPort(service) === port) return value;
  const target = all.find((s) => service.dependsOn.includes(s.name) && containerPort(s) === port);
  return target ? `${match[1]}${target.name}${match[2]}${match[4]}` : value;
}

function appEnvironment(service: ServicePlan, all: readonly ServicePlan[], instances: ReadonlyMap<BackingKind, BackingInstance>, env: EnvRegistry): Json {
  const out: Json = {};
  const port = containerPort(service);
  const portVar = service.port.envVar ?? (service.kind === 'server' ? 'PORT' : null);
  if (port !== null && portVar !== null) out[portVar] = String(port);
  const wired = wireBacking(service, instances);
  for (const name of [...wired.keys()].sort()) if (!(name in out)) out[name] = wired.get(name);
  // A static site's files are built into the image; runtime variables would not reach them.
  if (service.kind === 'static') return out;
  const section = service.name;
  for (const variable of [...service.env].sort((a, b) => a.name.localeCompare(b.name))) {
    if (variable.name in out) continue;
    if (variable.secret) {
      if (variable.required) out[variable.name] = env.required(variable.name, section, `Secret read by ${service.name} (required).`);
      else {
        env.optional(variable.name, section, `Optional secret read by ${service.name}; passed to the container when set.`);
        out[variable.name] = null;
      }
    } else if (variable.default !== null) {
      const value = containerAddress(variable.default, service, all);
      out[variable.name] = interpolationSafe(value) ? env.withDefault(variable.name, value, section) : value.replace(/\$/g, '$$$$');
    } else if (variable.required) {
      out[variable.name] = env.required(variable.name, section, `Read by ${service.name} (required, no default in the code).`);
    } else {
      env.optional(variable.name, section, `Optional, read by ${service.name}; passed to the container when set.`);
      out[variable.name] = null;
    }
  }
  return out;
}

/** Host port variable reference for each app with a port: `127.0.0.1:${API_HOST_PORT:-3000}:3000`. */
function appPorts(services: readonly ServicePlan[], env: EnvRegistry, taken: Set<number>): Map<string, Scalar> {
  const out = new Map<string, Scalar>();
  for (const service of services) {
    const port = containerPort(service);
    if (port === null) continue;
    const hostPort = allocate(taken, port);
    const variable = env.withDefault(`${envName(service.name)}_HOST_PORT`, String(hostPort), HOST_PORTS, `host port for ${service.name} (container port ${port})`);
    out.set(service.name, quoted(`127.0.0.1:${variable}:${port}`));
  }
  return out;
}

interface AppContext {
  plan: ProjectPlan;
  project: string;
  all: readonly ServicePlan[];
  instances: ReadonlyMap<BackingKind, BackingInstance>;
  ports: ReadonlyMap<string, Scalar>;
  env: EnvRegistry;
  shared: Shared;
}


function appService(service: ServicePlan, ctx: AppContext): Json {
  const context = service.build.context === '' ? '.' : service.build.context;
  // Services sharing a folder each have their own Dockerfile (see dockerfile/paths.ts).
  const dockerfile = path.posix.relative(context, dockerfilePathFor(service, ctx.plan.services));
  const out: Json = {
    build: { context, dockerfile },
    image: service.name === ctx.project ? `${ctx.project}:local` : `${ctx.project}-${service.name}:local`,
    init: true,
    restart: 'unless-stopped',
    security_opt: ['no-new-privileges:true'],
  };
  const port = ctx.ports.get(service.name);
  if (port) out.ports = [port];
  const environment = appEnvironment(service, ctx.all, ctx.instances, ctx.env);
  if (Object.keys(environment).length > 0) out.environment = environment;
  if (service.backingServices.some((b) => b.kind === 'sqlite')) {
    const volume = `${service.name}-data`;
    out.volumes = [`${volume}:/data`];
    ctx.shared.volumes[volume] = {};
    addNote(ctx.shared, service.name, 'SQLite: keep the database file under /data (the named volume) so it survives container restarts.');
  }
  const dependsOn: Json = {};
  for (const backing of service.backingServices) {
    const instance = backing.kind === 'sqlite' ? undefined : ctx.instances.get(backing.kind);
    if (instance) dependsOn[instance.host] = { condition: 'service_healthy' };
  }
  for (const name of service.dependsOn) {
    const target = ctx.all.find((s) => s.name === name);
    if (!target || target.name === service.name) continue;
    // service_healthy on an image without HEALTHCHECK would make `docker compose up` fail.
    dependsOn[name] = { condition: hasImageHealthcheck(target) ? 'service_healthy' : 'service_started' };
  }
  if (Object.keys(dependsOn).length > 0) out.depends_on = dependsOn;
  return orderKeys(out);
}

const KEY_ORDER = ['build', 'image', 'platform', 'hostname', 'command', 'init', 'restart', 'security_opt', 'ports', 'environment', 'secrets', 'volumes', 'depends_on', 'healthcheck'];

function orderKeys(service: Json): Json {
  const out: Json = {};
  for (const key of KEY_ORDER) if (key in service) out[key] = service[key];
  for (const key of Object.keys(service)) if (!(key in out)) out[key] = service[key];
  return out;
}

function serialise(model: Json, header: string[], notes: ReadonlyMap<string, string>): string {
  const doc = new Document(model, { compat: 'yaml-1.1' });
  doc.commentBefore = header.map((l) => ` ${l}`).join('\n');
  const services = doc.get('services', true);
  if (isMap(services)) {
    for (const pair of services.items) {
      const key = isScalar(pair.key) ? pair.key : null;
      const note = key ? notes.get(String(key.value)) : undefined;
      if (key && note) key.commentBefore = ` ${note}`;
    }
  }
  // Commands read best on one line, as in the Compose docs: test: ["CMD", "pg_isready", …].
  visit(doc, {
    Pair(_, pair) {
      if (!isScalar(pair.key) || !['test', 'command'].includes(String(pair.key.value)) || !isSeq(pair.value)) return;
      pair.value.flow = true;
      for (const item of pair.value.items) if (isScalar(item)) item.type = 'QUOTE_DOUBLE';
    },
  });
  return doc.toString({ lineWidth: 0, indentSeq: true, flowCollectionPadding: false });
}

export function generate(context: GenerateContext, options: ComposeInputs): GeneratedFile[] {
  const { plan } = context;
  const services = withDependencies(plan, context.services);
  if (services.length === 0) return [];
  const project = serviceName(plan.name);
  const env = new EnvRegistry();
  const taken = new Set<number>();
  const shared: Shared = { volumes: {}, secrets: {}, notes: new Map() };
  // Apps take their host ports first: those are the ones users open in a browser.
  const ports = appPorts(services, env, taken);
  const backing = backingServices(services, env, shared, options.publishBackingPorts, taken);
  const ctx: AppContext = { plan: context.plan, project, all: services, instances: backing.instances, ports, env, shared };
  const apps: Json = {};
  for (const service of services) apps[service.name] = appService(service, ctx);
  const model: Json = { name: project, services: { ...apps, ...backing.services } };
  if (Object.keys(shared.volumes).length > 0) model.volumes = shared.volumes;
  if (Object.keys(shared.secrets).length > 0) model.secrets = shared.secrets;

  const counts = `${services.length} service${services.length === 1 ? '' : 's'}`;
  const source = `the analysis of ${plan.name} (${counts})`;
  const start = 'Start: cp compose.env.example .env, fill in the empty values, then run: docker compose up --build';
  const compose = serialise(model, [headerComment('', source).trimStart(), start], shared.notes);
  const files: GeneratedFile[] = [{ path: 'compose.yaml', content: compose, kind: 'compose', generator: 'compose', evidence: evidenceOf(services) }];
  if (env.size > 0) files.push({ path: 'compose.env.example', content: env.render(headerComment('#', source)), kind: 'dotenv', generator: 'compose' });
  return files;
}

function evidenceOf(services: readonly ServicePlan[]): Evidence[] {
  return services.flatMap((s) => s.evidence.filter((e) => e.fact === 'port' || e.fact.startsWith('backing:')));
}
