/**
 * Litestar: `app = Litestar(route_handlers=[…])` (or a `create_app()` factory), an ASGI app served by
 * uvicorn (which `litestar[standard]` brings), or another ASGI server the project declares.
 */
import { findAppAssignment, findFactory, factOf } from './common.js';
import { servedAppMatch } from './app-match.js';
import type { FrameworkMatch, PyContext } from './types.js';

export function detectLitestar(ctx: PyContext): FrameworkMatch | null {
  if (!ctx.deps.has('litestar')) return null;
  const bundled = ctx.deps.hasExtra('litestar', 'standard') ? { bundled: 'uvicorn' as const } : {};
  const found = findAppAssignment(ctx, 'Litestar', 'litestar');
  if (found) return servedAppMatch(ctx, 'litestar', 'Litestar', { file: found.source.file, name: found.assignment.name, fact: factOf(found), asgi: true, factory: false }, bundled);
  const factory = findFactory(ctx, 'create_app|get_app|make_app|build_app', 'litestar');
  if (!factory) return null;
  return servedAppMatch(ctx, 'litestar', 'Litestar', { file: factory.source.file, name: factory.name, fact: factory.fact, asgi: true, factory: true }, bundled);
}
