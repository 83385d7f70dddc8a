/**
 * Quart: a module-level `app = Quart(__name__)`, an ASGI app. Quart installs hypercorn, its own
 * server, so hypercorn serves it unless the project declares another ASGI server.
 */
import { findAppAssignment, factOf } from './common.js';
import { servedAppMatch } from './app-match.js';
import type { FrameworkMatch, PyContext } from './types.js';

export function detectQuart(ctx: PyContext): FrameworkMatch | null {
  if (!ctx.deps.has('quart')) return null;
  const found = findAppAssignment(ctx, 'Quart', 'quart');
  if (!found) return null;
  return servedAppMatch(ctx, 'quart', 'Quart', { file: found.source.file, name: found.assignment.name, fact: factOf(found), asgi: true, factory: false }, { prefer: ['hypercorn'], bundled: 'hypercorn' });
}
