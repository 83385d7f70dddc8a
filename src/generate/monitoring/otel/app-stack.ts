/**
 * Which app-side code the sentry, otel (SDK), health and logging parts write for a service: the
 * language flavour (TypeScript ESM, or CommonJS for plain JavaScript projects, Python, Go), the
 * framework adapter, and where the files go. Services sharing a directory (a Django web and its
 * Celery worker) share one code base, so code is written once per directory, for the server.
 */
import { transpileToCommonJs } from '../../../validate/typescript-jobs.js';
import type { ServicePlan } from '../../../plan/schema.js';
import { joinPath } from '../../../core/repo/repo-fs.js';

export type AppLanguage = 'node' | 'python' | 'go';

export interface AppStack {
  service: ServicePlan;
  language: AppLanguage;
  /** Framework adapter: express, fastify, nestjs, koa, hono, nextjs, django, flask, fastapi, starlette, gin, echo, fiber, nethttp (chi too), or generic. */
  framework: string;
  /** node only: TypeScript sources (.ts, ESM syntax) or plain JavaScript (.cjs). */
  typescript: boolean;
}

const NODE_FRAMEWORKS = new Set(['express', 'fastify', 'nestjs', 'koa', 'hono', 'nextjs']);
const PYTHON_FRAMEWORKS = new Set(['django', 'flask', 'fastapi', 'starlette']);
const GO_FRAMEWORKS: Record<string, string> = { gin: 'gin', echo: 'echo', fiber: 'fiber', nethttp: 'nethttp', chi: 'nethttp', gorilla: 'nethttp' };

/** The stack of one service, or a sentence saying why no code is generated for it. */
export function appStack(service: ServicePlan): AppStack | string {
  if (service.kind === 'static') return `${service.name} is static files behind a web server: no app code to instrument`;
  const framework = service.framework ?? 'generic';
  if (service.language === 'node') {
    const typescript = service.build.features.includes('typescript') || /\.tsx?\b/.test(service.commands.start ?? '') || framework === 'nextjs';
    return { service, language: 'node', framework: NODE_FRAMEWORKS.has(framework) ? framework : 'generic', typescript };
  }
  if (service.language === 'python') return { service, language: 'python', framework: PYTHON_FRAMEWORKS.has(framework) ? framework : 'generic', typescript: false };
  if (service.language === 'go') return { service, language: 'go', framework: GO_FRAMEWORKS[framework] ?? 'nethttp', typescript: false };
  if (service.language === 'java' || service.language === 'kotlin') {
    return `${service.name} (${service.language}${service.framework ? `/${service.framework}` : ''}): not generated; use Micrometer with the Prometheus registry (Spring Boot Actuator /actuator/prometheus), the OpenTelemetry Java agent, Logback's JSON encoder and actuator health groups (liveness/readiness)`;
  }
  return `${service.name} (${service.language}${service.framework ? `/${service.framework}` : ''}): app-side code is not generated for this stack yet; see docs/monitoring/instrumentation.md for the metric contract to implement by hand`;
}

/** One stack per directory: the server when a directory holds a server and workers. */
export function appStacks(services: readonly ServicePlan[]): { stacks: AppStack[]; skipped: string[] } {
  const stacks: AppStack[] = [];
  const skipped: string[] = [];
  const byDir = new Map<string, AppStack>();
  const ordered = [...services].sort((a, b) => Number(b.kind === 'server') - Number(a.kind === 'server'));
  for (const service of ordered) {
    const stack = appStack(service);
    if (typeof stack === 'string') {
      skipped.push(stack);
      continue;
    }
    const owner = byDir.get(service.path);
    if (owner !== undefined) {
      skipped.push(`${service.name} shares ${service.path === '' ? 'the repository root' : service.path} with ${owner.service.name}: it uses the same modules`);
      continue;
    }
    byDir.set(service.path, stack);
    stacks.push(stack);
  }
  return { stacks, skipped };
}

/** Where the generated modules go, relative to the repo root. */
export function codeDir(stack: AppStack): string {
  if (stack.language === 'node') return joinPath(stack.service.path, 'src/observability');
  if (stack.language === 'python') return joinPath(stack.service.path, 'observability');
  return joinPath(stack.service.path, 'internal/observability');
}

/** A node module from TypeScript source: as is for TypeScript projects, compiled to CommonJS (.cjs) for JavaScript ones. */
export function nodeModule(stack: AppStack, base: string, tsSource: string): { path: string; content: string } {
  const dir = codeDir(stack);
  if (stack.typescript) return { path: joinPath(dir, `${base}.ts`), content: tsSource };
  const content = transpileToCommonJs(tsSource.replace(/from '\.\/([a-z-]+)\.js'/g, "from './$1.cjs'"));
  return { path: joinPath(dir, `${base}.cjs`), content };
}

/** Env var names the plan marks secret: redacted in logs and scrubbed from error events. */
export function secretEnvNames(service: ServicePlan): string[] {
  return [...new Set(service.env.filter((e) => e.secret).map((e) => e.name))].sort();
}

/** Header keys and field names never logged or sent: credentials and session material. */
export const SENSITIVE_KEYS = ['authorization', 'cookie', 'set-cookie', 'x-api-key', 'password', 'passwd', 'secret', 'token', 'access_token', 'refresh_token', 'api_key'] as const;
