/**
 * The app side of the otel part: per service directory, an OpenTelemetry SDK module and a Prometheus
 * metrics module exposing the contract, plus monitoring/<service>/INSTRUMENTATION.md with the packages
 * to add and the lines that wire the generated modules in (devsquad never edits the user's manifests).
 */
import { joinPath } from '../../../core/repo/repo-fs.js';
import type { GeneratedFile } from '../../types.js';
import { headerComment } from '../../types.js';
import type { ServicePlan } from '../../../plan/schema.js';
import { DURATION_BUCKETS, HTTP_ACTIVE, HTTP_DURATION, METRICS_PATH } from '../shared/metrics.js';
import { dependencies, installCommand, type AppPart } from './app-deps.js';
import { appStacks, codeDir, nodeModule, type AppStack } from './app-stack.js';
import { goMetrics, goOtel } from './sdk-go.js';
import { nodeMetrics, nodeOtel } from './sdk-node.js';
import { pythonMetrics, pythonOtel } from './sdk-python.js';

const SOURCE = (s: ServicePlan): string => `the ${s.name} plan (devsquad observe --only otel)`;

export function sdkFiles(services: readonly ServicePlan[]): GeneratedFile[] {
  const { stacks, skipped } = appStacks(services);
  const files: GeneratedFile[] = [];
  for (const stack of stacks) {
    const evidence = stack.service.evidence.filter((e) => e.fact === 'framework');
    const notes = [`${stack.service.name}: ${stack.language}/${stack.framework} adapter; metrics at ${METRICS_PATH}`];
    const add = (path: string, content: string): void => {
      files.push({ path, content, kind: 'source', generator: 'otel', evidence, notes });
    };
    if (stack.language === 'node') {
      const header = headerComment('//', SOURCE(stack.service));
      for (const [base, text] of [['otel', nodeOtel(stack, header)], ['metrics', nodeMetrics(stack, header)]] as const) {
        const m = nodeModule(stack, base, text);
        add(m.path, m.content);
      }
    } else if (stack.language === 'python') {
      const header = headerComment('#', SOURCE(stack.service));
      add(joinPath(codeDir(stack), 'otel.py'), pythonOtel(stack, header));
      add(joinPath(codeDir(stack), 'metrics.py'), pythonMetrics(stack, header));
    } else {
      const header = headerComment('//', SOURCE(stack.service));
      add(joinPath(codeDir(stack), 'otel.go'), goOtel(stack, header));
      add(joinPath(codeDir(stack), 'metrics.go'), goMetrics(stack, header));
    }
  }
  for (const service of services) files.push(instrumentationDoc(service, stacks.find((s) => s.service.path === service.path) ?? null, skipped));
  return files;
}

const WIRING: Record<string, string[]> = {
  express: ['`app.use(metricsMiddleware)` before the routes and `app.get(METRICS_PATH, metricsHandler)` (from `src/observability/metrics`).'],
  nestjs: ['In `main.ts`: `app.use(metricsMiddleware)` and `app.getHttpAdapter().get(METRICS_PATH, metricsHandler)` before `app.listen()`.'],
  fastify: ['`registerMetrics(app)` before `app.listen()`.'],
  koa: ['`app.use(metricsMiddleware)` as the first middleware (route templates come from @koa/router).'],
  hono: ["`app.use('*', metricsMiddleware)` and `app.get(METRICS_PATH, metricsHandler)`."],
  nextjs: ["Create `app/metrics/route.ts` with `export { GET, dynamic } from '../src/observability/metrics'` (adjust the relative path) and wrap route handlers with `withMetrics('/api/…', handler)`. Load the SDK from `instrumentation.ts`: `export async function register() { if (process.env.NEXT_RUNTIME === 'nodejs') await import('./src/observability/otel'); }`."],
  generic: ['Mount `metricsMiddleware` (Connect-style) in front of the server, or call `startRequest()` / `metricsText()` from your own hooks.'],
  fastapi: ['`setup_telemetry()` then `instrument_app(app)` (from `observability.otel`) and `app.add_middleware(MetricsMiddleware)` (from `observability.metrics`) where the app is created.'],
  starlette: ['`setup_telemetry()`, `instrument_app(app)` and `app.add_middleware(MetricsMiddleware)` where the app is created.'],
  flask: ['In `create_app()`: `setup_telemetry()`, `instrument_app(app)` and `instrument_flask(app)`.'],
  django: ['In `wsgi.py` / `asgi.py` before `get_wsgi_application()`: `setup_telemetry(); instrument_app()`. Add `"observability.metrics.MetricsMiddleware"` first in `MIDDLEWARE`. With several Gunicorn workers set `PROMETHEUS_MULTIPROC_DIR` to an empty writable directory.'],
  nethttp: ['In `main`: `shutdown, err := observability.SetupTelemetry(ctx)` (defer `shutdown`), and wrap the mux: `observability.Middleware(mux)`.'],
  gin: ['In `main`: `observability.SetupTelemetry(ctx)`, `r.Use(observability.GinMiddleware())`, `r.GET(observability.MetricsPath, gin.WrapH(observability.MetricsHandler()))`.'],
  echo: ['In `main`: `observability.SetupTelemetry(ctx)`, `e.Use(observability.EchoMiddleware)`, `e.GET(observability.MetricsPath, echo.WrapHandler(observability.MetricsHandler()))`.'],
  fiber: ['In `main`: `observability.SetupTelemetry(ctx)`, `app.Use(observability.FiberMiddleware)`, `app.Get(observability.MetricsPath, observability.FiberMetricsHandler())`.'],
};

