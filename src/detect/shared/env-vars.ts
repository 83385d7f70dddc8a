/**
 * Environment variables: which names are secrets, which are platform noise, which point at a backing
 * service, and what `.env.example` files declare.
 */
import type { RepoFs } from '../../core/repo/repo-fs.js';
import { joinPath } from '../../core/repo/repo-fs.js';
import { isDevsquadGenerated } from '../../core/generated.js';
import type { BackingServiceKind, ServicePlan } from '../../plan/schema.js';
import { addBackingService, addEnv, addEvidence } from '../../plan/service.js';

const SECRET_NAME = /(SECRET|PASSWORD|PASSWD|PWD|TOKEN|API_?KEY|PRIVATE_?KEY|ACCESS_?KEY|CREDENTIALS?|AUTH_KEY|SIGNING_KEY|ENCRYPTION_KEY|CLIENT_SECRET|DSN|WEBHOOK_URL|(^|_)SALT$|(^|_)KEY$)/;
/** Connection URLs carry passwords, so they are secrets too. */
const SECRET_URL = /^(DATABASE|DB|POSTGRES(QL)?|PG|MYSQL|MARIADB|MONGO(DB)?|REDIS|AMQP|RABBITMQ|CELERY_BROKER|BROKER|ELASTICSEARCH|OPENSEARCH|KAFKA_SASL)_?(URL|URI|DSN|CONNECTION(_STRING)?)$/;

/** Variables set by the platform or the runtime, not configuration the user must provide. */
const PLATFORM_VARS = new Set([
  'PORT', 'HOST', 'HOSTNAME', 'NODE_ENV', 'HOME', 'PATH', 'PWD', 'USER', 'SHELL', 'TERM', 'TZ', 'LANG', 'CI', 'DEBUG',
  'npm_package_version', 'npm_lifecycle_event', 'VERCEL', 'VERCEL_URL', 'NETLIFY', 'RAILWAY_ENVIRONMENT', 'FLY_APP_NAME',
  'K_SERVICE', 'KUBERNETES_SERVICE_HOST', 'PYTHONPATH', 'VIRTUAL_ENV', 'GOPATH', 'GOROOT', 'JAVA_HOME', 'RAILS_ENV',
  'RACK_ENV', 'APP_ENV', 'MIX_ENV', 'ASPNETCORE_ENVIRONMENT', 'DOTNET_ENVIRONMENT', 'ASPNETCORE_URLS', 'BASE_URL', 'DEV', 'PROD', 'SSR', 'MODE',
  'DJANGO_SETTINGS_MODULE', 'FLASK_APP', 'FLASK_ENV', 'FLASK_DEBUG', 'PYTHONUNBUFFERED', 'WEB_CONCURRENCY', 'RAILS_MAX_THREADS',
  'RAILS_LOG_TO_STDOUT', 'RAILS_SERVE_STATIC_FILES', 'SERVER_PORT', 'HTTP_PORT', 'APP_PORT',
]);

export function isSecretName(name: string): boolean {
  const upper = name.toUpperCase();
  if (/(_|^)(PUBLIC|PUBLISHABLE)(_|$)/.test(upper)) return false;
  return SECRET_NAME.test(upper) || SECRET_URL.test(upper);
}

export function isPlatformVar(name: string): boolean {
  return PLATFORM_VARS.has(name) || name.startsWith('npm_');
}

/** Variables conventionally named for a port: the app reads its listen port from them. */
export function isPortVar(name: string): boolean {
  return /^(PORT|HTTP_PORT|SERVER_PORT|APP_PORT|[A-Z]+_PORT)$/.test(name) && !/^(DB|DATABASE|POSTGRES|PG|MYSQL|REDIS|MONGO|SMTP|MAIL|RABBITMQ|AMQP)_/.test(name);
}

const ENV_BACKING: Array<[RegExp, BackingServiceKind]> = [
  [/^(POSTGRES|POSTGRESQL|PG)(_|$)/, 'postgres'],
  [/^(MYSQL)(_|$)/, 'mysql'],
  [/^(MARIADB)(_|$)/, 'mariadb'],
  [/^MONGO(DB)?(_|$)/, 'mongodb'],
  [/^REDIS(_|$)|^CACHE_REDIS/, 'redis'],
  [/^(RABBITMQ|AMQP)(_|$)/, 'rabbitmq'],
  [/^KAFKA(_|$)/, 'kafka'],
  [/^NATS(_|$)/, 'nats'],
  [/^(ELASTICSEARCH|ELASTIC|ES)_(URL|HOST|NODE|NODES|URI)/, 'elasticsearch'],
  [/^OPENSEARCH(_|$)/, 'opensearch'],
  [/^MEMCACHED?(_|$)/, 'memcached'],
  [/^(MSSQL|SQLSERVER|SQL_SERVER)(_|$)/, 'sqlserver'],
  [/^(S3|MINIO|AWS_S3)_/, 's3'],
];

