/**
 * Wires an app's env vars to the backing services Compose starts: the variable the plan links to a
 * backing service (backing.envVar) gets a connection value in the shape its name asks for (URL,
 * host, host:port, ADO.NET or JDBC), and conventional component variables the app reads (DB_HOST,
 * PGPASSWORD, REDIS_PORT…) get the matching part. Passwords are always `${VAR:?…}` references.
 */
import type { ServicePlan } from '../../plan/schema.js';
import type { BackingSpec } from './backing.js';

export interface BackingInstance {
  spec: BackingSpec;
  /** Compose service name, which is also the host name on the Compose network. */
  host: string;
  /** `${VAR:?…}` reference to the password, or '' when the service has none. */
  passwordRef: string;
}

type Kind = BackingSpec['kind'];

function ado(instance: BackingInstance): string {
  const { spec, host, passwordRef: pw } = instance;
  switch (spec.kind) {
    case 'sqlserver': return `Server=${host},1433;Database=app;User Id=sa;Password=${pw};TrustServerCertificate=True`;
    case 'postgres': return `Host=${host};Port=5432;Database=app;Username=app;Password=${pw}`;
    case 'mysql':
    case 'mariadb': return `Server=${host};Port=3306;Database=app;User=app;Password=${pw}`;
    case 'redis': return `${host}:6379`;
    default: return spec.url(host, pw);
  }
}

function jdbc(instance: BackingInstance): string {
  const { spec, host, passwordRef } = instance;
  switch (spec.kind) {
    case 'postgres': return `jdbc:postgresql://${host}:5432/app`;
    case 'mysql': return `jdbc:mysql://${host}:3306/app`;
    case 'mariadb': return `jdbc:mariadb://${host}:3306/app`;
    case 'sqlserver': return `jdbc:sqlserver://${host}:1433;databaseName=app;encrypt=false`;
    default: return spec.url(host, passwordRef);
  }
}

/** The value for the env var the plan links to a backing service, shaped by the variable's name. */
export function connectionValue(envVar: string, instance: BackingInstance): string {
  const name = envVar.toUpperCase();
  const { spec, host } = instance;
  if (name.startsWith('CONNECTIONSTRINGS__')) return ado(instance);
  if (name.includes('JDBC') || name === 'SPRING_DATASOURCE_URL') return jdbc(instance);
  if (/(HOST|HOSTNAME)$/.test(name) || (/SERVER$/.test(name) && spec.kind !== 's3')) return host;
  const http = spec.kind === 'elasticsearch' || spec.kind === 'opensearch' || spec.kind === 's3';
  if (/(ADDR|ADDRESS|SERVERS|BROKERS|BOOTSTRAP_SERVERS|NODES?|HOSTS)$/.test(name) && !http) return `${host}:${spec.port}`;
  return spec.url(host, instance.passwordRef);
}

const PREFIXES: Record<Kind, string[]> = {
  postgres: ['POSTGRES', 'POSTGRESQL', 'PG'],
  mysql: ['MYSQL'],
  mariadb: ['MARIADB', 'MYSQL'],
  sqlserver: ['MSSQL', 'SQLSERVER', 'SQL_SERVER'],
  mongodb: ['MONGO', 'MONGODB'],
  redis: ['REDIS'],
  rabbitmq: ['RABBITMQ', 'AMQP'],
  kafka: ['KAFKA'],
  nats: ['NATS'],
  elasticsearch: ['ELASTICSEARCH', 'ELASTIC'],
  opensearch: ['OPENSEARCH'],
  memcached: ['MEMCACHED', 'MEMCACHE'],
  s3: [],
};
/** The database a generic DB_* / DATABASE_* variable means, in order of preference. */
const GENERIC_DB: readonly Kind[] = ['postgres', 'mysql', 'mariadb', 'sqlserver', 'mongodb'];

