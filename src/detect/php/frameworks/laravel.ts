/**
 * Laravel: php-fpm serving public/, the `/up` health route Laravel 11 registers in bootstrap/app.php,
 * env from .env.example and env() reads, backing services from the configured drivers (not from
 * every REDIS_* line the skeleton ships), APP_KEY as a required secret, `artisan migrate`, a Vite
 * build when package.json has one, and queue workers from the Procfile.
 */
import type { RepoFs } from '../../../core/repo/repo-fs.js';
import { joinPath } from '../../../core/repo/repo-fs.js';
import type { BackingServiceKind, ServicePlan } from '../../../plan/schema.js';
import { addBackingService, addEnv, addEvidence, addFeature } from '../../../plan/service.js';
import { linkBackingEnvVars } from '../../shared/backing.js';
import { isPlatformVar, isPortVar, isSecretName, parseDotenv, type DotenvEntry } from '../../shared/env-vars.js';
import { applyHealthRoute, findHealthRoutes } from '../../shared/health.js';
import { matchAll } from '../../shared/text.js';
import { packageLine } from '../composer.js';
import { phpEnvReads, type PhpEnvRead } from '../env.js';
import { addExtension, documentRoot, phpService, servePhpFpm, type PhpProject } from '../project.js';
import { jsBuild } from '../js-build.js';
import { workerServices } from '../workers.js';

const DB_DRIVERS: Record<string, { kind: BackingServiceKind; ext: string | null }> = {
  pgsql: { kind: 'postgres', ext: 'pdo_pgsql' },
  mysql: { kind: 'mysql', ext: 'pdo_mysql' },
  mariadb: { kind: 'mariadb', ext: 'pdo_mysql' },
  sqlsrv: { kind: 'sqlserver', ext: 'pdo_sqlsrv' },
  sqlite: { kind: 'sqlite', ext: null },
};

/** Prefixes of the variables Laravel's stock config files read; only .env.example decides which matter. */
const STOCK_PREFIX = /^(APP|DB|MYSQL|REDIS|CACHE|SESSION|QUEUE|MAIL|MAILGUN|POSTMARK|RESEND|SES|LOG|PAPERTRAIL|AWS|DYNAMODB|SQS|FILESYSTEM|BROADCAST|PUSHER|ABLY|REVERB|MEMCACHED|BCRYPT|ARGON|AUTH|PASSWORD|SLACK|VITE|BEANSTALKD|SANCTUM|LOGTAIL|NIGHTWATCH|PHP_CLI|HASH|ROUTE|VIEW|CORS)_/;

export function isLaravel(repo: RepoFs, project: PhpProject): boolean {
  const hasArtisan = repo.isFile(joinPath(project.dir, 'artisan'));
  return hasArtisan && (project.composer === null || Object.hasOwn(project.composer.require, 'laravel/framework'));
}

