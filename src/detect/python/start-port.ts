/**
 * The start command (a Procfile web line wins over the framework's) and the port it listens on.
 * A literal port in the command wins; a command that reads `$PORT` listens on the port the code
 * asks for (`uvicorn.run(port=…)`, `app.run(port=…)`, a PORT default), else on its server's default.
 * Servers that bind 127.0.0.1 unless told otherwise (uvicorn, flask run, runserver) are flagged.
 */
import { joinPath } from '../../core/repo/repo-fs.js';
import type { ServicePlan } from '../../plan/schema.js';
import { addEvidence, addWarning } from '../../plan/service.js';
import { isLoopback } from '../shared/procfile.js';
import { parsePort } from '../shared/text.js';
import type { PythonAnalysis } from './analysis.js';
import { unwrapCommand } from './commands.js';
import type { Fact, PortFromCode } from './frameworks/types.js';
import { portFromRunCalls } from './frameworks/common.js';
import { readGunicornConfig, readHypercornConfig, readUwsgiConfig, type ServerConfig } from './servers.js';
import { moduleFile } from './source.js';
import type { PortHint } from './settings.js';
import type { StartChoice } from './start-choice.js';

type Server = 'gunicorn' | 'uvicorn' | 'hypercorn' | 'daphne' | 'uwsgi' | 'waitress' | 'granian' | 'fastapi' | 'flask' | 'streamlit' | 'runserver' | 'python';

/** Port and bind address a server uses when its command does not say. */
const DEFAULTS: Record<Server, { port: number | null; host: string | null }> = {
  gunicorn: { port: 8000, host: '127.0.0.1' },
  uvicorn: { port: 8000, host: '127.0.0.1' },
  hypercorn: { port: 8000, host: '127.0.0.1' },
  daphne: { port: 8000, host: '127.0.0.1' },
  granian: { port: 8000, host: '127.0.0.1' },
  uwsgi: { port: null, host: null },
  waitress: { port: 8080, host: '0.0.0.0' },
  fastapi: { port: 8000, host: '0.0.0.0' },
  flask: { port: 5000, host: '127.0.0.1' },
  streamlit: { port: 8501, host: null },
  runserver: { port: 8000, host: '127.0.0.1' },
  python: { port: null, host: null },
};

export function applyStartAndPort(service: ServicePlan, analysis: PythonAnalysis, hints: readonly PortHint[]): void {
  const { start } = analysis;
  if (!start) return;
  service.commands.start = start.command;
  addEvidence(service, 'start', start.fact.file, start.fact.note, start.fact.line);

  const command = unwrapCommand(start.command);
  const server = serverOf(command);
  const code = codePort(analysis, server, command);
  const config = configFor(analysis, command, server);
  const port = resolvePort(analysis, start, command, server, config, code, hints);
  service.port.value = port.value;
  service.port.envVar = port.envVar;
  service.port.bindAddress = port.host;
  const { portFact, envVar } = port;
  if (portFact && port.value !== null) {
    addEvidence(service, 'port', portFact.file, envVar && !portFact.note.includes(envVar) ? `${portFact.note} (reads $${envVar})` : portFact.note, portFact.line);
  }

  if (start.statedPort && start.statedPort.value < 1024) {
    addWarning(service, `${start.fact.file} binds port ${start.statedPort.value}; ports below 1024 need privileges a non-root container may not have (Kubernetes), so consider 8080.`);
  }
  if (config?.workerClass === 'uwsgi-protocol') {
    addWarning(service, `${config.repoPath} uses \`socket\` (the uwsgi protocol, not HTTP): health checks and browsers cannot reach it; use \`http-socket\` or put a web server in front.`);
  }
  if (isLoopback(port.host)) {
    const where = port.hostFact ? `${port.hostFact.file}${port.hostFact.line ? `:${port.hostFact.line}` : ''}` : `the start command (${server} binds ${port.host} by default)`;
    addWarning(service, `The server binds ${port.host} (${where}), which is unreachable from outside the container; bind 0.0.0.0.`);
  } else if (server !== 'python' && code?.host && isLoopback(code.host)) {
    addWarning(service, `${code.fact.file}:${code.fact.line ?? 1} binds ${code.host} when run directly; the start command binds ${port.host ?? '0.0.0.0'} instead.`);
  }
}

interface ResolvedPort {
  value: number | null;
  envVar: string | null;
  host: string | null;
  portFact: Fact | null;
  hostFact: Fact | null;
}