type Part = 'host' | 'port' | 'user' | 'password' | 'database';
const SUFFIXES: ReadonlyArray<[RegExp, Part]> = [
  [/^(HOST|HOSTNAME|SERVER)$/, 'host'],
  [/^PORT$/, 'port'],
  [/^(USER|USERNAME)$/, 'user'],
  [/^(PASSWORD|PASS|PWD)$/, 'password'],
  [/^(NAME|DB|DATABASE)$/, 'database'],
];

function part(instance: BackingInstance, which: Part): string | null {
  const { spec } = instance;
  switch (which) {
    case 'host': return instance.host;
    case 'port': return String(spec.port);
    case 'user': return spec.user;
    case 'password': return instance.passwordRef === '' ? null : instance.passwordRef;
    case 'database': return spec.database;
  }
}

/** `DB_HOST` → host of the generic database; `PGPASSWORD` → postgres password… or null. */
function componentValue(name: string, instances: ReadonlyMap<Kind, BackingInstance>): string | null {
  const upper = name.toUpperCase();
  const candidates: Array<[string, BackingInstance]> = [];
  for (const [kind, instance] of instances) for (const prefix of PREFIXES[kind]) candidates.push([prefix, instance]);
  const generic = GENERIC_DB.map((k) => instances.get(k)).find((i) => i !== undefined);
  if (generic) for (const prefix of ['DB', 'DATABASE']) candidates.push([prefix, generic]);
  for (const [prefix, instance] of candidates) {
    if (!upper.startsWith(prefix)) continue;
    const rest = upper.slice(prefix.length).replace(/^_/, '');
    const which = SUFFIXES.find(([re]) => re.test(rest))?.[1];
    if (which) return part(instance, which);
  }
  return null;
}

const S3_ENDPOINT = /^(AWS_ENDPOINT_URL(_S3)?|S3_ENDPOINT(_URL)?|S3_URL|MINIO_ENDPOINT|MINIO_URL)$/;
const S3_ACCESS = /^(AWS_ACCESS_KEY_ID|S3_ACCESS_KEY(_ID)?|MINIO_ACCESS_KEY|MINIO_ROOT_USER)$/;
const S3_SECRET = /^(AWS_SECRET_ACCESS_KEY|S3_SECRET(_ACCESS)?_KEY|MINIO_SECRET_KEY|MINIO_ROOT_PASSWORD)$/;

/**
 * Env values for the variables `service` reads that point at a backing service. Keys are env var
 * names; variables the wiring does not recognise are left to the generic env handling.
 */
export function wireBacking(service: ServicePlan, instances: ReadonlyMap<Kind, BackingInstance>): Map<string, string> {
  const out = new Map<string, string>();
  for (const backing of service.backingServices) {
    if (backing.kind === 'sqlite' || backing.envVar === null) continue;
    const instance = instances.get(backing.kind);
    if (instance) out.set(backing.envVar, connectionValue(backing.envVar, instance));
  }
  for (const env of service.env) {
    if (out.has(env.name)) continue;
    const value = componentValue(env.name, instances);
    if (value !== null) out.set(env.name, value);
  }
  // S3 credentials only when the app is pointed at MinIO, so real AWS keys are never overridden blindly.
  const minio = instances.get('s3');
  if (minio) {
    for (const env of service.env) if (S3_ENDPOINT.test(env.name) && !out.has(env.name)) out.set(env.name, minio.spec.url(minio.host, ''));
    const pointed = [...out.entries()].some(([name, value]) => value === minio.spec.url(minio.host, '') && (S3_ENDPOINT.test(name) || name === service.backingServices.find((b) => b.kind === 's3')?.envVar));
    if (pointed) {
      for (const env of service.env) {
        if (out.has(env.name)) continue;
        if (S3_ACCESS.test(env.name)) out.set(env.name, minio.spec.user ?? 'app');
        else if (S3_SECRET.test(env.name)) out.set(env.name, minio.passwordRef);
      }
    }
  }
  return out;
}
