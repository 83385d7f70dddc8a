import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { testdir, writeFiles } from '../../../test/helpers.js';
import { BACKING_SERVICE_KINDS } from '../../plan/schema.js';
import type { BackingServiceKind, EnvVar, ProjectPlan, ServicePlan } from '../../plan/schema.js';
import { blankService } from '../../plan/service.js';
import { validateCompose } from '../../validate/compose.js';
import { variableNames } from '../../validate/interpolation.js';
import { severityRank } from '../../validate/types.js';
import { composeGenerator } from './index.js';
import { generate, inputs } from './generate.js';

type Compose = { name: string; services: Record<string, Record<string, unknown>>; volumes?: Record<string, unknown>; secrets?: Record<string, unknown> };

function service(name: string, extra: Partial<ServicePlan> = {}): ServicePlan {
  const s = blankService({ name, path: `apps/${name}`, language: 'node', runtime: { name: 'node', version: '22', source: '.nvmrc' } });
  s.port = { value: 3000, envVar: 'PORT', bindAddress: null };
  s.health = { path: '/health' };
  return { ...s, ...extra };
}

function env(name: string, opts: Partial<EnvVar> = {}): EnvVar {
  return { name, required: false, secret: false, default: null, ...opts };
}

function plan(services: ServicePlan[], name = 'shop'): ProjectPlan {
  return { schemaVersion: 1, name, monorepo: null, services, warnings: [], diagnostics: [] };
}

function run(p: ProjectPlan, options: Record<string, unknown> = {}, selected = p.services) {
  const files = generate({ plan: p, services: selected, version: '0.1.0' }, inputs.parse(options));
  const compose = files.find((f) => f.path === 'compose.yaml');
  const dotenv = files.find((f) => f.path === 'compose.env.example');
  return { files, text: compose?.content ?? '', model: parse(compose?.content ?? '{}') as Compose, dotenv: dotenv?.content ?? '' };
}

/** Diagnostics above info from devsquad's own compose validator. */
function problems(text: string) {
  return validateCompose({ path: 'compose.yaml', content: text }).filter((d) => severityRank(d.severity) > severityRank('info'));
}

const ALL_KINDS = BACKING_SERVICE_KINDS.filter((k) => k !== 'sqlite');
const URL_VARS: Record<Exclude<BackingServiceKind, 'sqlite'>, string> = {
  postgres: 'DATABASE_URL', mysql: 'MYSQL_URL', mariadb: 'MARIADB_URL', mongodb: 'MONGODB_URI', redis: 'REDIS_URL', rabbitmq: 'AMQP_URL',
  kafka: 'KAFKA_BROKERS', nats: 'NATS_URL', elasticsearch: 'ELASTICSEARCH_URL', opensearch: 'OPENSEARCH_URL', memcached: 'MEMCACHED_SERVERS',
  sqlserver: 'CONNECTIONSTRINGS__DEFAULT', s3: 'S3_ENDPOINT',
};

function everyBackingPlan(): ProjectPlan {
  const api = service('api', {
    backingServices: [...ALL_KINDS.map((kind) => ({ kind, envVar: URL_VARS[kind] })), { kind: 'sqlite' as const, envVar: null }],
    env: Object.values(URL_VARS).map((name) => env(name, { required: true, secret: /URL|URI|CONNECTION/.test(name) })),
  });
  return plan([api]);
}

