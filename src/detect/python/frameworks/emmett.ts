/**
 * Emmett and Emmett55: `app = App(__name__)`. A script that runs the app through emmett-core's server
 * (`run("rsgi", ("app", "app"), host=…, port=8080)` in its `__main__` block) is the start command, on
 * the port it names. Otherwise the framework's CLI serves it, `emmett -a app.py serve` (`emmett55 -a
 * …`), which binds 0.0.0.0 and takes `--port` (default 8000).
 */
import { factOf, findAppAssignment, findRunCall } from './common.js';
import { selfRunMatch } from './app-match.js';
import { emptyMatch, type FrameworkMatch, type PyContext } from './types.js';

export function detectEmmett(ctx: PyContext): FrameworkMatch | null {
  for (const cli of ['emmett', 'emmett55']) {
    if (!ctx.deps.has(cli)) continue;
    const found = findAppAssignment(ctx, 'App', cli);
    if (!found) continue;
    const evidence = factOf(found);
    const run = findRunCall(ctx, '(?:\\w+\\.)?run', 'emmett_core', (call) => /\bport\s*=/.test(call.args));
    if (run) return selfRunMatch(ctx, cli, evidence, run, { port: 8000, host: '127.0.0.1', note: 'emmett-core serves on 127.0.0.1:8000 by default' });
    const local = ctx.dir === '' ? found.source.file : found.source.file.slice(ctx.dir.length + 1);
    const match = emptyMatch(cli, evidence, 8000, `${cli} serve listens on 8000 by default`);
    match.start = { command: `${cli} -a ${local} serve --host 0.0.0.0 --port $PORT`, fact: { ...evidence, note: `${evidence.note} (${cli} serve)` } };
    return match;
  }
  return null;
}
