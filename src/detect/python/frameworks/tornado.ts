/**
 * Tornado: a `tornado.web.Application(...)` started by a script (`app.listen(8888)`, an `HTTPServer`,
 * `IOLoop.current().start()`), run as it is (`python server.py`). A script that defines a `port`
 * option (`define("port", default=8888)`) takes `--port`, so the start command passes `--port=$PORT`.
 */
import { lineOf } from '../../shared/text.js';
import { portFromExpression } from '../port.js';
import { findCalls, imports, keywordArgument, locate, positionalArgument, stringLiteral, type PySource } from '../source.js';
import { entryOrder, hasMainGuard, portOfCall, scriptCommand } from './common.js';
import { emptyMatch, type FrameworkMatch, type PyContext } from './types.js';

const APPLICATION = /\b(?:tornado\.web\.|web\.)Application\s*\(|^\s*class\s+\w+\s*\(\s*(?:tornado\.web\.|web\.)?Application\s*\)|(?<![\w.])Application\s*\(/m;

export function detectTornado(ctx: PyContext): FrameworkMatch | null {
  if (!ctx.deps.has('tornado')) return null;
  const tornadoFiles = entryOrder(ctx.sources).filter((s) => imports(s, 'tornado'));
  const appFile = tornadoFiles.find((s) => APPLICATION.test(s.code) && (/\btornado\.web\b|from\s+tornado\s+import\s[^\n]*\bweb\b/.test(s.code) || /from\s+tornado\.web\s+import\s[^\n]*\bApplication\b/.test(s.code)));
  if (!appFile) return null;
  const at = locate(appFile, APPLICATION.exec(appFile.code)?.index ?? 0);
  const evidence = { file: at.file, line: at.line, note: at.note };
  // The script: a tornado file that starts the IOLoop or listens, with a __main__ block first.
  const starts = (s: PySource): boolean => /\.listen\s*\(|HTTPServer\s*\(|IOLoop\b|asyncio\.run\s*\(/.test(s.code);
  const script = tornadoFiles.find((s) => hasMainGuard(s) && starts(s)) ?? tornadoFiles.find(starts);
  if (!script) return null;
  const match = emptyMatch('tornado', evidence, 8888, 'no port found; Tornado apps conventionally listen on 8888');
  const option = portOption([script, ...ctx.sources.filter((s) => s !== script)]);
  const command = scriptCommand(ctx, script.file);
  match.start = { command: option ? `${command} --port=$PORT` : command, fact: { file: script.file, line: lineOf(script.code, /^if\s+__name__/) ?? 1, note: `${script.file} starts the Tornado server` } };
  if (option) {
    match.codePort = option;
    return match;
  }
  for (const call of findCalls(script, '[\\w.]*\\.listen')) {
    const port = portOfCall(script, call);
    if (port) {
      match.codePort = port;
      break;
    }
  }
  return match;
}

/** `define("port", default=8888, type=int)` (tornado.options), which makes `--port` a command-line flag. */
function portOption(sources: readonly PySource[]): FrameworkMatch['codePort'] {
  for (const source of sources) {
    for (const call of findCalls(source, '(?:tornado\\.)?(?:options\\.)?define')) {
      if (stringLiteral(positionalArgument(call.args, 0)) !== 'port') continue;
      const port = portFromExpression(keywordArgument(call.args, 'default') ?? positionalArgument(call.args, 1), source);
      return { value: port?.value ?? null, envVar: port?.envVar ?? null, host: null, fact: { file: call.file, line: call.line, note: call.note } };
    }
  }
  return null;
}
