/**
 * Security headers for the TypeScript stacks: helmet (Express, NestJS on Express), @fastify/helmet
 * (Fastify, which mints the nonces itself), and a Next.js middleware that mints a nonce per request
 * and passes it to the app through the request headers (Next.js nonces its own scripts from them).
 */
import type { Stack } from '../shared/stack.js';
import type { Dependency } from '../shared/doc.js';
import type { TsSource } from '../shared/ts-emit.js';
import { cspDirectives, cspHeaderName, cspString, frameOptions, hstsValue, HSTS_MAX_AGE, NONCE, PERMISSIONS_POLICY, REFERRER_POLICY, type HeadersInputs } from './policy.js';

export interface TsHeaders {
  files: TsSource[];
  dependencies: Dependency[];
  wiring: string[];
}

const q = (s: string): string => JSON.stringify(s);

/** helmet's directives object; sources holding the nonce marker become `nonceExpr` (a function). */
function directivesLiteral(options: HeadersInputs, nonceExpr: string | null, drop: (name: string, source: string) => boolean = () => false): string {
  const lines = cspDirectives(options, nonceExpr !== null).map(([name, sources]) => {
    const items = sources.filter((s) => !drop(name, s)).map((s) => (s.includes(NONCE) && nonceExpr ? nonceExpr : q(s)));
    return `      ${q(name)}: [${items.join(', ')}],`;
  });
  return `{\n${lines.join('\n')}\n    }`;
}

function constants(options: HeadersInputs): string {
  return [
    `/** 'report-only' sends ${cspHeaderName({ ...options, cspMode: 'report-only' })}: read the reports, fix what breaks, then regenerate with headers.cspMode=enforce. */`,
    `export const CSP_MODE = ${q(options.cspMode)};`,
    `export const CSP_HEADER = ${q(cspHeaderName(options))};`,
    `export const CSP_REPORT_PATH = ${q(options.reportPath)};`,
    `export const HSTS = ${q(hstsValue(options))};`,
    `export const PERMISSIONS_POLICY = ${q(PERMISSIONS_POLICY)};`,
  ].join('\n');
}

function helmetCommon(options: HeadersInputs): string {
  return [
    `    strictTransportSecurity: { maxAge: ${HSTS_MAX_AGE}, includeSubDomains: true, preload: ${options.hstsPreload} },`,
    `    xFrameOptions: { action: ${q(frameOptions(options) === 'DENY' ? 'deny' : 'sameorigin')} },`,
    `    referrerPolicy: { policy: ${q(REFERRER_POLICY)} },`,
    `    crossOriginOpenerPolicy: { policy: 'same-origin' },`,
    `    crossOriginResourcePolicy: { policy: 'same-origin' },`,
    `    xContentTypeOptions: true,`,
  ].join('\n');
}

function sharedAssertions(options: HeadersInputs): string {
  return [
    `    expect(res.headers['strict-transport-security']).toBe(${q(hstsValue(options))});`,
    `    expect(res.headers['x-content-type-options']).toBe('nosniff');`,
    `    expect(res.headers['x-frame-options']).toBe(${q(frameOptions(options))});`,
    `    expect(res.headers['referrer-policy']).toBe(${q(REFERRER_POLICY)});`,
    `    expect(res.headers['permissions-policy']).toBe(PERMISSIONS_POLICY);`,
    `    expect(res.headers['cross-origin-opener-policy']).toBe('same-origin');`,
    `    expect(res.headers['cross-origin-resource-policy']).toBe('same-origin');`,
  ].join('\n');
}

