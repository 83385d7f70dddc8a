import type { Generator } from '../../types.js';
import { generate, inputs, type RateLimitInputs } from './generate.js';

export const rateLimitGenerator: Generator<RateLimitInputs> = {
  id: 'rate-limit',
  displayName: 'Rate limiting',
  description: 'Per-IP, per-user and auth-route rate limits (Redis-backed when the plan has Redis, 429 + Retry-After) for the framework, nginx, Caddy and Cloudflare.',
  inputs,
  generate,
};
