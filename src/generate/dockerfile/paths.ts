/**
 * Where each service's Dockerfile goes. Usually `<service path>/Dockerfile`; when several services
 * live in one folder (Go `cmd/api` and `cmd/worker`, a Django app and its Celery worker) each gets
 * its own recipe, since they build or start different things: the first server keeps `Dockerfile`,
 * the others get `<name>.Dockerfile`. Compose reads the same function, so the two always agree.
 */
import { joinPath } from '../../core/repo/repo-fs.js';
import type { ServicePlan } from '../../plan/schema.js';

export function dockerfilePathFor(service: ServicePlan, all: readonly ServicePlan[]): string {
  const siblings = all.filter((s) => s.path === service.path);
  const primary = siblings.find((s) => s.kind !== 'worker') ?? siblings[0] ?? service;
  const file = primary.name === service.name ? 'Dockerfile' : `${service.name}.Dockerfile`;
  return joinPath(service.path, file);
}
