/**
 * Rate limiting for the TypeScript stacks: one small fixed-window limiter (memory or ioredis store)
 * with adapters for Express/NestJS (middleware), Fastify (onRequest hook) and Next.js (route handler
 * wrapper, Node runtime). Tested with a fake clock and a fake Redis.
 */
import type { Dependency } from '../shared/doc.js';
import type { StackCode } from '../shared/part.js';
import type { Stack } from '../shared/stack.js';
import type { TsSource } from '../shared/ts-emit.js';
import { authPaths, tiers, type RateLimitInputs } from './policy.js';

const q = (s: string): string => JSON.stringify(s);

function limiter(options: RateLimitInputs): string {
  const t = tiers(options);
  return `/** Fixed-window rate limiting: per IP, per signed-in user, and strict on the auth routes. */
export interface Tier {
  name: 'ip' | 'user' | 'auth';
  limit: number;
  windowSeconds: number;
}

export const TIERS: Tier[] = [
${t.map((x) => `  { name: ${q(x.name)}, limit: ${x.limit}, windowSeconds: ${x.windowSeconds} },`).join('\n')}
];

/** Auth routes (prefix match): login, registration and password reset get the strict tier. */
export const AUTH_PATHS: string[] = ${JSON.stringify(authPaths(options))};

export interface Hit {
  count: number;
  /** Milliseconds until the window resets. */
  resetMs: number;
}

export interface Store {
  hit(key: string, windowMs: number): Promise<Hit>;
}

/** Per-process counts: NOT shared across replicas or restarts. */
export class MemoryStore implements Store {
  private readonly windows = new Map<string, { count: number; resetAt: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  async hit(key: string, windowMs: number): Promise<Hit> {
    const now = this.now();
    let entry = this.windows.get(key);
    if (!entry || entry.resetAt <= now) {
      entry = { count: 0, resetAt: now + windowMs };
      this.windows.set(key, entry);
    }
    entry.count += 1;
    if (this.windows.size > 100000) this.sweep(now);
    return { count: entry.count, resetMs: entry.resetAt - now };
  }

  private sweep(now: number): void {
    for (const [key, entry] of this.windows) if (entry.resetAt <= now) this.windows.delete(key);
  }
}

/** The ioredis calls the Redis store needs (an ioredis client satisfies it). */
export interface RedisLike {
  incr(key: string): Promise<number>;
  pexpire(key: string, ms: number): Promise<number>;
  pttl(key: string): Promise<number>;
}

/** Shared by every replica: INCR, then PEXPIRE on the first hit of a window. */
export class RedisStore implements Store {
  constructor(private readonly redis: RedisLike, private readonly prefix = 'ratelimit:') {}

  async hit(key: string, windowMs: number): Promise<Hit> {
    const name = this.prefix + key;
    const count = await this.redis.incr(name);
    if (count === 1) await this.redis.pexpire(name, windowMs);
    const ttl = await this.redis.pttl(name);
    if (ttl < 0) await this.redis.pexpire(name, windowMs);
    return { count, resetMs: ttl > 0 ? ttl : windowMs };
  }
}

export interface Decision {
  allowed: boolean;
  tier: Tier['name'];
  limit: number;
  remaining: number;
  /** Seconds until the client may retry: the Retry-After header on a 429. */
  retryAfterSeconds: number;
}

export function isAuthPath(path: string): boolean {
  return AUTH_PATHS.some((p) => path === p || path.startsWith(p + '/'));
}

/** Checks every tier that applies; the first exhausted one decides. */
export async function decide(store: Store, request: { path: string; ip: string; userId: string | null }): Promise<Decision> {
  const applicable: [Tier, string][] = [];
  for (const tier of TIERS) {
    if (tier.name === 'ip') applicable.push([tier, 'ip:' + request.ip]);
    if (tier.name === 'user' && request.userId) applicable.push([tier, 'user:' + request.userId]);
    if (tier.name === 'auth' && isAuthPath(request.path)) applicable.push([tier, 'auth:' + request.ip]);
  }
  let tightest: Decision | null = null;
  for (const [tier, key] of applicable) {
    const hit = await store.hit(tier.name + ':' + key, tier.windowSeconds * 1000);
    const decision: Decision = {
      allowed: hit.count <= tier.limit,
      tier: tier.name,
      limit: tier.limit,
      remaining: Math.max(0, tier.limit - hit.count),
      retryAfterSeconds: Math.max(1, Math.ceil(hit.resetMs / 1000)),
    };
    if (!decision.allowed) return decision;
    if (!tightest || decision.remaining < tightest.remaining) tightest = decision;
  }
  return tightest ?? { allowed: true, tier: 'ip', limit: 0, remaining: 0, retryAfterSeconds: 0 };
}

/** Standard headers for every response, plus Retry-After on a 429. */
export function limitHeaders(decision: Decision): Record<string, string> {
  const headers: Record<string, string> = { 'RateLimit-Limit': String(decision.limit), 'RateLimit-Remaining': String(decision.remaining) };
  if (!decision.allowed) headers['Retry-After'] = String(decision.retryAfterSeconds);
  return headers;
}
`;
}

