/**
 * Packages the generated app-side modules import, per part and stack, with the versions they were
 * written against. devsquad never edits package.json / requirements / go.mod: INSTRUMENTATION.md and
 * the notes list these for the user to add.
 */
import type { AppStack } from './app-stack.js';

export type AppPart = 'otel' | 'sentry' | 'health' | 'logging';

type Deps = Record<string, string>;

const NODE: Record<AppPart, Deps> = {
  otel: {
    '@opentelemetry/sdk-node': '^0.205.0',
    '@opentelemetry/auto-instrumentations-node': '^0.64.0',
    '@opentelemetry/exporter-trace-otlp-http': '^0.205.0',
    '@opentelemetry/exporter-metrics-otlp-http': '^0.205.0',
    '@opentelemetry/sdk-metrics': '^2.1.0',
    '@opentelemetry/resources': '^2.1.0',
    '@opentelemetry/semantic-conventions': '^1.37.0',
    'prom-client': '^15.1.3',
  },
  sentry: { '@sentry/node': '^10.11.0' },
  health: {},
  logging: { pino: '^9.11.0', '@opentelemetry/api': '^1.9.0' },
};

const NODE_BACKING: Record<string, Deps> = { postgres: { pg: '^8.16.3' }, redis: { ioredis: '^5.7.0' }, mysql: { mysql2: '^3.15.0' }, mariadb: { mysql2: '^3.15.0' }, mongodb: { mongodb: '^6.19.0' } };

const PYTHON: Record<AppPart, Deps> = {
  otel: {
    'opentelemetry-sdk': '>=1.37,<2',
    'opentelemetry-exporter-otlp-proto-http': '>=1.37,<2',
    'prometheus-client': '>=0.22,<1',
  },
  sentry: { 'sentry-sdk': '>=2.37,<3' },
  health: {},
  logging: { structlog: '>=25.4', 'opentelemetry-api': '>=1.37,<2' },
};

const PYTHON_INSTRUMENTOR: Record<string, Deps> = {
  fastapi: { 'opentelemetry-instrumentation-fastapi': '>=0.58b0' },
  starlette: { 'opentelemetry-instrumentation-starlette': '>=0.58b0' },
  flask: { 'opentelemetry-instrumentation-flask': '>=0.58b0' },
  django: { 'opentelemetry-instrumentation-django': '>=0.58b0' },
};

const PYTHON_BACKING: Record<string, Deps> = { postgres: { 'psycopg[binary]': '>=3.2' }, redis: { redis: '>=6.4' }, mysql: { PyMySQL: '>=1.1' }, mariadb: { PyMySQL: '>=1.1' }, mongodb: { pymongo: '>=4.14' } };

const GO: Record<AppPart, Deps> = {
  otel: {
    'go.opentelemetry.io/otel': 'v1.38.0',
    'go.opentelemetry.io/otel/sdk': 'v1.38.0',
    'go.opentelemetry.io/otel/sdk/metric': 'v1.38.0',
    'go.opentelemetry.io/otel/exporters/otlp/otlptrace/otlptracehttp': 'v1.38.0',
    'go.opentelemetry.io/otel/exporters/otlp/otlpmetric/otlpmetrichttp': 'v1.38.0',
    'github.com/prometheus/client_golang': 'v1.23.2',
  },
  sentry: { 'github.com/getsentry/sentry-go': 'v0.35.3' },
  health: {},
  logging: { 'go.opentelemetry.io/otel/trace': 'v1.38.0' },
};

const GO_BACKING: Record<string, Deps> = { postgres: { 'github.com/jackc/pgx/v5': 'v5.7.6' }, redis: { 'github.com/redis/go-redis/v9': 'v9.14.0' }, mysql: { 'github.com/go-sql-driver/mysql': 'v1.9.3' }, mariadb: { 'github.com/go-sql-driver/mysql': 'v1.9.3' }, mongodb: { 'go.mongodb.org/mongo-driver/v2': 'v2.3.0' } };

/** The packages one part's modules need for one stack, sorted by name. */
export function dependencies(stack: AppStack, part: AppPart): Deps {
  let deps: Deps;
  if (stack.language === 'node') {
    deps = { ...NODE[part] };
    if (part === 'sentry' && stack.framework === 'nextjs') deps = { '@sentry/nextjs': '^10.11.0' };
    if (part === 'sentry' && stack.service.runtime.name === 'bun') deps = { '@sentry/bun': '^10.11.0' };
  } else if (stack.language === 'python') {
    deps = { ...PYTHON[part], ...(part === 'otel' ? PYTHON_INSTRUMENTOR[stack.framework] ?? {} : {}) };
  } else {
    deps = { ...GO[part] };
  }
  if (part === 'health') {
    const table = stack.language === 'node' ? NODE_BACKING : stack.language === 'python' ? PYTHON_BACKING : GO_BACKING;
    for (const b of stack.service.backingServices) Object.assign(deps, table[b.kind] ?? {});
  }
  return Object.fromEntries(Object.entries(deps).sort(([a], [b]) => a.localeCompare(b)));
}

/** The install command a user runs for these packages (never run by devsquad). */
export function installCommand(stack: AppStack, deps: Deps): string | null {
  const entries = Object.entries(deps);
  if (entries.length === 0) return null;
  if (stack.language === 'node') {
    const pm = stack.service.packageManager?.name ?? 'npm';
    const verb = pm === 'npm' ? 'npm install' : `${pm} add`;
    return `${verb} ${entries.map(([n, v]) => `${n}@${v.replace(/^\^/, '^')}`).map((s) => `'${s}'`).join(' ')}`;
  }
  if (stack.language === 'python') return `# add to your dependencies (pyproject.toml / requirements.txt):\n${entries.map(([n, v]) => `${n}${v}`).join('\n')}`;
  return entries.map(([n, v]) => `go get ${n}@${v}`).join('\n');
}
