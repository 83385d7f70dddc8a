/**
 * Starlette: a module-level `app = Starlette(...)` served by uvicorn (or the ASGI server the
 * project declares) on port 8000. FastAPI apps depend on Starlette too; the FastAPI module runs first.
 */
import { appTarget, asgiCommand, factOf, findAppAssignment, portFromRunCalls } from './common.js';
import { emptyMatch, type FrameworkMatch, type PyContext } from './types.js';

export function detectStarlette(ctx: PyContext): FrameworkMatch | null {
  if (!ctx.deps.has('starlette')) return null;
  const found = findAppAssignment(ctx, 'Starlette', 'starlette');
  if (!found) return null;
  const fact = factOf(found);
  const match = emptyMatch('starlette', fact, 8000, 'uvicorn serves on 8000 by default');
  const choice = asgiCommand(ctx, appTarget(ctx, found.source.file, found.assignment.name, { asgi: true, factory: false }));
  match.start = { command: choice.command, fact: { ...fact, note: `${fact.note} (${choice.note})` } };
  if (choice.missing) match.warnings.push('Starlette app found but no ASGI server (uvicorn, hypercorn) is a dependency; add uvicorn so the start command works.');
  match.codePort = portFromRunCalls(ctx, 'uvicorn\\.run');
  return match;
}
