/**
 * Health route detection. A route counts only when a string literal with a known health path sits
 * on a line that declares a route (or in a routes file); the most conventional one wins.
 */
import type { RepoFs } from '../../core/repo/repo-fs.js';
import type { ServicePlan } from '../../plan/schema.js';
import { addEvidence } from '../../plan/service.js';
import { matchAll } from './text.js';

/** Preference order when several health routes exist: liveness-style first. */
export const HEALTH_PATHS = [
  '/healthz', '/health', '/livez', '/health/live', '/health/liveness', '/healthcheck', '/health-check', '/health_check', '/_health', '/api/health',
  '/api/healthz', '/actuator/health', '/actuator/health/liveness', '/up', '/readyz', '/ready', '/health/ready', '/status', '/ping', '/api/status', '/api/ping',
] as const;

const LITERAL = /["'`](\/(?:api\/)?(?:healthz?|livez|readyz|ready|healthcheck|health-check|health_check|_health|status|ping|up|actuator\/health)(?:\/(?:live|liveness|ready|readiness))?)\/?["'`]/g;

/** Lines that declare a route in the frameworks we know (get(…), @Get(…), path(…), HandleFunc, …). */
const ROUTE_CONTEXT = /(\.(get|head|all|route|use|handle|handlefunc|handler|register|add_api_route|add_url_rule|on|match|any|Get|GET|Handle|HandleFunc|MapGet|MapHealthChecks)\s*\(|@(Get|GetMapping|RequestMapping|app\.get|router\.get|route|get|api_view|Path)\b|\b(path|re_path|url|get|match|scope|HandleFunc|Handle|route)\s*\(|\bget\s+["']|"\s*GET\s|\bpath:\s*["']|http\.HandleFunc|mux\.|app\.MapGet|HealthChecks|health_check|health)/i;

export interface HealthFinding {
  path: string;
  file: string;
  line: number;
  text: string;
}

/** All health routes declared in the given files. */
export function findHealthRoutes(repo: RepoFs, files: readonly string[]): HealthFinding[] {
  const found: HealthFinding[] = [];
  for (const file of files) {
    const text = repo.readText(file);
    if (text === null || !/(health|livez|readyz|ready|status|ping|\/up)/i.test(text)) continue;
    for (const m of matchAll(text, LITERAL)) {
      if (!ROUTE_CONTEXT.test(m.text)) continue;
      found.push({ path: m.match[1] ?? '', file, line: m.line, text: m.text });
    }
  }
  return found;
}

/** Picks the preferred health route and records it on the service. Returns true when one was set. */
export function applyHealthRoute(service: ServicePlan, findings: readonly HealthFinding[]): boolean {
  if (findings.length === 0) return false;
  const rank = (p: string): number => {
    const i = (HEALTH_PATHS as readonly string[]).indexOf(p);
    return i === -1 ? HEALTH_PATHS.length : i;
  };
  const best = [...findings].sort((a, b) => rank(a.path) - rank(b.path))[0]!;
  service.health.path = best.path;
  addEvidence(service, 'health', best.file, best.text, best.line);
  return true;
}
