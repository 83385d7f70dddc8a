/**
 * Falcon: `app = falcon.App()` (WSGI; `falcon.API()` before 3.0) or `app = falcon.asgi.App()` (ASGI),
 * served by the server the project declares (gunicorn / uvicorn assumed, with a warning, when none).
 */
import { findAppAssignment, factOf } from './common.js';
import { servedAppMatch } from './app-match.js';
import type { FrameworkMatch, PyContext } from './types.js';

export function detectFalcon(ctx: PyContext): FrameworkMatch | null {
  if (!ctx.deps.has('falcon')) return null;
  const found = findAppAssignment(ctx, 'App|API', 'falcon');
  if (!found) return null;
  const asgi = /\basgi\.App\s*\(/.test(found.assignment.note) || /^\s*from\s+falcon\.asgi\s+import\s[^\n]*\bApp\b/m.test(found.source.code);
  return servedAppMatch(ctx, 'falcon', 'Falcon', { file: found.source.file, name: found.assignment.name, fact: factOf(found), asgi, factory: false });
}
