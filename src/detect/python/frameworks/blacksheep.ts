/** BlackSheep: a module-level `app = Application()` from blacksheep, an ASGI app served by uvicorn (or the declared ASGI server). */
import { findAppAssignment, factOf } from './common.js';
import { servedAppMatch } from './app-match.js';
import type { FrameworkMatch, PyContext } from './types.js';

export function detectBlackSheep(ctx: PyContext): FrameworkMatch | null {
  if (!ctx.deps.has('blacksheep')) return null;
  const found = findAppAssignment(ctx, 'Application', 'blacksheep');
  if (!found) return null;
  return servedAppMatch(ctx, 'blacksheep', 'BlackSheep', { file: found.source.file, name: found.assignment.name, fact: factOf(found), asgi: true, factory: false });
}
