/**
 * Celery: a module-level `app = Celery(...)` means the project runs a worker next to its web
 * process, started with `celery -A <module> worker`. A `proj/celery.py` (the Django layout) is
 * named by its package (`-A proj`), which Celery resolves to proj.celery.
 */
import { baseName, moduleOf } from '../source.js';
import { factOf, findAppAssignment } from './common.js';
import type { Fact, PyContext } from './types.js';

export interface CeleryApp {
  command: string;
  /** Module passed to -A. */
  module: string;
  fact: Fact;
}

export function detectCelery(ctx: PyContext): CeleryApp | null {
  if (!ctx.deps.has('celery')) return null;
  const found = findAppAssignment(ctx, 'Celery', 'celery');
  if (!found) return null;
  const ref = moduleOf(ctx.dir, found.source.file);
  const isPackageCelery = baseName(found.source.file) === 'celery.py' && ref.module.includes('.');
  const module = isPackageCelery ? ref.module.slice(0, ref.module.lastIndexOf('.')) : ref.module;
  const target = ['app', 'celery'].includes(found.assignment.name) || isPackageCelery ? module : `${module}:${found.assignment.name}`;
  const workdir = ref.appDir ? ` --workdir ${ref.appDir}` : '';
  return { command: `celery -A ${target}${workdir} worker --loglevel=info`, module, fact: factOf(found) };
}