/** Command flags, then the server's config file, then what the code asks for, then the server's default. */
function resolvePort(
  analysis: PythonAnalysis, start: StartChoice, command: string, server: Server | null, config: ServerConfig | null, code: PortFromCode | null, hints: readonly PortHint[],
): ResolvedPort {
  const startFact = start.fact;
  const explicit = commandPort(command, server);
  const out: ResolvedPort = {
    value: explicit.port,
    envVar: explicit.usesPortEnv ? 'PORT' : null,
    host: explicit.host,
    portFact: explicit.port !== null ? startFact : null,
    hostFact: explicit.host !== null ? startFact : null,
  };
  // The recipe's command bound a literal port, now `$PORT`: that literal is the port.
  if (start.statedPort) Object.assign(out, { value: start.statedPort.value, envVar: 'PORT', portFact: start.statedPort.fact });
  if (config && explicit.port === null && !explicit.usesPortEnv && !explicit.hasBind) {
    const configFact = { file: config.repoPath, line: config.line, note: config.note };
    if (config.port !== null || config.envVar !== null) Object.assign(out, { value: config.port, envVar: config.envVar, portFact: configFact });
    if (config.host !== null) Object.assign(out, { host: config.host, hostFact: configFact });
  }
  // gunicorn binds 0.0.0.0:$PORT by itself when PORT is set and nothing else says where to bind.
  if (server === 'gunicorn' && !explicit.hasBind && out.portFact === null && out.hostFact === null) Object.assign(out, { envVar: 'PORT', host: '0.0.0.0' });

  // A script, or a framework CLI devsquad has no defaults for (pserve, emmett): the code says where it listens.
  const runsCode = server === 'python' || server === null;
  // The recipe sets PORT for a command or code that reads it.
  if (out.value === null && start.envPort && (out.envVar === 'PORT' || (runsCode && code?.envVar === 'PORT'))) {
    Object.assign(out, { value: start.envPort.value, envVar: 'PORT', portFact: start.envPort.fact });
  }
  if (out.value === null && (out.envVar !== null || runsCode)) {
    const hint = hints.find((h) => h.value !== null && (h.envVar === (out.envVar ?? code?.envVar) || (runsCode && h.envVar === 'PORT')));
    if (code?.value) Object.assign(out, { value: code.value, portFact: code.fact });
    else if (hint) Object.assign(out, { value: hint.value, portFact: hint.fact });
  }
  if (runsCode && code) {
    out.envVar ??= code.envVar;
    if (out.host === null && code.host) Object.assign(out, { host: code.host, hostFact: code.fact });
  }
  if (out.value === null && start.exposed) Object.assign(out, { value: start.exposed.value, portFact: start.exposed.fact });
  if (out.value === null) {
    const fallback = server ? DEFAULTS[server].port : null;
    const { framework } = analysis;
    out.value = fallback ?? framework?.defaultPort ?? null;
    const note = fallback !== null ? `${server} listens on ${out.value} by default` : (framework?.defaultPortNote ?? '');
    if (out.value !== null) out.portFact = { file: startFact.file, line: startFact.line, note };
  }
  if (out.host === null && server && !(server === 'gunicorn' && out.envVar === 'PORT')) out.host = DEFAULTS[server].host;
  return out;
}

function serverOf(command: string): Server | null {
  if (/^python[\d.]*\s+(?:\S*\/)?manage\.py\s+runserver\b/.test(command)) return 'runserver';
  if (/^python[\d.]*\s/.test(command)) return 'python';
  const first = /^(\S+)/.exec(command)?.[1] ?? '';
  if (first === 'waitress-serve') return 'waitress';
  if (first === 'fastapi' && /\brun\b/.test(command)) return 'fastapi';
  if (first === 'flask' && /\brun\b/.test(command)) return 'flask';
  if (first === 'streamlit') return 'streamlit';
  return (['gunicorn', 'uvicorn', 'hypercorn', 'daphne', 'uwsgi', 'granian'] as const).find((s) => s === first) ?? null;
}

interface CommandPort {
  port: number | null;
  usesPortEnv: boolean;
  host: string | null;
  /** The command says where to bind (so a config file's bind does not apply). */
  hasBind: boolean;
}

const PORT_VALUE = '(\\$\\{?PORT\\}?|\\$\\(PORT\\)|\\d{2,5})';