function express(options: HeadersInputs): TsSource[] {
  const code = `import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import helmet from 'helmet';

${constants(options)}

/** A fresh nonce per response, in res.locals.cspNonce: render it on every inline <script nonce="...">. */
export function cspNonce(_req: Request, res: Response, next: NextFunction): void {
  res.locals.cspNonce = randomBytes(16).toString('base64');
  next();
}

function nonceSource(_req: IncomingMessage, res: ServerResponse): string {
  return "'nonce-" + String((res as Response).locals.cspNonce) + "'";
}

function permissionsPolicy(_req: Request, res: Response, next: NextFunction): void {
  res.setHeader('Permissions-Policy', PERMISSIONS_POLICY);
  next();
}

/** app.use(...securityHeaders()) before any route. */
export function securityHeaders(): RequestHandler[] {
  const csp = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      reportOnly: CSP_MODE === 'report-only',
      directives: ${directivesLiteral(options, 'nonceSource')},
    },
${helmetCommon(options)}
  });
  return [cspNonce, csp, permissionsPolicy];
}

/** Mount at CSP_REPORT_PATH behind express.json({ type: ['application/csp-report', 'application/reports+json', 'application/json'] }). */
export function cspReportHandler(log: (report: unknown) => void = (report) => console.warn('csp violation', JSON.stringify(report))): RequestHandler {
  return (req: Request, res: Response) => {
    log(req.body);
    res.status(204).end();
  };
}
`;
  const test = `import express from 'express';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { CSP_HEADER, PERMISSIONS_POLICY, securityHeaders } from './headers.js';

function app() {
  const server = express();
  server.use(...securityHeaders());
  server.get('/', (_req, res) => {
    res.send('<script nonce="' + String(res.locals.cspNonce) + '">1</script>');
  });
  return server;
}

describe('security headers', () => {
  it('sends a strict nonce-based CSP and the hardening headers', async () => {
    const res = await request(app()).get('/');
    const csp = String(res.headers[CSP_HEADER.toLowerCase()]);
    expect(csp).toMatch(/script-src 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain('report-uri ${options.reportPath}');
${sharedAssertions(options)}
  });

  it('mints a new nonce for every response', async () => {
    const a = await request(app()).get('/');
    const b = await request(app()).get('/');
    expect(a.headers[CSP_HEADER.toLowerCase()]).not.toBe(b.headers[CSP_HEADER.toLowerCase()]);
  });
});
`;
  return [{ name: 'headers', code }, { name: 'headers.test', code: test, test: true }];
}

function fastify(options: HeadersInputs): TsSource[] {
  // @fastify/helmet adds the nonces to script-src and style-src itself (enableCSPNonces).
  const drop = (name: string, source: string): boolean => source.includes(NONCE) && (name === 'script-src' || name === 'style-src');
  const code = `import type { FastifyInstance } from 'fastify';
import helmet from '@fastify/helmet';

${constants(options)}

/** await app.register(securityHeaders): nonces are in reply.cspNonce.script / reply.cspNonce.style. */
export async function securityHeaders(app: FastifyInstance): Promise<void> {
  await app.register(helmet, {
    enableCSPNonces: true,
    contentSecurityPolicy: {
      useDefaults: false,
      reportOnly: CSP_MODE === 'report-only',
      directives: ${directivesLiteral(options, null, drop)},
    },
${helmetCommon(options).replace(/^ {4}/gm, '    ')}
  });
  app.addHook('onSend', async (_request, reply) => {
    reply.header('Permissions-Policy', PERMISSIONS_POLICY);
  });
  app.post(CSP_REPORT_PATH, async (request, reply) => {
    request.log.warn({ report: request.body }, 'csp violation');
    return reply.code(204).send();
  });
}
`;
  const test = `import Fastify from 'fastify';
import fp from 'fastify-plugin';
import { describe, expect, it } from 'vitest';
import { CSP_HEADER, PERMISSIONS_POLICY, securityHeaders } from './headers.js';

async function app() {
  const server = Fastify();
  await server.register(fp(securityHeaders));
  server.get('/', async () => 'ok');
  await server.ready();
  return server;
}

describe('security headers', () => {
  it('sends a nonce-based CSP and the hardening headers', async () => {
    const res = await (await app()).inject({ method: 'GET', url: '/' });
    const csp = String(res.headers[CSP_HEADER.toLowerCase()]);
    expect(csp).toMatch(/script-src 'strict-dynamic' 'nonce-[A-Za-z0-9+/=]+'/);
    expect(csp).toContain("object-src 'none'");
${sharedAssertions(options)}
  });
});
`;
  return [{ name: 'headers', code }, { name: 'headers.test', code: test, test: true }];
}