/** The backing service an env var name points at, if its name says so. */
export function backingFromEnvName(name: string): BackingServiceKind | null {
  for (const [re, kind] of ENV_BACKING) if (re.test(name)) return kind;
  return null;
}

/** The backing service a connection URL's scheme names (postgres://, redis://, mongodb+srv://). */
export function backingFromUrl(value: string): BackingServiceKind | null {
  const scheme = /^([a-z0-9+]+):\/\//i.exec(value.trim())?.[1]?.toLowerCase();
  if (!scheme) return null;
  if (scheme.startsWith('postgres') || scheme === 'postgresql+asyncpg' || scheme.startsWith('postgresql')) return 'postgres';
  if (scheme.startsWith('mysql')) return 'mysql';
  if (scheme.startsWith('mariadb')) return 'mariadb';
  if (scheme.startsWith('mongodb')) return 'mongodb';
  if (scheme === 'redis' || scheme === 'rediss') return 'redis';
  if (scheme === 'amqp' || scheme === 'amqps') return 'rabbitmq';
  if (scheme === 'nats') return 'nats';
  if (scheme.startsWith('sqlite')) return 'sqlite';
  if (scheme === 'mssql' || scheme === 'sqlserver') return 'sqlserver';
  return null;
}

export interface DotenvEntry {
  name: string;
  value: string;
  line: number;
}

/** Parses KEY=VALUE lines of a dotenv file (comments, `export`, quotes). */
export function parseDotenv(text: string): DotenvEntry[] {
  const out: DotenvEntry[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const m = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_.]*)\s*=\s*(.*)$/.exec(lines[i] ?? '');
    if (!m) continue;
    let value = (m[2] ?? '').trim();
    const quoted = /^(['"])(.*)\1$/.exec(value);
    value = quoted ? (quoted[2] ?? '') : value.replace(/\s+#.*$/, '');
    out.push({ name: m[1] ?? '', value, line: i + 1 });
  }
  return out;
}

const EXAMPLE_ENV_FILES = ['.env.example', '.env.sample', '.env.template', '.env.dist', 'example.env', '.env.defaults'];

/**
 * Adds what a service's `.env.example` (or sibling names) declares: every variable, a default for
 * non-secrets, and a backing service where the name or URL scheme says so.
 */
export function addEnvFromExampleFiles(repo: RepoFs, dir: string, service: ServicePlan): void {
  for (const name of EXAMPLE_ENV_FILES) {
    const file = joinPath(dir, name);
    const text = repo.readText(file);
    if (text === null || isDevsquadGenerated(text)) continue;
    for (const entry of parseDotenv(text)) {
      if (isPlatformVar(entry.name) || isPortVar(entry.name)) continue;
      const secret = isSecretName(entry.name);
      addEnv(service, { name: entry.name, required: entry.value === '', secret, default: entry.value === '' ? null : entry.value });
      addEvidence(service, `env:${entry.name}`, file, `declared in ${name}`, entry.line);
      const kind = backingFromUrl(entry.value) ?? backingFromEnvName(entry.name);
      if (kind) {
        addBackingService(service, kind, isAddressVar(entry.name) || backingFromUrl(entry.value) ? entry.name : null);
        addEvidence(service, `backing:${kind}`, file, `${entry.name} in ${name}`, entry.line);
      }
    }
  }
}

/**
 * Records one env var read by the code. `hasDefault` is true when the code supplies a fallback
 * (`process.env.X || 'y'`, `os.getenv("X", "y")`), which makes it optional.
 */
export function recordEnvRead(
  service: ServicePlan,
  read: { name: string; hasDefault: boolean; default?: string | null; file: string; line: number; text: string },
): void {
  if (isPlatformVar(read.name)) return;
  if (isPortVar(read.name)) return;
  const secret = isSecretName(read.name);
  addEnv(service, { name: read.name, required: !read.hasDefault, secret, default: read.default ?? null });
  addEvidence(service, `env:${read.name}`, read.file, read.text, read.line);
  const kind = backingFromEnvName(read.name);
  if (kind) addBackingService(service, kind, isAddressVar(read.name) ? read.name : null);
}

/** Names that carry an address (REDIS_URL, PG_HOST), as opposed to tuning knobs (PG_POOL_MAX). */
export function isAddressVar(name: string): boolean {
  return /(URL|URI|DSN|HOST|HOSTS|ADDR|ADDRESS|SERVER|SERVERS|BROKERS?|NODES?|ENDPOINT|CONNECTION(_STRING)?)$/.test(name.toUpperCase());
}
