/** Node health module: liveness, readiness with per-dependency checks and timeouts, latched startup. */
import type { AppStack } from '../otel/app-stack.js';
import { LIVE_PATH, READY_PATH, STARTUP_PATH, type ReadinessCheck } from './checks.js';

const CHECK_CODE: Record<ReadinessCheck['kind'], (env: string) => string> = {
  postgres: (env) => `async () => {
    const pg = await import('pg');
    const client = new pg.default.Client({ connectionString: process.env.${env}, connectionTimeoutMillis: TIMEOUT_MS });
    await client.connect();
    try {
      await client.query('SELECT 1');
    } finally {
      await client.end();
    }
  }`,
  mysql: (env) => `async () => {
    const mysql = await import('mysql2/promise');
    const connection = await mysql.createConnection({ uri: process.env.${env}, connectTimeout: TIMEOUT_MS });
    try {
      await connection.query('SELECT 1');
    } finally {
      await connection.end();
    }
  }`,
  redis: (env) => `async () => {
    const { Redis } = await import('ioredis');
    const redis = new Redis(process.env.${env} ?? 'redis://localhost:6379', { lazyConnect: true, connectTimeout: TIMEOUT_MS, maxRetriesPerRequest: 0 });
    try {
      await redis.connect();
      await redis.ping();
    } finally {
      redis.disconnect();
    }
  }`,
  mongodb: (env) => `async () => {
    const { MongoClient } = await import('mongodb');
    const client = new MongoClient(process.env.${env} ?? 'mongodb://localhost:27017', { serverSelectionTimeoutMS: TIMEOUT_MS });
    try {
      await client.connect();
      await client.db('admin').command({ ping: 1 });
    } finally {
      await client.close();
    }
  }`,
};

const ADAPTERS: Record<string, string> = {
  express: `
import type { Express, Request, Response } from 'express';

/** registerHealth(app) before the other routes. */
export function registerHealth(app: Express): void {
  for (const [path, probe] of Object.entries(HEALTH_ROUTES)) {
    app.get(path, async (_req: Request, res: Response) => {
      const result = await probe();
      res.status(result.statusCode).json(result.body);
    });
  }
}
`,
  fastify: `
import type { FastifyInstance } from 'fastify';

/** registerHealth(app) before app.listen(). */
export function registerHealth(app: FastifyInstance): void {
  for (const [path, probe] of Object.entries(HEALTH_ROUTES)) {
    app.get(path, async (_request, reply) => {
      const result = await probe();
      return reply.code(result.statusCode).send(result.body);
    });
  }
}
`,
  koa: `
import type { Context, Next } from 'koa';

/** app.use(healthMiddleware) early: answers the health paths, passes everything else on. */
export async function healthMiddleware(ctx: Context, next: Next): Promise<void> {
  const probe = HEALTH_ROUTES[ctx.path];
  if (probe === undefined || ctx.method !== 'GET') return next();
  const result = await probe();
  ctx.status = result.statusCode;
  ctx.body = result.body;
}
`,
  hono: `
import type { Hono } from 'hono';

/** registerHealth(app) before the other routes. */
export function registerHealth(app: Hono): void {
  for (const [path, probe] of Object.entries(HEALTH_ROUTES)) {
    app.get(path, async (c) => {
      const result = await probe();
      return c.json(result.body, result.statusCode as 200 | 503);
    });
  }
}
`,
  nextjs: `
/** app/readyz/route.ts: export { dynamic } from …; export const GET = healthRoute('readiness'); (same for livez, startupz). */
export const dynamic = 'force-dynamic';
export function healthRoute(probe: 'liveness' | 'readiness' | 'startup'): () => Promise<Response> {
  const run = { liveness, readiness, startup }[probe];
  return async () => {
    const result = await run();
    return Response.json(result.body, { status: result.statusCode });
  };
}
`,
};
ADAPTERS.nestjs = ADAPTERS.express!.replace("import type { Express, Request, Response } from 'express';", "import type { Request, Response } from 'express';\n\ninterface Express {\n  get(path: string, handler: (req: Request, res: Response) => Promise<void>): unknown;\n}").replace('/** registerHealth(app) before the other routes. */', '/** In main.ts: registerHealth(app.getHttpAdapter().getInstance()) before app.listen(). */');

export function nodeHealth(stack: AppStack, header: string, checks: readonly ReadinessCheck[], legacy: string | null): string {
  const routes = [`  '${LIVE_PATH}': liveness,`, `  '${READY_PATH}': readiness,`, `  '${STARTUP_PATH}': startup,`];
  if (legacy !== null) routes.push(`  // The plan's health path (Dockerfile HEALTHCHECK, Kubernetes probes): kept, as cheap as liveness.\n  '${legacy}': liveness,`);
  const checkLines = checks.map((c) => `  ${c.name}: ${CHECK_CODE[c.kind](c.envVar)},`);
  return `${header}
// Health endpoints: ${LIVE_PATH} (process is up, no dependencies), ${READY_PATH} (every backing service
// answers within HEALTH_TIMEOUT_MS), ${STARTUP_PATH} (readiness has passed once). Response:
// { status: 'ok' | 'fail', checks: { name: { status, latencyMs, error? } } }, 200 or 503.

const TIMEOUT_MS = Number(process.env.HEALTH_TIMEOUT_MS ?? 2000);

export interface CheckResult {
  status: 'ok' | 'fail';
  latencyMs: number;
  error?: string;
}

export interface HealthResult {
  statusCode: 200 | 503;
  body: { status: 'ok' | 'fail'; checks: Record<string, CheckResult> };
}

const CHECKS: Record<string, () => Promise<void>> = {
${checkLines.join('\n')}
};

function withTimeout(check: () => Promise<void>): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(\`timed out after \${TIMEOUT_MS} ms\`)), TIMEOUT_MS);
    check().then(resolve, reject).finally(() => clearTimeout(timer));
  });
}

async function run(name: string, check: () => Promise<void>): Promise<[string, CheckResult]> {
  const started = performance.now();
  try {
    await withTimeout(check);
    return [name, { status: 'ok', latencyMs: Math.round(performance.now() - started) }];
  } catch (error) {
    // The message only: connection strings must not leak into a public endpoint.
    const message = error instanceof Error ? error.message.replace(/\\/\\/[^@\\s]*@/g, '//***@') : 'check failed';
    return [name, { status: 'fail', latencyMs: Math.round(performance.now() - started), error: message }];
  }
}

export async function liveness(): Promise<HealthResult> {
  return { statusCode: 200, body: { status: 'ok', checks: {} } };
}

let started = false;

export async function readiness(): Promise<HealthResult> {
  const checks = Object.fromEntries(await Promise.all(Object.entries(CHECKS).map(([name, check]) => run(name, check))));
  const ok = Object.values(checks).every((c) => c.status === 'ok');
  if (ok) started = true;
  return { statusCode: ok ? 200 : 503, body: { status: ok ? 'ok' : 'fail', checks } };
}

export async function startup(): Promise<HealthResult> {
  if (started) return { statusCode: 200, body: { status: 'ok', checks: {} } };
  return readiness();
}

export const HEALTH_ROUTES: Record<string, () => Promise<HealthResult>> = {
${routes.join('\n')}
};
${ADAPTERS[stack.framework] ?? ''}`;
}
