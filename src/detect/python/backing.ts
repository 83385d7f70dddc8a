/**
 * Backing services a Python service needs beyond what its dependencies say (shared/backing.ts):
 * connection URLs written in the code (SQLAlchemy `postgresql+asyncpg://…`, a Celery broker
 * `redis://…`), alembic.ini's `sqlalchemy.url`, and what a framework found (Django DATABASES).
 */
import type { RepoFs } from '../../core/repo/repo-fs.js';
import { joinPath } from '../../core/repo/repo-fs.js';
import type { ServicePlan } from '../../plan/schema.js';
import { addBackingService, addEvidence } from '../../plan/service.js';
import { backingFromUrl } from '../shared/env-vars.js';
import { lineOf } from '../shared/text.js';
import type { DependencySet } from './dependencies.js';
import { locate, type PySource } from './source.js';

const URL_LITERAL = /["']((?:postgres(?:ql)?|mysql|mariadb|mongodb|sqlite|rediss?|amqps?)(?:\+\w+)?:\/\/[^"'\s]+)["']/g;

export function addBackingFromUrls(repo: RepoFs, dir: string, service: ServicePlan, sources: readonly PySource[]): void {
  for (const source of sources) {
    for (const m of source.code.matchAll(URL_LITERAL)) {
      const kind = backingFromUrl(m[1] ?? '');
      if (!kind) continue;
      const at = locate(source, m.index ?? 0);
      addBackingService(service, kind, null);
      addEvidence(service, `backing:${kind}`, at.file, maskCredentials(at.note), at.line);
    }
  }
  const alembic = joinPath(dir, 'alembic.ini');
  const text = repo.readText(alembic);
  const url = text ? /^\s*sqlalchemy\.url\s*=\s*(\S+)/m.exec(text)?.[1] : undefined;
  const kind = url ? backingFromUrl(url) : null;
  if (text && kind) {
    addBackingService(service, kind, null);
    addEvidence(service, `backing:${kind}`, alembic, maskCredentials(`sqlalchemy.url = ${url}`), lineOf(text, /^\s*sqlalchemy\.url/));
  }
}

/**
 * Celery's broker: `celery[redis]` means Redis; the broker URL variable (CELERY_BROKER_URL, BROKER_URL)
 * then carries the broker's address when nothing closer names one.
 */
export function addCeleryBroker(service: ServicePlan, deps: DependencySet): void {
  const celery = deps.get('celery');
  if (!celery) return;
  const kind = celery.extras.includes('redis') ? 'redis' : celery.extras.some((e) => e === 'librabbitmq' || e === 'amqp') ? 'rabbitmq' : null;
  if (kind) {
    addBackingService(service, kind, null);
    addEvidence(service, `backing:${kind}`, celery.file, `celery[${celery.extras.join(',')}] uses ${kind} as its broker`, celery.line);
  }
  const brokerVar = service.env.find((e) => /^(CELERY_BROKER_URL|CELERY_BROKER|BROKER_URL)$/.test(e.name));
  const broker = service.backingServices.find((b) => (b.kind === 'redis' || b.kind === 'rabbitmq') && b.envVar === null);
  if (brokerVar && broker) broker.envVar = brokerVar.name;
}

/** Evidence notes quote source lines: hide the password of `scheme://user:password@host`. */
export function maskCredentials(note: string): string {
  return note.replace(/(:\/\/[^:/@\s"']+:)[^@\s"']+@/g, '$1***@');
}
