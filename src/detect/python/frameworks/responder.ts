/**
 * Responder: `api = responder.API()`, an ASGI app. Responder installs uvicorn, which serves it
 * (`uvicorn app:api`) unless the project declares another ASGI server.
 */
import { findAppAssignment, factOf } from './common.js';
import { servedAppMatch } from './app-match.js';
import type { FrameworkMatch, PyContext } from './types.js';

export function detectResponder(ctx: PyContext): FrameworkMatch | null {
  if (!ctx.deps.has('responder')) return null;
  const found = findAppAssignment(ctx, 'API', 'responder');
  if (!found) return null;
  return servedAppMatch(ctx, 'responder', 'Responder', { file: found.source.file, name: found.assignment.name, fact: factOf(found), asgi: true, factory: false }, { bundled: 'uvicorn' });
}