function store(redisEnv: string | null): string {
  if (!redisEnv) {
    return `import { MemoryStore, type Store } from './limiter.js';

/**
 * No Redis in this service's plan: counts live in this process only. With more than one replica each
 * allows the full limit; add Redis (RedisStore in limiter.ts) or enforce the limits at the edge.
 */
export function createStore(): Store {
  return new MemoryStore();
}
`;
  }
  return `import Redis from 'ioredis';
import { RedisStore, type Store } from './limiter.js';

/** Redis from the plan (${redisEnv}): counts are shared by every replica. */
export function createStore(url: string | undefined = process.env[${q(redisEnv)}]): Store {
  if (!url) throw new Error(${q(`${redisEnv} is not set: the rate limiter needs Redis`)});
  return new RedisStore(new Redis(url, { maxRetriesPerRequest: 1, enableOfflineQueue: false }));
}
`;
}

function adapter(stack: Stack): string {
  if (stack === 'fastify') {
    return `import type { FastifyInstance, FastifyRequest } from 'fastify';
import { decide, limitHeaders, type Store } from './limiter.js';
import { createStore } from './store.js';

function userIdOf(request: FastifyRequest): string | null {
  const user = (request as { user?: { id?: string | number; sub?: string } }).user;
  return user ? String(user.id ?? user.sub ?? '') || null : null;
}

/** await app.register(fp(rateLimit)): an onRequest hook answering 429 with Retry-After. */
export async function rateLimit(app: FastifyInstance, options: { store?: Store } = {}): Promise<void> {
  const store = options.store ?? createStore();
  app.addHook('onRequest', async (request, reply) => {
    const decision = await decide(store, { path: request.url.split('?')[0] ?? '/', ip: request.ip, userId: userIdOf(request) });
    reply.headers(limitHeaders(decision));
    if (!decision.allowed) return reply.code(429).send({ error: 'Too Many Requests', retryAfter: decision.retryAfterSeconds });
  });
}
`;
  }
  if (stack === 'nextjs') {
    return `import { decide, limitHeaders, type Store } from './limiter.js';
import { createStore } from './store.js';

let shared: Store | null = null;

function clientIp(request: Request): string {
  // The first X-Forwarded-For hop is the client when your proxy (Vercel, nginx) sets it; otherwise "unknown".
  return request.headers.get('x-forwarded-for')?.split(',')[0]?.trim() || request.headers.get('x-real-ip') || 'unknown';
}

/** Wrap a route handler (Node runtime): export const POST = withRateLimit(async (req) => ...). */
export function withRateLimit(handler: (request: Request) => Promise<Response>, userIdOf: (request: Request) => string | null = () => null) {
  return async (request: Request): Promise<Response> => {
    shared ??= createStore();
    const decision = await decide(shared, { path: new URL(request.url).pathname, ip: clientIp(request), userId: userIdOf(request) });
    if (!decision.allowed) {
      return new Response(JSON.stringify({ error: 'Too Many Requests' }), { status: 429, headers: { 'content-type': 'application/json', ...limitHeaders(decision) } });
    }
    const response = await handler(request);
    for (const [name, value] of Object.entries(limitHeaders(decision))) response.headers.set(name, value);
    return response;
  };
}
`;
  }
  return `import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { decide, limitHeaders, type Store } from './limiter.js';
import { createStore } from './store.js';

function userIdOf(req: Request): string | null {
  const user = (req as { user?: { id?: string | number; sub?: string } }).user;
  return user ? String(user.id ?? user.sub ?? '') || null : null;
}

/** app.use(rateLimit()) after your auth middleware (so req.user is set) and app.set('trust proxy', 1) behind a proxy. */
export function rateLimit(store: Store = createStore()): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    decide(store, { path: req.path, ip: req.ip ?? 'unknown', userId: userIdOf(req) }).then((decision) => {
      res.set(limitHeaders(decision));
      if (!decision.allowed) {
        res.status(429).json({ error: 'Too Many Requests', retryAfter: decision.retryAfterSeconds });
        return;
      }
      next();
    }, next);
  };
}
`;
}

