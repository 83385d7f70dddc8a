/**
 * Pyramid: a module-level WSGI object (`app = config.make_wsgi_app()`, `app = loadapp("config:production.ini")`,
 * `application = get_app(…)`) served by the declared WSGI server. Without one, a PasteDeploy ini file
 * with `[app:main]` (production.ini first) is served by `gunicorn --paste` when gunicorn is declared,
 * else by `pserve` on the port its `[server:main]` section says (6543 in Pyramid's scaffolds). A script
 * that builds a Configurator and serves itself (`make_server(…)`) runs as it is.
 */
import { joinPath } from '../../../core/repo/repo-fs.js';
import { lineOf, parsePort } from '../../shared/text.js';
import { imports, locate } from '../source.js';
import { entryOrder, factOf, findAppAssignment, findRunCall } from './common.js';
import { selfRunMatch, servedAppMatch } from './app-match.js';
import { emptyMatch, type Fact, type FrameworkMatch, type PyContext } from './types.js';

export function detectPyramid(ctx: PyContext): FrameworkMatch | null {
  if (!ctx.deps.has('pyramid')) return null;
  const configurator = entryOrder(ctx.sources).find((s) => imports(s, 'pyramid') && /\bConfigurator\s*\(/.test(s.code));
  const evidence: Fact | null = configurator ? locate(configurator, /\bConfigurator\s*\(/.exec(configurator.code)?.index ?? 0) : null;
  const object = findAppAssignment(ctx, 'make_wsgi_app|loadapp|get_app', null);
  if (object && (imports(object.source, 'pyramid') || imports(object.source, 'paste') || imports(object.source, 'plaster'))) {
    return servedAppMatch(ctx, 'pyramid', 'Pyramid', { file: object.source.file, name: object.assignment.name, fact: factOf(object), asgi: false, factory: false });
  }
  const ini = pasteIni(ctx);
  if (ini) {
    const match = emptyMatch('pyramid', evidence ?? ini.fact, 6543, 'pserve: Pyramid scaffolds listen on 6543');
    if (ctx.servers.has('gunicorn')) {
      match.start = { command: `gunicorn --paste ${ini.local} --bind 0.0.0.0:$PORT`, fact: { ...ini.fact, note: `${ini.fact.note} (gunicorn --paste)` } };
    } else {
      match.start = { command: `pserve ${ini.local}`, fact: ini.fact };
      if (ini.port) match.codePort = ini.port;
    }
    return match;
  }
  const run = configurator ? findRunCall(ctx, 'make_server|(?:waitress\\.)?serve', null) : null;
  if (run && evidence) return selfRunMatch(ctx, 'pyramid', evidence, run, { port: 6543, host: '0.0.0.0', note: 'no port found; Pyramid apps conventionally listen on 6543' });
  return null;
}

interface PasteIni {
  local: string;
  fact: Fact;
  port: FrameworkMatch['codePort'];
}

/** production.ini (else another ini) with an `[app:main]` section, and the `[server:main]` address pserve listens on. */
function pasteIni(ctx: PyContext): PasteIni | null {
  const names = ctx.repo.list(ctx.dir).filter((n) => n.endsWith('.ini') && !/^(alembic|pytest|tox|setup|uwsgi)\.ini$/.test(n));
  const ordered = [...names.filter((n) => n === 'production.ini'), ...names.filter((n) => n !== 'production.ini' && !/dev|test/.test(n)), ...names.filter((n) => /dev/.test(n))];
  for (const local of ordered) {
    const file = joinPath(ctx.dir, local);
    const text = ctx.repo.readText(file);
    if (text === null || !/^\s*\[app:main\]/m.test(text)) continue;
    const fact = { file, line: lineOf(text, /^\s*\[app:main\]/), note: `${local} [app:main]` };
    const server = /^\s*\[server:main\]\s*$([\s\S]*?)(?=^\s*\[|(?![\s\S]))/m.exec(text)?.[1] ?? '';
    const listen = /^\s*listen\s*=\s*(\S*?):(\d+)\s*$/m.exec(server);
    const portLine = /^\s*port\s*=\s*(\d+)\s*$/m.exec(server);
    const hostLine = /^\s*host\s*=\s*(\S+)\s*$/m.exec(server);
    const value = parsePort(listen?.[2] ?? portLine?.[1]);
    const rawHost = listen?.[1] ?? hostLine?.[1] ?? null;
    const host = rawHost === '*' || rawHost === '' ? '0.0.0.0' : rawHost;
    const stated = listen?.[0] ?? portLine?.[0];
    const port = value === null ? null : { value, envVar: null, host, fact: { file, line: stated ? lineOf(text, stated.trim()) : undefined, note: stated?.trim() ?? '' } };
    return { local, fact, port };
  }
  return null;
}
