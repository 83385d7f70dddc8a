/**
 * Robyn: `app = Robyn(__file__)` started by `app.start(host=…, port=…)` in the script, run as it is
 * (`python app.py`). Robyn's defaults are 127.0.0.1:8080.
 */
import { factOf, findAppAssignment, findRunCall, scriptCommand } from './common.js';
import { selfRunMatch } from './app-match.js';
import { emptyMatch, type FrameworkMatch, type PyContext } from './types.js';

const DEFAULTS = { port: 8080, host: '127.0.0.1', note: 'Robyn listens on 127.0.0.1:8080 by default' };

export function detectRobyn(ctx: PyContext): FrameworkMatch | null {
  if (!ctx.deps.has('robyn')) return null;
  const found = findAppAssignment(ctx, 'Robyn', 'robyn');
  if (!found) return null;
  const evidence = factOf(found);
  const run = findRunCall(ctx, `(?:app|${found.assignment.name})\\.start`, null);
  if (run) return selfRunMatch(ctx, 'robyn', evidence, run, DEFAULTS);
  const match = emptyMatch('robyn', evidence, DEFAULTS.port, DEFAULTS.note);
  match.start = { command: scriptCommand(ctx, found.source.file), fact: evidence };
  match.codePort = { value: DEFAULTS.port, envVar: null, host: DEFAULTS.host, fact: { ...evidence, note: `${evidence.note} (${DEFAULTS.note})` } };
  return match;
}
