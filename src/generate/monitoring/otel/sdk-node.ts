/**
 * Node app-side instrumentation: the OpenTelemetry NodeSDK (traces and metrics over OTLP) and a
 * prom-client registry exposing exactly the metric contract at METRICS_PATH, with one adapter per
 * framework. Written as TypeScript; JavaScript projects get the same module compiled to CommonJS.
 */
import { DURATION_BUCKETS, HTTP_ACTIVE, HTTP_DURATION, LABELS, METRICS_PATH } from '../shared/metrics.js';
import type { AppStack } from './app-stack.js';

export function nodeOtel(stack: AppStack, header: string): string {
  return `${header}
// Load before anything else so the instrumentations patch the modules they trace:
//   node --import ./src/observability/otel.js …   (ESM)   |   node --require ./src/observability/otel.cjs …   (CommonJS)
import { NodeSDK } from '@opentelemetry/sdk-node';
import { getNodeAutoInstrumentations } from '@opentelemetry/auto-instrumentations-node';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { OTLPMetricExporter } from '@opentelemetry/exporter-metrics-otlp-http';
import { AggregationType, PeriodicExportingMetricReader } from '@opentelemetry/sdk-metrics';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { ATTR_SERVICE_NAME, ATTR_SERVICE_VERSION } from '@opentelemetry/semantic-conventions';

const endpoint = (process.env.OTEL_EXPORTER_OTLP_ENDPOINT ?? 'http://otel-collector:4318').replace(/\\/+$/, '');

const sdk = new NodeSDK({
  resource: resourceFromAttributes({
    [ATTR_SERVICE_NAME]: process.env.OTEL_SERVICE_NAME ?? '${stack.service.name}',
    [ATTR_SERVICE_VERSION]: process.env.SERVICE_VERSION ?? 'unknown',
    'deployment.environment.name': process.env.DEPLOYMENT_ENVIRONMENT ?? 'production',
  }),
  traceExporter: new OTLPTraceExporter({ url: \`\${endpoint}/v1/traces\` }),
  metricReader: new PeriodicExportingMetricReader({
    exporter: new OTLPMetricExporter({ url: \`\${endpoint}/v1/metrics\` }),
    exportIntervalMillis: 15_000,
  }),
  // The HTTP metrics of the contract come from the Prometheus endpoint (metrics.ts); dropping the
  // instrumentation's copies keeps one source per series name.
  views: [{ instrumentName: 'http.server.*', aggregation: { type: AggregationType.DROP } }],
  instrumentations: [getNodeAutoInstrumentations({ '@opentelemetry/instrumentation-fs': { enabled: false } })],
});

sdk.start();

// Flush spans on SIGTERM, then let the signal do what it did before (once: our listener goes away).
process.once('SIGTERM', () => {
  void sdk.shutdown().finally(() => process.kill(process.pid, 'SIGTERM'));
});
`;
}

const CORE = (header: string): string => `${header}
// The metric contract (docs/monitoring/metrics.md): names, labels and buckets the dashboards, SLOs and
// alerts query. The \`${'service'}\` label is added by the scraper, not here.
import client from 'prom-client';

export const METRICS_PATH = '${METRICS_PATH}';
export const register = new client.Registry();

// process_cpu_seconds_total, process_resident_memory_bytes and the Node runtime metrics.
client.collectDefaultMetrics({ register });

const requestDuration = new client.Histogram({
  name: '${HTTP_DURATION.name}',
  help: '${HTTP_DURATION.help}',
  labelNames: ['${LABELS.method}', '${LABELS.route}', '${LABELS.status}'] as const,
  buckets: [${DURATION_BUCKETS.join(', ')}],
  registers: [register],
});

const activeRequests = new client.Gauge({
  name: '${HTTP_ACTIVE.name}',
  help: '${HTTP_ACTIVE.help}',
  labelNames: ['${LABELS.method}'] as const,
  registers: [register],
});

/** Starts measuring one request; call the result with the route template and status when it ends. */
export function startRequest(method: string): (route: string, status: number) => void {
  activeRequests.inc({ ${LABELS.method}: method });
  const stop = requestDuration.startTimer({ ${LABELS.method}: method });
  return (route, status) => {
    activeRequests.dec({ ${LABELS.method}: method });
    // Route templates (/users/:id), never raw paths: one series per route, not per user.
    stop({ ${LABELS.route}: route, ${LABELS.status}: String(status) });
  };
}

export async function metricsText(): Promise<{ contentType: string; body: string }> {
  return { contentType: register.contentType, body: await register.metrics() };
}
`;