function nextjs(options: HeadersInputs): TsSource[] {
  const policy = `${constants(options)}
const POLICY = ${q(cspString(options, true))};

/** The CSP with this request's nonce in place. */
export function buildCsp(nonce: string): string {
  return POLICY.split(${q(NONCE)}).join(nonce);
}

/** Every response header the middleware sets. */
export function securityHeaders(nonce: string): Record<string, string> {
  return {
    [CSP_HEADER]: buildCsp(nonce),
    'Strict-Transport-Security': HSTS,
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': ${q(frameOptions(options))},
    'Referrer-Policy': ${q(REFERRER_POLICY)},
    'Permissions-Policy': PERMISSIONS_POLICY,
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
  };
}

/** 16 random bytes, base64: works in the Edge and Node runtimes alike. */
export function newNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}
`;
  const middleware = `import { NextResponse, type NextRequest } from 'next/server';
import { CSP_HEADER, buildCsp, newNonce, securityHeaders } from './policy.js';

/**
 * Re-export from your middleware.ts: export { middleware, config } from './hardening/headers/middleware';
 * Next.js reads the nonce from the CSP request header and puts it on its own scripts; server
 * components read it with headers().get('x-nonce').
 */
export function middleware(request: NextRequest): NextResponse {
  const nonce = newNonce();
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set('x-nonce', nonce);
  requestHeaders.set(CSP_HEADER, buildCsp(nonce));
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  for (const [name, value] of Object.entries(securityHeaders(nonce))) response.headers.set(name, value);
  return response;
}

export const config = {
  matcher: [
    {
      source: '/((?!api|_next/static|_next/image|favicon.ico).*)',
      missing: [
        { type: 'header', key: 'next-router-prefetch' },
        { type: 'header', key: 'purpose', value: 'prefetch' },
      ],
    },
  ],
};
`;
  const report = `/** Re-export from app${options.reportPath}/route.ts: export { POST } from '../../hardening/headers/report-route'; */
export async function POST(request: Request): Promise<Response> {
  const report: unknown = await request.json().catch(() => null);
  console.warn('csp violation', JSON.stringify(report));
  return new Response(null, { status: 204 });
}
`;
  const test = `import { describe, expect, it } from 'vitest';
import { CSP_HEADER, PERMISSIONS_POLICY, buildCsp, newNonce, securityHeaders } from './policy.js';

describe('security headers', () => {
  it('puts the nonce into script-src with strict-dynamic', () => {
    expect(buildCsp('abc')).toContain("script-src 'nonce-abc' 'strict-dynamic'");
    expect(buildCsp('abc')).toContain("frame-ancestors '${options.frameAncestors}'");
  });

  it('sets every hardening header', () => {
    const headers = securityHeaders('abc');
    expect(headers[CSP_HEADER]).toContain("object-src 'none'");
    expect(headers['Strict-Transport-Security']).toBe(${q(hstsValue(options))});
    expect(headers['Permissions-Policy']).toBe(PERMISSIONS_POLICY);
    expect(headers['Cross-Origin-Opener-Policy']).toBe('same-origin');
  });

  it('mints a different nonce each time', () => {
    expect(newNonce()).not.toBe(newNonce());
  });
});
`;
  return [
    { name: 'policy', code: policy },
    { name: 'middleware', code: middleware },
    { name: 'report-route', code: report },
    { name: 'policy.test', code: test, test: true },
  ];
}

export function tsHeaders(stack: Stack, options: HeadersInputs): TsHeaders {
  const vitest: Dependency = { name: 'vitest', version: '^2.1.8', dev: true };
  if (stack === 'fastify') {
    return {
      files: fastify(options),
      dependencies: [{ name: '@fastify/helmet', version: '^12.0.1' }, { name: 'fastify-plugin', version: '^5.0.1', dev: true }, vitest],
      wiring: ["Register it before your routes (fastify-plugin keeps the hooks app-wide): `await app.register(fp(securityHeaders))` with `import fp from 'fastify-plugin'`.", `It also answers violation reports at \`${options.reportPath}\`.`],
    };
  }
  if (stack === 'nextjs') {
    return {
      files: nextjs(options),
      dependencies: [vitest],
      wiring: ["In your `middleware.ts` (or `src/middleware.ts`): `export { middleware, config } from './hardening/headers/middleware';` (merge by hand if you already have a middleware).", `Violation reports: create \`app${options.reportPath}/route.ts\` re-exporting \`POST\` from \`hardening/headers/report-route\`.`, "Read the nonce in server components with `(await headers()).get('x-nonce')` and pass it to `<Script nonce={nonce}>`. Nonces make pages dynamic (no static rendering)."],
    };
  }
  const where = stack === 'nestjs' ? 'In `main.ts`, after `NestFactory.create(AppModule)`' : 'Before your routes';
  return {
    files: express(options),
    dependencies: [{ name: 'helmet', version: '^8.0.0' }, { name: 'supertest', version: '^7.0.0', dev: true }, { name: '@types/supertest', version: '^6.0.2', dev: true }, vitest],
    wiring: [`${where}: \`app.use(...securityHeaders())\`.`, `Violation reports: \`app.post('${options.reportPath}', express.json({ type: ['application/csp-report', 'application/reports+json', 'application/json'] }), cspReportHandler())\`.`, 'Templates put `res.locals.cspNonce` on every inline `<script nonce="...">`; scripts those load are trusted through `strict-dynamic`.'],
  };
}
