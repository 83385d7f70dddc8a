/**
 * The backing-service checks readiness runs: one per service the plan found that is reachable over
 * the network (SQLite is embedded and S3 a managed API: not checked), with the env var the plan
 * recorded for its address. The same list drives the Node, Python and Go modules.
 */
import type { BackingServiceKind, ServicePlan } from '../../../plan/schema.js';

export type CheckedKind = 'postgres' | 'mysql' | 'redis' | 'mongodb';

export interface ReadinessCheck {
  /** Key in the response's `checks` object. */
  name: string;
  kind: CheckedKind;
  envVar: string;
}

const CHECKED: Partial<Record<BackingServiceKind, CheckedKind>> = { postgres: 'postgres', mysql: 'mysql', mariadb: 'mysql', redis: 'redis', mongodb: 'mongodb' };

/** Default env var when the plan has none: the usual URL variable per kind. */
const DEFAULT_ENV: Record<CheckedKind, string> = { postgres: 'DATABASE_URL', mysql: 'DATABASE_URL', redis: 'REDIS_URL', mongodb: 'MONGODB_URI' };

export function readinessChecks(service: ServicePlan): { checks: ReadinessCheck[]; notes: string[] } {
  const checks: ReadinessCheck[] = [];
  const notes: string[] = [];
  for (const backing of service.backingServices) {
    const kind = CHECKED[backing.kind];
    if (kind === undefined) {
      notes.push(`${backing.kind}: not checked by readiness (${backing.kind === 'sqlite' ? 'embedded file' : 'no cheap ping generated'})`);
      continue;
    }
    if (checks.some((c) => c.name === backing.kind)) continue;
    const envVar = backing.envVar ?? DEFAULT_ENV[kind];
    if (backing.envVar === null) notes.push(`${backing.kind}: the plan recorded no env var; readiness reads ${envVar}`);
    else if (!/URL|URI|DSN/i.test(envVar)) notes.push(`${backing.kind}: ${envVar} does not look like a URL; readiness passes it as the connection URL, adjust if it holds a host only`);
    checks.push({ name: backing.kind, kind, envVar });
  }
  return { checks, notes };
}

export const LIVE_PATH = '/livez';
export const READY_PATH = '/readyz';
export const STARTUP_PATH = '/startupz';

/** The plan's own health path when it differs from ours: kept working as an alias of liveness. */
export function legacyPath(service: ServicePlan): string | null {
  const path = service.health.path;
  return path !== null && ![LIVE_PATH, READY_PATH, STARTUP_PATH].includes(path) ? path : null;
}
