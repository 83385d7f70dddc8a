/**
 * The hardening registry: the parts `devsquad harden --only …` writes, by folder name, in alphabetical
 * order, for the detected framework and for the edge (nginx, Caddy, Cloudflare). A test keeps keys and
 * folders in step.
 */
import type { Generator } from '../types.js';
import { authGenerator } from './auth/index.js';
import { headersGenerator } from './headers/index.js';
import { rateLimitGenerator } from './rate-limit/index.js';
import { secretsGenerator } from './secrets/index.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each part has its own input type
export const hardeningParts: ReadonlyMap<string, Generator<any>> = new Map<string, Generator<any>>([
  ['auth', authGenerator],
  ['headers', headersGenerator],
  ['rate-limit', rateLimitGenerator],
  ['secrets', secretsGenerator],
]);
