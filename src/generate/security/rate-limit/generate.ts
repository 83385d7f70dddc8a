/**
 * Rate limiting: per service, a limiter for its framework (per IP, per user, strict on auth routes,
 * 429 with Retry-After) backed by the plan's Redis when it has one, with tests and a
 * SECURITY-HARDENING.md; for the project, nginx / Caddy / Cloudflare equivalents.
 */
import type { GenerateContext, GeneratedFile } from '../../types.js';
import { serviceFiles, type StackCode } from '../shared/part.js';
import { familyOf, notApplicable, stackOf } from '../shared/stack.js';
import { edgeRateLimitFiles } from './edge.js';
import { goRateLimit } from './go.js';
import { authPaths, DEFAULT_AUTH_PATHS, inputs, MEMORY_CAVEAT, redisEnv, type RateLimitInputs } from './policy.js';
import { pyRateLimit } from './python.js';
import { tsRateLimit } from './ts.js';

export { inputs, type RateLimitInputs };

export function generate(context: GenerateContext, options: RateLimitInputs): GeneratedFile[] {
  const files: GeneratedFile[] = [];
  const skipped: string[] = [];
  const defaults = options.authPaths === DEFAULT_AUTH_PATHS.join(',');
  for (const service of context.services) {
    const stack = stackOf(service);
    if (!stack) {
      skipped.push(notApplicable(service));
      continue;
    }
    const redis = redisEnv(service);
    const family = familyOf(stack);
    const code: StackCode = family === 'ts' ? tsRateLimit(stack, options, redis) : family === 'python' ? pyRateLimit(stack, options, redis) : goRateLimit(stack, options, redis);
    code.caveats = [
      redis ? `Counts live in Redis (\`${redis}\` from the plan), shared by every replica. If Redis is down the limiter errors; decide whether to fail open.` : MEMORY_CAVEAT,
      defaults ? `Auth routes are devsquad's documented defaults (${authPaths(options).join(', ')}); set yours with \`--input rate-limit.authPaths=/api/login,/api/signup\`.` : `Auth routes: ${authPaths(options).join(', ')}.`,
      'Behind a proxy the client IP must come from a trusted forwarding header, or every request shares the proxy\'s IP.',
    ];
    code.notes = [redis ? `Redis store from ${redis}` : 'memory store (no Redis in the plan): not shared across replicas'];
    files.push(
      ...serviceFiles(
        {
          generator: 'rate-limit',
          folder: 'ratelimit',
          title: 'Rate limiting',
          summary: [`Fixed-window limits: ${options.perIp} requests/minute per IP, ${options.perUser} per signed-in user, ${options.auth} per 15 minutes per IP on the auth routes. Over the limit: 429 with Retry-After (and RateLimit-Limit / RateLimit-Remaining on every response).`],
        },
        service,
        stack,
        code,
        context.services,
      ),
    );
  }
  const edge = edgeRateLimitFiles(context.plan.name, options);
  edge[0]!.notes = [...(edge[0]!.notes ?? []), ...skipped];
  return [...files, ...edge];
}
