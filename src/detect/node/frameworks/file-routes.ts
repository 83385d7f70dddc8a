/**
 * Health routes declared by file-based routing (Next.js app/ and pages/api, Nuxt server/, SvelteKit
 * +server files, Astro pages, Remix flat routes): the route path comes from the file path.
 */
import { joinPath } from '../../../core/repo/repo-fs.js';
import { addEvidence } from '../../../plan/service.js';
import { HEALTH_PATHS } from '../../shared/health.js';
import type { NodeContext } from '../context.js';

export interface FileRoute {
  file: string;
  path: string;
}

/**
 * Route files under `<dir>/<base>/` for each base: `toPath` turns the path below the base (no
 * extension) into a URL path, or null when the file is not a route.
 */
export function fileRoutes(ctx: NodeContext, bases: readonly string[], toPath: (local: string) => string | null): FileRoute[] {
  const out: FileRoute[] = [];
  for (const base of bases) {
    const prefix = `${joinPath(ctx.dir, base)}/`;
    for (const file of ctx.repo.filesUnder(joinPath(ctx.dir, base))) {
      if (!/\.(m?[jt]sx?)$/.test(file)) continue;
      const local = file.slice(prefix.length).replace(/\.(m?[jt]sx?)$/, '');
      const path = toPath(local);
      if (path !== null) out.push({ file, path: normalizeRoute(path) });
    }
  }
  return out;
}

/** Drops route groups `(x)`, parallel slots `@x`, `index` segments and doubled slashes. */
export function normalizeRoute(path: string): string {
  const parts = path.split('/').filter((p) => p !== '' && p !== 'index' && !/^\(.*\)$/.test(p) && !p.startsWith('@'));
  return `/${parts.join('/')}`;
}

/** Sets the health route from file routes when one has a conventional health path. */
export function applyFileHealth(ctx: NodeContext, routes: readonly FileRoute[], note: string): boolean {
  const known = HEALTH_PATHS as readonly string[];
  const best = routes.filter((r) => known.includes(r.path)).sort((a, b) => known.indexOf(a.path) - known.indexOf(b.path))[0];
  if (!best) return false;
  ctx.service.health.path = best.path;
  addEvidence(ctx.service, 'health', best.file, `${note}: ${best.path}`);
  return true;
}
