/**
 * A script that serves itself with a web package the project declares: at the service root, in its
 * `__main__` block (or at module level), a serve call that names a port, on an object of a declared
 * dependency (`app = Klein()` … `app.run("0.0.0.0", 8080)`, `fastpysgi.run(app, host, port)`,
 * `Granian("app:main", port=8080).serve()`, `app.listen(3000)`). It is started as it is run
 * (`python app.py`) and listens where the call says. The dependency names the framework.
 */
import { findCalls, type Call, type PySource } from '../source.js';
import { entryOrder, packageOf, portOfCall, runsWhenExecuted, scriptCommand } from './common.js';
import { emptyMatch, type FrameworkMatch, type PyContext } from './types.js';

const SERVE = '[\\w.]*\\.(?:run|serve|serve_forever|run_app|run_server|launch)|(?:app|application|server|http_server|httpd|site)\\.(?:listen|start)|(?:[\\w.]*\\.)?(?:Granian|make_server)';

export function detectServingScript(ctx: PyContext): FrameworkMatch | null {
  for (const source of entryOrder(ctx.sources)) {
    const local = ctx.dir === '' ? source.file : source.file.slice(ctx.dir.length + 1);
    if (local.includes('/')) break; // entryOrder is shallow first: only scripts at the service root
    for (const call of findCalls(source, SERVE)) {
      if (!runsWhenExecuted(source, call.index)) continue;
      const port = portOfCall(source, call);
      if (!port || (port.value === null && port.envVar === null)) continue;
      const framework = providerOfCall(ctx, source, call);
      if (!framework) continue;
      const fact = { file: call.file, line: call.line, note: call.note };
      const match = emptyMatch(framework, { ...fact, note: `${call.note} (${framework} serves the script)` }, port.value ?? 8000, 'the port the script asks for');
      match.start = { command: scriptCommand(ctx, source.file), fact };
      match.codePort = port;
      return match;
    }
  }
  return null;
}

/** The declared package behind a serve call: the module called (`fastpysgi.run`), or what the receiver was built from (`app = Klein()`). */
function providerOfCall(ctx: PyContext, source: PySource, call: Call): string | null {
  const parts = call.callee.split('.');
  const receiver = parts.length > 1 ? parts.slice(0, -1).join('.') : parts[0] ?? '';
  const direct = packageOf(ctx, source, receiver);
  if (direct) return direct;
  const built = new RegExp(`^[ \\t]*${receiver.replace(/\./g, '\\.')}\\s*=\\s*((?:[A-Za-z_]\\w*\\.)*[A-Za-z_]\\w*)\\s*\\(`, 'm').exec(source.code)?.[1];
  return built ? packageOf(ctx, source, built) : null;
}