export function planLaravel(repo: RepoFs, project: PhpProject, name: string): ServicePlan[] {
  const { dir, composer } = project;
  const service = phpService(repo, project, name, 'laravel');
  addFeature(service, 'laravel');
  const version = project.lock?.packages.get('laravel/framework');
  addEvidence(service, 'framework', composer?.file ?? joinPath(dir, 'artisan'), version ? `laravel/framework ${version}` : 'artisan + laravel/framework', packageLine(composer, 'laravel/framework'));
  servePhpFpm(service, documentRoot(repo, project) ?? { dir: 'public', file: joinPath(dir, 'artisan') });

  const declared = envFromExample(repo, dir, service);
  backingFromDrivers(service, declared);
  for (const file of repo.glob(['config/*.php', 'app/**/*.php', 'routes/*.php', 'bootstrap/*.php'], { cwd: dir })) {
    const text = repo.readText(file);
    if (text === null || !/\b(env|getenv)\s*\(|\$_(ENV|SERVER)\[/.test(text)) continue;
    const stockConfig = file.startsWith(joinPath(dir, 'config/'));
    for (const read of phpEnvReads(text)) {
      // Stock config files read ~100 variables for drivers an app does not use: keep the ones it declares.
      if (stockConfig && STOCK_PREFIX.test(read.name) && !declared.has(read.name)) continue;
      recordRead(service, read, file);
    }
  }
  addEnv(service, { name: 'APP_KEY', required: true, secret: true });
  addEvidence(service, 'env:APP_KEY', declared.get('APP_KEY')?.file ?? joinPath(dir, 'config/app.php'), 'Laravel encrypts sessions and cookies with APP_KEY', declared.get('APP_KEY')?.line);

  driverNamesAreNotSecrets(service, declared);
  health(repo, dir, service);
  if (repo.isDir(joinPath(dir, 'database/migrations'))) {
    service.commands.migrate = 'php artisan migrate --force';
    addEvidence(service, 'migrate', joinPath(dir, 'database/migrations'), 'Laravel migrations');
  }
  jsBuild(repo, dir, service);
  linkBackingEnvVars(service);
  return [service, ...workerServices(service, project)];
}

/**
 * Like the shared recordEnvRead, minus guessing a backing service from the name: stock config reads
 * REDIS_HOST and MEMCACHED_HOST whether or not a driver uses them (see backingFromDrivers).
 */
function recordRead(service: ServicePlan, read: PhpEnvRead, file: string): void {
  if (isPlatformVar(read.name) || isPortVar(read.name)) return;
  addEnv(service, { name: read.name, required: !read.hasDefault, secret: isSecretName(read.name), default: read.default });
  addEvidence(service, `env:${read.name}`, file, read.text, read.line);
}

interface Declared {
  value: string;
  file: string;
  line: number;
}

/** .env.example: every variable with its default; the values of driver settings pick backing services. */
function envFromExample(repo: RepoFs, dir: string, service: ServicePlan): Map<string, Declared> {
  const declared = new Map<string, Declared>();
  for (const name of ['.env.example', '.env.dist', '.env.sample']) {
    const file = joinPath(dir, name);
    const text = repo.readText(file);
    if (text === null) continue;
    for (const entry of parseDotenv(text)) addDeclared(service, declared, entry, file, name);
    break;
  }
  return declared;
}

function addDeclared(service: ServicePlan, declared: Map<string, Declared>, entry: DotenvEntry, file: string, fileName: string): void {
  declared.set(entry.name, { value: entry.value, file, line: entry.line });
  if (isPlatformVar(entry.name) || isPortVar(entry.name)) return;
  // `null` is Laravel's literal for "unset"; ${APP_NAME} references another variable.
  const value = entry.value === 'null' || entry.value === '' ? null : entry.value;
  addEnv(service, { name: entry.name, required: false, secret: isSecretName(entry.name), default: value });
  addEvidence(service, `env:${entry.name}`, file, `declared in ${fileName}`, entry.line);
}

function backingFromDrivers(service: ServicePlan, declared: Map<string, Declared>): void {
  const db = declared.get('DB_CONNECTION');
  const driver = db ? DB_DRIVERS[db.value] : undefined;
  if (db && driver) {
    const envVar = driver.kind === 'sqlite' ? null : declared.has('DB_URL') ? 'DB_URL' : 'DB_HOST';
    addBackingService(service, driver.kind, envVar);
    addEvidence(service, `backing:${driver.kind}`, db.file, `DB_CONNECTION=${db.value}`, db.line);
    if (driver.ext) addExtension(service, driver.ext, db.file, `DB_CONNECTION=${db.value} needs ${driver.ext}`, db.line);
    if (driver.kind !== 'sqlite' && declared.has('DB_PASSWORD')) addEnv(service, { name: 'DB_PASSWORD', required: true, secret: true });
  }
  // Redis or Memcached only when a driver setting actually selects them.
  for (const setting of ['CACHE_STORE', 'CACHE_DRIVER', 'SESSION_DRIVER', 'QUEUE_CONNECTION', 'BROADCAST_CONNECTION']) {
    const entry = declared.get(setting);
    if (!entry) continue;
    const kind: BackingServiceKind | null = entry.value === 'redis' ? 'redis' : entry.value === 'memcached' ? 'memcached' : null;
    if (!kind) continue;
    addBackingService(service, kind, kind === 'redis' ? (declared.has('REDIS_URL') ? 'REDIS_URL' : 'REDIS_HOST') : 'MEMCACHED_HOST');
    addEvidence(service, `backing:${kind}`, entry.file, `${setting}=${entry.value}`, entry.line);
    if (kind === 'redis' && (declared.get('REDIS_CLIENT')?.value ?? 'phpredis') === 'phpredis') {
      addExtension(service, 'redis', entry.file, 'REDIS_CLIENT=phpredis needs the redis extension', declared.get('REDIS_CLIENT')?.line ?? entry.line);
    }
    if (kind === 'memcached') addExtension(service, 'memcached', entry.file, `${setting}=memcached needs the memcached extension`, entry.line);
  }
}

/** `health: '/up'` in bootstrap/app.php (Laravel 11+), else a health route in routes/. */
function health(repo: RepoFs, dir: string, service: ServicePlan): void {
  const file = joinPath(dir, 'bootstrap/app.php');
  const text = repo.readText(file);
  const hit = text === null ? undefined : matchAll(text, /\bhealth\s*:\s*['"](\/[^'"]*)['"]/g)[0];
  if (hit) {
    service.health.path = hit.match[1] ?? '/up';
    addEvidence(service, 'health', file, hit.text, hit.line);
    return;
  }
  applyHealthRoute(service, findHealthRoutes(repo, repo.glob('routes/*.php', { cwd: dir })));
}

/**
 * Laravel's `*_CONNECTION` settings name a driver (pgsql, redis, database), while the shared secret
 * rule reads `DB_CONNECTION` as a connection string. Put them back as plain config with their default.
 */
function driverNamesAreNotSecrets(service: ServicePlan, declared: Map<string, Declared>): void {
  for (const env of service.env) {
    if (!/^(DB|QUEUE|BROADCAST|CACHE|SESSION)_(CONNECTION|DRIVER|STORE)$/.test(env.name)) continue;
    env.secret = false;
    const value = declared.get(env.name)?.value;
    if (env.default === null && value) env.default = value;
  }
}