describe('compose generator', () => {
  it('is registered with its metadata and default inputs', () => {
    expect(composeGenerator.id).toBe('compose');
    expect(composeGenerator.inputs.parse({})).toEqual({ publishBackingPorts: false });
  });

  it('writes compose.yaml and compose.env.example for every backing service kind, clean under the compose validator', () => {
    const { files, model, text, dotenv } = run(everyBackingPlan());
    expect(files.map((f) => [f.path, f.kind, f.generator])).toEqual([['compose.yaml', 'compose', 'compose'], ['compose.env.example', 'dotenv', 'compose']]);
    expect(problems(text)).toEqual([]);
    expect(Object.keys(model.services)).toEqual(['api', 'postgres', 'mysql', 'mariadb', 'mongodb', 'redis', 'rabbitmq', 'kafka', 'nats', 'elasticsearch', 'opensearch', 'memcached', 'sqlserver', 'minio']);
    const images = Object.fromEntries(Object.entries(model.services).map(([n, s]) => [n, s.image]));
    expect(images).toMatchObject({
      postgres: 'postgres:17-alpine', mysql: 'mysql:8.4', mariadb: 'mariadb:11.4', mongodb: 'mongo:8.0', redis: 'redis:7.4-alpine',
      rabbitmq: 'rabbitmq:4.0-management-alpine', kafka: 'apache/kafka:3.9.0', nats: 'nats:2.10-alpine',
      elasticsearch: 'docker.elastic.co/elasticsearch/elasticsearch:8.16.1', opensearch: 'opensearchproject/opensearch:2.18.0',
      memcached: 'memcached:1.6-alpine', sqlserver: 'mcr.microsoft.com/mssql/server:2022-CU16-ubuntu-22.04', minio: 'quay.io/minio/minio:RELEASE.2025-09-07T16-13-09Z',
    });
    for (const [name, svc] of Object.entries(model.services)) {
      if (name === 'api') continue;
      expect((svc.healthcheck as { test: string[] }).test[0], name).toMatch(/^CMD(-SHELL)?$/);
      expect(svc.restart, name).toBe('unless-stopped');
      expect((model.services.api?.depends_on as Record<string, unknown>)[name], name).toEqual({ condition: 'service_healthy' });
    }
    // Backing services are reachable by name only: nothing but the app is published.
    expect(Object.entries(model.services).filter(([, s]) => s.ports).map(([n]) => n)).toEqual(['api']);
    // Passwords come from .env: every credential in compose.yaml is a reference.
    expect(text).not.toMatch(/(PASSWORD|PASS|_SECRET)[A-Z_]*: (?!\$\{|\/run\/secrets\/|"yes")/);
    expect(text).toContain('MYSQL_RANDOM_ROOT_PASSWORD: "yes"');
    expect(dotenv).toContain('\nPOSTGRES_PASSWORD=\n');
    expect(dotenv).toContain('\nMSSQL_SA_PASSWORD=\n');
    expect(model.secrets).toEqual({
      postgres_password: { environment: 'POSTGRES_PASSWORD' }, mysql_password: { environment: 'MYSQL_PASSWORD' },
      mariadb_password: { environment: 'MARIADB_PASSWORD' }, mongodb_password: { environment: 'MONGO_PASSWORD' },
    });
    expect(model.services.api?.volumes).toEqual(['api-data:/data']);
  });

  it('wires each connection variable to its backing service host', () => {
    const { model } = run(everyBackingPlan());
    expect(model.services.api?.environment).toEqual({
      PORT: '3000',
      AMQP_URL: 'amqp://app:${RABBITMQ_PASSWORD:?set RABBITMQ_PASSWORD in .env}@rabbitmq:5672',
      CONNECTIONSTRINGS__DEFAULT: 'Server=sqlserver,1433;Database=app;User Id=sa;Password=${MSSQL_SA_PASSWORD:?set MSSQL_SA_PASSWORD in .env};TrustServerCertificate=True',
      DATABASE_URL: 'postgresql://app:${POSTGRES_PASSWORD:?set POSTGRES_PASSWORD in .env}@postgres:5432/app',
      ELASTICSEARCH_URL: 'http://elasticsearch:9200',
      KAFKA_BROKERS: 'kafka:9092',
      MARIADB_URL: 'mysql://app:${MARIADB_PASSWORD:?set MARIADB_PASSWORD in .env}@mariadb:3306/app',
      MEMCACHED_SERVERS: 'memcached:11211',
      MONGODB_URI: 'mongodb://app:${MONGO_PASSWORD:?set MONGO_PASSWORD in .env}@mongodb:27017/app?authSource=admin',
      MYSQL_URL: 'mysql://app:${MYSQL_PASSWORD:?set MYSQL_PASSWORD in .env}@mysql:3306/app',
      NATS_URL: 'nats://nats:4222',
      OPENSEARCH_URL: 'http://opensearch:9200',
      REDIS_URL: 'redis://redis:6379',
      S3_ENDPOINT: 'http://minio:9000',
    });
  });

  it('fills component variables (host, port, user, password, database) and other connection shapes', () => {
    const api = service('api', {
      backingServices: [{ kind: 'postgres', envVar: 'DB_HOST' }, { kind: 's3', envVar: 'AWS_ENDPOINT_URL_S3' }, { kind: 'redis', envVar: 'REDIS_HOST' }],
      env: ['DB_HOST', 'DB_PORT', 'DB_USERNAME', 'DB_PASSWORD', 'DB_DATABASE', 'REDIS_HOST', 'REDIS_PORT', 'AWS_ENDPOINT_URL_S3', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY'].map((n) => env(n, { required: true, secret: /PASSWORD|SECRET/.test(n) })),
    });
    const java = service('billing', { backingServices: [{ kind: 'mysql', envVar: 'SPRING_DATASOURCE_URL' }], env: [env('SPRING_DATASOURCE_URL'), env('SPRING_DATASOURCE_PASSWORD', { secret: true, required: true })] });
    const { model, text } = run(plan([api, java]));
    expect(model.services.api?.environment).toMatchObject({
      DB_HOST: 'postgres', DB_PORT: '5432', DB_USERNAME: 'app', DB_PASSWORD: '${POSTGRES_PASSWORD:?set POSTGRES_PASSWORD in .env}', DB_DATABASE: 'app',
      REDIS_HOST: 'redis', REDIS_PORT: '6379',
      AWS_ENDPOINT_URL_S3: 'http://minio:9000', AWS_ACCESS_KEY_ID: 'app', AWS_SECRET_ACCESS_KEY: '${MINIO_ROOT_PASSWORD:?set MINIO_ROOT_PASSWORD in .env}',
    });
    expect(model.services.billing?.environment).toMatchObject({ SPRING_DATASOURCE_URL: 'jdbc:mysql://mysql:3306/app', SPRING_DATASOURCE_PASSWORD: '${SPRING_DATASOURCE_PASSWORD:?set SPRING_DATASOURCE_PASSWORD in .env}' });
    expect(problems(text)).toEqual([]);
  });

  it('publishes backing services on loopback only when asked, with a host listener for Kafka', () => {
    const { model, text, dotenv } = run(everyBackingPlan(), { publishBackingPorts: true });
    expect(problems(text)).toEqual([]);
    expect(model.services.postgres?.ports).toEqual(['127.0.0.1:${POSTGRES_HOST_PORT:-5432}:5432']);
    expect(model.services.rabbitmq?.ports).toEqual(['127.0.0.1:${RABBITMQ_HOST_PORT:-5672}:5672', '127.0.0.1:${RABBITMQ_UI_HOST_PORT:-15672}:15672']);
    // mysql and mariadb both listen on 3306: the second gets the next free host port.
    expect(model.services.mariadb?.ports).toEqual(['127.0.0.1:${MARIADB_HOST_PORT:-3307}:3306']);
    expect((model.services.kafka?.environment as Record<string, string>).KAFKA_ADVERTISED_LISTENERS).toBe('PLAINTEXT://kafka:9092,HOST://localhost:${KAFKA_HOST_PORT:-9094}');
    expect(dotenv).toContain('\nMARIADB_HOST_PORT=3307\n');
  });

  it('builds a monorepo: contexts, Dockerfile paths, dependsOn conditions and distinct host ports', () => {
    const api = service('api', { build: { ...service('api').build, context: '' }, backingServices: [{ kind: 'postgres', envVar: 'DATABASE_URL' }], env: [env('DATABASE_URL', { required: true, secret: true })], dependsOn: ['jobs'] });
    const admin = service('admin', { dependsOn: ['api'] });
    const jobs = service('jobs', { kind: 'worker', port: { value: null, envVar: null, bindAddress: null }, health: { path: null } });
    const web = service('web', { kind: 'static', port: { value: null, envVar: null, bindAddress: null }, health: { path: null }, dependsOn: ['api', 'admin'], env: [env('VITE_API_URL', { default: '/api' })] });
    const { model, text, dotenv } = run(plan([api, admin, jobs, web], 'Acme Platform'));
    expect(problems(text)).toEqual([]);
    expect(model.name).toBe('acme-platform');
    expect(model.services.api?.build).toEqual({ context: '.', dockerfile: 'apps/api/Dockerfile' });
    expect(model.services.admin?.build).toEqual({ context: 'apps/admin', dockerfile: 'Dockerfile' });
    expect(model.services.api?.image).toBe('acme-platform-api:local');
    expect(model.services.api?.depends_on).toEqual({ postgres: { condition: 'service_healthy' }, jobs: { condition: 'service_started' } });
    expect(model.services.web?.depends_on).toEqual({ api: { condition: 'service_healthy' }, admin: { condition: 'service_healthy' } });
    expect(model.services.api?.ports).toEqual(['127.0.0.1:${API_HOST_PORT:-3000}:3000']);
    expect(model.services.admin?.ports).toEqual(['127.0.0.1:${ADMIN_HOST_PORT:-3001}:3000']);
    expect(dotenv).toContain('\nADMIN_HOST_PORT=3001\n');
  });

  it('builds each service that shares a folder from its own Dockerfile, so a worker runs its own process', () => {
    const web = service('web', { path: '', build: { ...service('web').build, context: '' }, port: { value: 8000, envVar: 'PORT', bindAddress: null } });
    const worker = service('worker', { path: '', build: { ...service('worker').build, context: '' }, kind: 'worker', port: { value: null, envVar: null, bindAddress: null }, health: { path: null } });
    worker.commands.start = 'celery -A shop worker --loglevel=info';
    const { model, text } = run(plan([worker, web]));
    expect(problems(text)).toEqual([]);
    expect(model.services.web).toMatchObject({ build: { context: '.', dockerfile: 'Dockerfile' } });
    expect(model.services.worker).toMatchObject({ build: { context: '.', dockerfile: 'worker.Dockerfile' } });
    expect(model.services.worker?.command).toBeUndefined();
  });

  it('points localhost URLs at the services this one depends on', () => {
    const users = service('users', { port: { value: 3001, envVar: 'PORT', bindAddress: null } });
    const orders = service('orders', {
      port: { value: 3002, envVar: 'PORT', bindAddress: null },
      dependsOn: ['users'],
      env: [env('USERS_API_URL', { default: 'http://localhost:3001/v1' }), env('PUBLIC_URL', { default: 'http://localhost:3002' }), env('OTHER_URL', { default: 'http://127.0.0.1:9999' })],
    });
    const { model, dotenv } = run(plan([users, orders]));
    expect(model.services.orders?.environment).toMatchObject({
      USERS_API_URL: '${USERS_API_URL:-http://users:3001/v1}',
      PUBLIC_URL: '${PUBLIC_URL:-http://localhost:3002}',
      OTHER_URL: '${OTHER_URL:-http://127.0.0.1:9999}',
    });
    expect(dotenv).toContain('\nUSERS_API_URL=http://users:3001/v1\n');
  });

  it('runs a worker without ports and with a restart policy', () => {
    const worker = service('worker', { kind: 'worker', port: { value: null, envVar: null, bindAddress: null }, health: { path: null }, backingServices: [{ kind: 'redis', envVar: 'REDIS_URL' }], env: [env('REDIS_URL', { required: true })] });
    const { model, text } = run(plan([worker]));
    expect(problems(text)).toEqual([]);
    expect(model.services.worker).toEqual({
      build: { context: 'apps/worker', dockerfile: 'Dockerfile' },
      image: 'shop-worker:local',
      init: true,
      restart: 'unless-stopped',
      security_opt: ['no-new-privileges:true'],
      environment: { REDIS_URL: 'redis://redis:6379' },
      depends_on: { redis: { condition: 'service_healthy' } },
    });
  });

  it('serves a static site on its port without runtime environment', () => {
    const site = service('site', { kind: 'static', port: { value: 8080, envVar: null, bindAddress: null }, health: { path: null }, env: [env('VITE_API_URL', { default: 'http://localhost:3000' })] });
    const { model, text, files } = run(plan([site], 'site'));
    expect(problems(text)).toEqual([]);
    expect(model.services.site?.image).toBe('site:local');
    expect(model.services.site?.ports).toEqual(['127.0.0.1:${SITE_HOST_PORT:-8080}:8080']);
    expect(model.services.site?.environment).toBeUndefined();
    expect(files.find((f) => f.path === 'compose.env.example')?.content).toContain('SITE_HOST_PORT=8080');
  });

  it('turns plan env into defaults, required secrets and pass-through optionals, all listed in compose.env.example', () => {
    const api = service('api', {
      port: { value: 8000, envVar: 'APP_PORT', bindAddress: null },
      env: [env('LOG_LEVEL', { default: 'info' }), env('JWT_SECRET', { required: true, secret: true }), env('SENTRY_DSN', { secret: true }), env('FEATURE_FLAGS'), env('GREETING', { default: 'hello world' }), env('TEMPLATE', { default: '${name}' }), env('REGION', { required: true })],
    });
    const { model, dotenv, text } = run(plan([api]));
    expect(model.services.api?.environment).toEqual({
      APP_PORT: '8000',
      FEATURE_FLAGS: null,
      GREETING: '${GREETING:-hello world}',
      JWT_SECRET: '${JWT_SECRET:?set JWT_SECRET in .env}',
      LOG_LEVEL: '${LOG_LEVEL:-info}',
      REGION: '${REGION:?set REGION in .env}',
      SENTRY_DSN: null,
      TEMPLATE: '$${name}',
    });
    expect(dotenv).toBe([
      '# generated by devsquad from the analysis of shop (1 service); edit freely, devsquad will not overwrite your edits',
      '# Copy this file to .env (keep .env out of version control) and fill in the empty values.',
      '# docker compose reads .env for the ${VAR} references in compose.yaml.',
      '',
      '# --- host ports (published on 127.0.0.1 only)',
      '# host port for api (container port 8000)',
      'API_HOST_PORT=8000',
      '',
      '# --- api',
      '# Optional, read by api; passed to the container when set.',
      '# FEATURE_FLAGS=',
      "GREETING='hello world'",
      '# Secret read by api (required).',
      'JWT_SECRET=',
      'LOG_LEVEL=info',
      '# Read by api (required, no default in the code).',
      'REGION=',
      '# Optional secret read by api; passed to the container when set.',
      '# SENTRY_DSN=',
      '',
    ].join('\n'));
    expect(problems(text)).toEqual([]);
  });

  it('lists every variable compose.yaml interpolates in compose.env.example (checked on disk)', () => {
    const { files } = run(everyBackingPlan(), { publishBackingPorts: true });
    const dir = testdir({});
    writeFiles(dir, Object.fromEntries(files.map((f) => [f.path, f.content])));
    const compose = fs.readFileSync(path.join(dir, 'compose.yaml'), 'utf8');
    const example = fs.readFileSync(path.join(dir, 'compose.env.example'), 'utf8');
    const listed = new Set([...example.matchAll(/^#? ?([A-Z][A-Z0-9_]*)=/gm)].map((m) => m[1]));
    const secrets = Object.values((parse(compose) as Compose).secrets ?? {}).map((s) => (s as { environment: string }).environment);
    for (const name of [...variableNames(compose), ...secrets]) expect(listed.has(name), name).toBe(true);
    expect(validateCompose({ path: 'compose.yaml', content: compose })).toEqual([]);
  });

  it('starts with the devsquad header and is deterministic', () => {
    const a = run(everyBackingPlan()).text;
    expect(a.split('\n')[0]).toBe('# generated by devsquad from the analysis of shop (1 service); edit freely, devsquad will not overwrite your edits');
    expect(a).toContain('# Single-node Elasticsearch with security (TLS and auth) disabled');
    expect(run(everyBackingPlan()).text).toBe(a);
  });

  it('includes the dependencies of the selected services and nothing else', () => {
    const api = service('api');
    const web = service('web', { dependsOn: ['api'] });
    const other = service('other');
    const { model } = run(plan([api, web, other]), {}, [web]);
    expect(Object.keys(model.services)).toEqual(['api', 'web']);
  });

  it('renames a backing service whose name an app already uses', () => {
    const redisApp = service('redis', { backingServices: [{ kind: 'redis', envVar: 'REDIS_URL' }], env: [env('REDIS_URL')] });
    const { model, text } = run(plan([redisApp]));
    expect(Object.keys(model.services)).toEqual(['redis', 'redis-server']);
    expect(model.services.redis?.environment).toMatchObject({ REDIS_URL: 'redis://redis-server:6379' });
    expect(problems(text)).toEqual([]);
  });

  it('writes nothing for a plan without services', () => {
    expect(run(plan([])).files).toEqual([]);
  });
});