const ADAPTERS: Record<string, string> = {
  express: `
import type { NextFunction, Request, Response } from 'express';

/** app.use(metricsMiddleware) before the routes; app.get(METRICS_PATH, metricsHandler). */
export function metricsMiddleware(req: Request, res: Response, next: NextFunction): void {
  if (req.path === METRICS_PATH) return next();
  const done = startRequest(req.method);
  res.on('finish', () => {
    const route = req.route?.path ? \`\${req.baseUrl}\${String(req.route.path)}\` : 'unmatched';
    done(route, res.statusCode);
  });
  next();
}

export async function metricsHandler(_req: Request, res: Response): Promise<void> {
  const { contentType, body } = await metricsText();
  res.set('Content-Type', contentType).send(body);
}
`,
  fastify: `
import type { FastifyInstance, FastifyRequest } from 'fastify';

const running = new WeakMap<FastifyRequest, (route: string, status: number) => void>();

/** registerMetrics(app) before app.listen(): times every request and serves METRICS_PATH. */
export function registerMetrics(app: FastifyInstance): void {
  app.addHook('onRequest', async (request) => {
    if (request.url !== METRICS_PATH) running.set(request, startRequest(request.method));
  });
  app.addHook('onResponse', async (request, reply) => {
    running.get(request)?.(request.routeOptions.url ?? 'unmatched', reply.statusCode);
  });
  app.get(METRICS_PATH, async (_request, reply) => {
    const { contentType, body } = await metricsText();
    return reply.type(contentType).send(body);
  });
}
`,
  koa: `
import type { Context, Next } from 'koa';

/** app.use(metricsMiddleware) first: serves METRICS_PATH and times every other request (route from @koa/router). */
export async function metricsMiddleware(ctx: Context, next: Next): Promise<void> {
  if (ctx.path === METRICS_PATH) {
    const { contentType, body } = await metricsText();
    ctx.type = contentType;
    ctx.body = body;
    return;
  }
  const done = startRequest(ctx.method);
  try {
    await next();
  } finally {
    done((ctx as { _matchedRoute?: string })._matchedRoute ?? 'unmatched', ctx.status);
  }
}
`,
  hono: `
import type { Context, MiddlewareHandler } from 'hono';

/** app.use('*', metricsMiddleware); app.get(METRICS_PATH, metricsHandler). */
export const metricsMiddleware: MiddlewareHandler = async (c, next) => {
  if (c.req.path === METRICS_PATH) return next();
  const done = startRequest(c.req.method);
  try {
    await next();
  } finally {
    done(c.req.routePath || 'unmatched', c.res.status);
  }
};

export async function metricsHandler(c: Context): Promise<Response> {
  const { contentType, body } = await metricsText();
  return c.body(body, 200, { 'Content-Type': contentType });
}
`,
  nextjs: `
/** Wraps a route handler: export const GET = withMetrics('/api/items/[id]', async (req) => …). */
export function withMetrics<Args extends unknown[]>(route: string, handler: (request: Request, ...rest: Args) => Promise<Response>) {
  return async (request: Request, ...rest: Args): Promise<Response> => {
    const done = startRequest(request.method);
    let status = 500;
    try {
      const response = await handler(request, ...rest);
      status = response.status;
      return response;
    } finally {
      done(route, status);
    }
  };
}

/** app/metrics/route.ts: export { GET, dynamic } from '../../src/observability/metrics'; */
export const dynamic = 'force-dynamic';
export async function GET(): Promise<Response> {
  const { contentType, body } = await metricsText();
  return new Response(body, { headers: { 'Content-Type': contentType } });
}
`,
  generic: `
import type { IncomingMessage, ServerResponse } from 'node:http';

/** Connect-style middleware (Node http servers, polka, h3 via fromNodeMiddleware): serves METRICS_PATH and times the rest by path. */
export function metricsMiddleware(req: IncomingMessage, res: ServerResponse, next: () => void): void {
  const path = (req.url ?? '/').split('?')[0] ?? '/';
  if (path === METRICS_PATH) {
    void metricsText().then(({ contentType, body }) => {
      res.setHeader('Content-Type', contentType);
      res.end(body);
    });
    return;
  }
  const done = startRequest(req.method ?? 'GET');
  // No route templates here: pass a route resolver if your paths carry ids.
  res.on('finish', () => done(path, res.statusCode));
  next();
}
`,
};
ADAPTERS.nestjs = ADAPTERS.express!;

export function nodeMetrics(stack: AppStack, header: string): string {
  return `${CORE(header)}${ADAPTERS[stack.framework] ?? ADAPTERS.generic!}`;
}