function nodeLoad(stack: AppStack): string {
  if (stack.framework === 'nextjs') return 'Next.js loads it from `instrumentation.ts` (below).';
  return stack.typescript
    ? 'Start with `node --import ./dist/observability/otel.js …` (compiled output) so the SDK loads before the app.'
    : 'Start with `node --require ./src/observability/otel.cjs …` so the SDK loads before the app.';
}

function instrumentationDoc(service: ServicePlan, stack: AppStack | null, skipped: readonly string[]): GeneratedFile {
  const lines = [`<!-- ${headerComment('', SOURCE(service)).trim()} -->`, `# Instrumentation of ${service.name}`, ''];
  if (stack === null || stack.service.name !== service.name) {
    const why = skipped.filter((s) => s.startsWith(`${service.name} `));
    lines.push('No app-side code was generated for this service:', '', ...why.map((w) => `- ${w}`), '');
  } else {
    lines.push(`Stack: ${stack.language}${stack.framework === 'generic' ? '' : `/${stack.framework}`}. Generated modules live in \`${codeDir(stack)}/\`.`, '');
    lines.push('## Packages to add', '', 'devsquad does not edit your manifests; add these (versions the generated code was written against):', '');
    for (const part of ['otel', 'sentry', 'health', 'logging'] as AppPart[]) {
      const deps = dependencies(stack, part);
      const cmd = installCommand(stack, deps);
      lines.push(`### ${part}`, '', cmd === null ? 'Nothing to add.' : ['```sh', cmd, '```'].join('\n'), '');
    }
    lines.push('## Wiring', '');
    if (stack.language === 'node') lines.push(`- ${nodeLoad(stack)}`);
    for (const w of WIRING[stack.framework] ?? WIRING.generic!) lines.push(`- ${w}`);
    lines.push('');
  }
  lines.push(
    '## Metric contract',
    '',
    `- \`${HTTP_DURATION.name}\` (histogram; buckets ${DURATION_BUCKETS.join(', ')}) and \`${HTTP_ACTIVE.name}\` (gauge) at \`${METRICS_PATH}\`, plus the client library's process metrics.`,
    '- The `service` label comes from the scrape config (monitoring/otel/collector.yaml); the app does not set it.',
    '- See docs/monitoring/metrics.md and docs/monitoring/instrumentation.md.',
    '',
    '## Environment',
    '',
    '| variable | meaning |',
    '| --- | --- |',
    '| `OTEL_EXPORTER_OTLP_ENDPOINT` | OTLP/HTTP endpoint of the Collector (default `http://otel-collector:4318`) |',
    `| \`OTEL_SERVICE_NAME\` | overrides the service name (default \`${service.name}\`) |`,
    '| `SERVICE_VERSION`, `DEPLOYMENT_ENVIRONMENT` | resource attributes |',
    '| `SENTRY_DSN`, `SENTRY_RELEASE`, `SENTRY_ENVIRONMENT` | error tracking (sentry part) |',
    '| `LOG_LEVEL` | log level (logging part) |',
    '',
  );
  return { path: `monitoring/${service.name}/INSTRUMENTATION.md`, content: lines.join('\n'), kind: 'markdown', generator: 'otel', notes: [`instrumentation guide for ${service.name}`] };
}
