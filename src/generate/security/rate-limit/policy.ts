/**
 * The rate-limit policy all stacks and the edge share: three tiers (per IP, per signed-in user, and a
 * strict one for auth routes keyed by IP), fixed windows, 429 with Retry-After. The store is Redis
 * when the plan has a Redis backing service (shared by every replica), memory otherwise.
 */
import { z } from 'zod';
import type { ServicePlan } from '../../../plan/schema.js';

/** Documented defaults: the plan does not record routes, so these are the usual auth paths. */
export const DEFAULT_AUTH_PATHS = ['/login', '/register', '/signup', '/password-reset', '/forgot-password', '/auth/login', '/auth/register', '/auth/token'];

export const inputs = z.object({
  /** Requests per minute from one IP address (all routes). */
  perIp: z.coerce.number().int().positive().default(300),
  /** Requests per minute from one signed-in user (all routes). */
  perUser: z.coerce.number().int().positive().default(600),
  /** Attempts per 15 minutes from one IP on the auth routes. */
  auth: z.coerce.number().int().positive().default(10),
  /** Auth route paths, comma separated (prefix match). */
  authPaths: z.string().default(DEFAULT_AUTH_PATHS.join(',')),
});
export type RateLimitInputs = z.infer<typeof inputs>;

export interface Tier {
  name: 'ip' | 'user' | 'auth';
  limit: number;
  windowSeconds: number;
}

export function tiers(options: RateLimitInputs): Tier[] {
  return [
    { name: 'ip', limit: options.perIp, windowSeconds: 60 },
    { name: 'user', limit: options.perUser, windowSeconds: 60 },
    { name: 'auth', limit: options.auth, windowSeconds: 900 },
  ];
}

export function authPaths(options: RateLimitInputs): string[] {
  return options.authPaths.split(',').map((p) => p.trim()).filter((p) => p.startsWith('/'));
}

/** The Redis URL env var when the plan has Redis, else null (memory store). */
export function redisEnv(service: ServicePlan): string | null {
  const redis = service.backingServices.find((b) => b.kind === 'redis');
  return redis ? (redis.envVar ?? 'REDIS_URL') : null;
}

export const MEMORY_CAVEAT = 'The store is in memory: counts are per process, not shared across replicas or restarts, so N replicas allow N times the limit. Add Redis (or enforce the limits at the edge) before scaling out.';