function test(options: RateLimitInputs): string {
  const auth = authPaths(options)[0] ?? '/login';
  return `import { describe, expect, it } from 'vitest';
import { MemoryStore, RedisStore, TIERS, decide, limitHeaders, type RedisLike } from './limiter.js';

function clock(start = 0) {
  let now = start;
  return { now: () => now, advance: (ms: number) => { now += ms; } };
}

function limitOf(name: string): number {
  return TIERS.find((t) => t.name === name)!.limit;
}

describe('rate limiter', () => {
  it('answers 429 with Retry-After once an IP spends the auth tier', async () => {
    const time = clock();
    const store = new MemoryStore(time.now);
    for (let i = 0; i < limitOf('auth'); i++) expect((await decide(store, { path: ${q(auth)}, ip: '1.2.3.4', userId: null })).allowed).toBe(true);
    const denied = await decide(store, { path: ${q(auth)}, ip: '1.2.3.4', userId: null });
    expect(denied).toMatchObject({ allowed: false, tier: 'auth' });
    expect(Number(limitHeaders(denied)['Retry-After'])).toBeGreaterThan(0);
    expect((await decide(store, { path: ${q(auth)}, ip: '5.6.7.8', userId: null })).allowed).toBe(true);
    time.advance(15 * 60 * 1000);
    expect((await decide(store, { path: ${q(auth)}, ip: '1.2.3.4', userId: null })).allowed).toBe(true);
  });

  it('limits each IP on ordinary routes', async () => {
    const store = new MemoryStore(clock().now);
    for (let i = 0; i < limitOf('ip'); i++) await decide(store, { path: '/items', ip: '9.9.9.9', userId: null });
    expect((await decide(store, { path: '/items', ip: '9.9.9.9', userId: null })).tier).toBe('ip');
  });

  it('keeps a Redis window shared between store instances', async () => {
    const data = new Map<string, number>();
    const redis: RedisLike = {
      incr: async (key) => { data.set(key, (data.get(key) ?? 0) + 1); return data.get(key)!; },
      pexpire: async () => 1,
      pttl: async () => 30000,
    };
    const a = new RedisStore(redis);
    const b = new RedisStore(redis);
    await a.hit('k', 60000);
    expect((await b.hit('k', 60000)).count).toBe(2);
  });
});
`;
}

export function tsRateLimit(stack: Stack, options: RateLimitInputs, redisEnv: string | null): StackCode {
  const files: TsSource[] = [
    { name: 'limiter', code: limiter(options) },
    { name: 'store', code: store(redisEnv) },
    { name: 'middleware', code: adapter(stack) },
    { name: 'limiter.test', code: test(options), test: true },
  ];
  const dependencies: Dependency[] = [...(redisEnv ? [{ name: 'ioredis', version: '^5.4.1' }] : []), ...(stack === 'fastify' ? [{ name: 'fastify-plugin', version: '^5.0.1' }] : []), { name: 'vitest', version: '^2.1.8', dev: true }];
  const wiring =
    stack === 'fastify'
      ? ['`await app.register(fp(rateLimit))` (import `fp` from `fastify-plugin`, `rateLimit` from `./hardening/ratelimit/middleware`), after the auth plugin that sets `request.user`; set `trustProxy: true` behind a proxy.']
      : stack === 'nextjs'
        ? ['Wrap route handlers: `export const POST = withRateLimit(async (req) => ...)` from `hardening/ratelimit/middleware` (Node runtime). Edge middleware cannot use Redis over TCP: enforce page-wide limits at the edge.']
        : [`${stack === 'nestjs' ? 'In `main.ts`: ' : ''}\`app.use(rateLimit())\` after the middleware that sets \`req.user\`; \`app.set('trust proxy', 1)\` when behind one proxy so \`req.ip\` is the client.`];
  return { files, dependencies, wiring };
}