/** Port and host flags of a server command line. */
function commandPort(command: string, server: Server | null): CommandPort {
  const out: CommandPort = { port: null, usesPortEnv: /\$\{?PORT\b|\$\(PORT\)/.test(command), host: null, hasBind: false };
  const take = (re: RegExp): RegExpExecArray | null => re.exec(command);
  const hostPort = server === 'runserver'
    ? take(new RegExp(`runserver\\s+(?:([\\w.\\[\\]:]+):)?${PORT_VALUE}\\b`))
    : take(new RegExp(`(?:^|\\s)(?:-b|--bind|--http|--http-socket|--listen|--socket)[=\\s]+["']?([\\w.\\[\\]-]*):${PORT_VALUE}`));
  if (hostPort) {
    out.hasBind = true;
    out.host = hostPort[1] || (server === 'runserver' ? '127.0.0.1' : '0.0.0.0');
    out.port = parsePort(hostPort[2]);
  }
  const portFlag = take(new RegExp(`(?:^|\\s)(?:--port|-p|--server\\.port)[=\\s]+["']?${PORT_VALUE}`));
  if (portFlag) {
    out.hasBind = true;
    out.port ??= parsePort(portFlag[1]);
  }
  const hostFlag = take(/(?:^|\s)(?:--host|-h|-H|--server\.address|--interface-address)[=\s]+["']?([\w.:[\]-]+)/) ?? (server === 'daphne' ? take(/(?:^|\s)(?:-b|--bind)[=\s]+([\w.:[\]-]+)(?:\s|$)/) : null);
  if (hostFlag?.[1]) {
    out.hasBind = true;
    out.host = hostFlag[1];
  }
  return out;
}

/** The gunicorn / uwsgi config file the command uses (gunicorn also reads ./gunicorn.conf.py by itself). */
function configFor(analysis: PythonAnalysis, command: string, server: Server | null): ServerConfig | null {
  const { repo, dir } = analysis.context;
  if (server === 'gunicorn') {
    const named = /(?:^|\s)(?:-c|--config)[=\s]+(\S+)/.exec(command)?.[1];
    if (named) return readGunicornConfig(repo, dir, named);
    return repo.isFile(dir === '' ? 'gunicorn.conf.py' : `${dir}/gunicorn.conf.py`) ? readGunicornConfig(repo, dir, 'gunicorn.conf.py') : null;
  }
  if (server === 'uwsgi') {
    const ini = /(?:--ini[=\s]+|^uwsgi\s+(?:--\S+\s+)*)(\S+\.ini)\b/.exec(command)?.[1];
    return ini ? readUwsgiConfig(repo, dir, ini) : null;
  }
  if (server === 'hypercorn') {
    const named = /(?:^|\s)(?:-c|--config)[=\s]+(\S+)/.exec(command)?.[1];
    return named ? readHypercornConfig(repo, dir, named) : null;
  }
  return null;
}

/** The port the app's own code sets: from the framework, or `.run(port=…)` calls in the file a `python x.py` command runs. */
function codePort(analysis: PythonAnalysis, server: Server | null, command: string): PortFromCode | null {
  if (server === 'python') {
    const file = scriptFile(analysis, command);
    const ctx = analysis.context;
    if (file) {
      const own = portFromRunCalls({ ...ctx, sources: ctx.sources.filter((s) => s.file === file) }, SERVE_CALLS);
      if (own) return own;
    }
  }
  return analysis.framework?.codePort ?? null;
}

/** Calls that start a server from a script: `app.run(…)`, `web.run_app(…)`, `app.listen(3000)`, `make_server(host, port, app)`. */
const SERVE_CALLS = '[\\w.]*\\.run|run_app|web\\.run_app|\\w+\\.launch|(?:app|application|server|http_server)\\.(?:listen|start)|make_server|(?:waitress\\.)?serve';

/** The file `python [-O -u …] path.py` or `python -m pkg.mod` runs, repo-relative. */
function scriptFile(analysis: PythonAnalysis, command: string): string | null {
  const { repo, dir } = analysis.context;
  const m = /^python[\d.]*\s+(?:-[A-Za-z]+\s+)*(?:-m\s+([\w.]+)|(\S+\.py))\b/.exec(command);
  if (m?.[2]) return joinPath(dir, m[2].replace(/^\.\//, ''));
  if (m?.[1]) return moduleFile(repo, dir, m[1]) ?? moduleFile(repo, dir, `${m[1]}.__main__`);
  return null;
}
