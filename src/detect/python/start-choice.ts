/**
 * Which command starts the service: a Procfile `web:` line, else the command of a committed container
 * recipe (what the team really runs, when it runs this project's code), else the framework's own. A
 * literal port in the chosen command's bind flags becomes `$PORT` (the Dockerfile sets it), keeping
 * the literal as the port; a recipe's EXPOSE is kept as a fallback port.
 */
import { joinPath } from '../../core/repo/repo-fs.js';
import { log } from '../../core/logger.js';
import type { ProcfileEntry, Procfile } from '../shared/procfile.js';
import { unwrapCommand, runsPython } from './commands.js';
import type { ContainerRecipe } from './container-recipe.js';
import { normalizeName } from './dependencies.js';
import type { Fact, FrameworkMatch, PyContext } from './frameworks/types.js';
import { moduleConstant, moduleFile, readSource, stringLiteral } from './source.js';

export interface StartChoice {
  command: string;
  fact: Fact;
  origin: 'procfile' | 'recipe' | 'framework';
  /** A literal port the original command bound (now `$PORT` in `command`). */
  statedPort: { value: number; fact: Fact } | null;
  /** The recipe's `ENV PORT=…`: the port of a command (or code) that reads $PORT. */
  envPort: { value: number; fact: Fact } | null;
  /** The recipe's EXPOSE: the port when nothing more specific says. */
  exposed: { value: number; fact: Fact } | null;
}

export function chooseStart(ctx: PyContext, web: ProcfileEntry | null, procfile: Procfile | null, recipe: ContainerRecipe | null, framework: FrameworkMatch | null): StartChoice | null {
  if (web && procfile) {
    return { command: web.command, fact: { file: procfile.file, line: web.line, note: `web: ${web.command}` }, origin: 'procfile', statedPort: null, envPort: null, exposed: null };
  }
  const fromRecipe = recipe ? recipeStart(ctx, recipe) : null;
  // A recipe that runs a dev server (`--reload`, runserver) does not beat the framework's production command.
  if (fromRecipe && !(framework?.start && isDevCommand(fromRecipe.command))) return fromRecipe;
  if (!framework?.start) return null;
  return { command: framework.start.command, fact: framework.start.fact, origin: 'framework', statedPort: null, envPort: null, exposed: null };
}

const WORKER_COMMANDS = /^(?:celery|rq|dramatiq|huey_consumer(?:\.py)?|arq|taskiq|faust)\b/;

/** The recipe's command as the plan's start, when it runs a web process of this project's own code. */
export function recipeStart(ctx: PyContext, recipe: ContainerRecipe): StartChoice | null {
  const original = recipe.command.trim();
  const unwrapped = unwrapCommand(original);
  // `/opt/venv/bin/gunicorn`, `/usr/local/bin/python`: the generated image puts its own on PATH.
  const binary = /^(\S*\/)?bin\/([\w.-]+)(?=\s|$)/.exec(unwrapped);
  const bare = binary ? unwrapped.slice((binary[1] ?? '').length + 4) : unwrapped;
  const first = /^(\S+)/.exec(bare)?.[1] ?? '';
  // PyPy images run `pypy3`; the generated image has CPython.
  const python = /^pypy3?$/.test(first) ? bare.replace(/^pypy3?/, 'python') : bare;
  const isPython = runsPython(python) || ctx.deps.has(normalizeName(first));
  if (!isPython || WORKER_COMMANDS.test(python)) return null;
  if (!targetsResolve(ctx, python, recipe.workdir)) {
    log.debug(`${recipe.file}: \`${original}\` names code that is not in the service (built or downloaded by the recipe); not used as the start command`);
    return null;
  }
  const fact: Fact = { file: recipe.file, line: recipe.line, note: recipe.note };
  const bound = bindPortToEnv(python);
  // Keep what wraps the server (`sh -c`, `VAR=… `, `python -m`), with the server part rewritten.
  const wrapped = original.includes(unwrapped) ? original.replace(unwrapped, () => bound.command) : bound.command;
  const command = (recipe.workdir ? `cd ${recipe.workdir} && ` : '') + wrapped;
  return {
    command,
    fact,
    origin: 'recipe',
    statedPort: bound.port === null ? null : { value: bound.port, fact: { ...fact, note: `${recipe.note} (port ${bound.port})` } },
    envPort: recipe.envPort ? { value: recipe.envPort.port, fact: { file: recipe.file, line: recipe.envPort.line, note: `ENV PORT=${recipe.envPort.port}` } } : null,
    exposed: recipe.expose ? { value: recipe.expose.port, fact: { file: recipe.file, line: recipe.expose.line, note: `EXPOSE ${recipe.expose.port}` } } : null,
  };
}

/** Whether a recipe command is a web server rather than a one-off script: it exposes or binds a port, or runs a server. */
export function recipeServes(choice: StartChoice): boolean {
  return choice.exposed !== null || choice.statedPort !== null || choice.envPort !== null || /\$\{?PORT\b/.test(choice.command)
    || /^(?:gunicorn|uvicorn|hypercorn|daphne|granian|uwsgi|waitress-serve)\b/.test(unwrapCommand(choice.command));
}

const DEV = /--reload\b|\brunserver\b|\bflask\s+(?:--app\s+\S+\s+)?run\b|(?:^|\s)--dev\b|\bdevelop\b|(?:^|\s)--debug\b/;

export function isDevCommand(command: string): boolean {
  return DEV.test(command);
}

const BIND = /((?:^|\s)(?:-b|--bind|--http|--http-socket|--listen|--socket)[=\s]+["']?[\w.*[\]-]*:)(\d{2,5})\b/g;
const PORT = /((?:^|\s)--port[=\s]+["']?)(\d{2,5})\b/g;

/** `--bind 0.0.0.0:8080` → `--bind 0.0.0.0:$PORT`, `--port=8080` → `--port=$PORT` (daphne's `-p 8080` too), keeping 8080. */
export function bindPortToEnv(command: string): { command: string; port: number | null } {
  let port: number | null = null;
  const take = (prefix: string, value: string): string => {
    port ??= Number(value);
    return `${prefix}$PORT`;
  };
  let out = command.replace(BIND, (_, prefix: string, value: string) => take(prefix, value)).replace(PORT, (_, prefix: string, value: string) => take(prefix, value));
  if (/^daphne\b/.test(out)) out = out.replace(/((?:^|\s)-p[=\s]+)(\d{2,5})\b/g, (_, prefix: string, value: string) => take(prefix, value));
  return { command: out, port };
}

/**
 * Whether the files and modules a command names exist in the service: `app.py`, `-c gunicorn_conf.py`,
 * `hello.wsgi:application` (also below `--chdir`, `--pythonpath` and a gunicorn config's `pythonpath`),
 * `-m app.server`. A recipe that runs code it downloads or generates at build time cannot be copied.
 */
function targetsResolve(ctx: PyContext, command: string, workdir: string): boolean {
  const { repo } = ctx;
  const root = joinPath(ctx.dir, workdir);
  const words = command.split(/\s+/).map((w) => w.replace(/^["']|["']$/g, ''));
  const bases = [root];
  for (let i = 0; i < words.length; i++) {
    const flag = /^(--chdir|--pythonpath|--app-dir|--working-dir)(?:=(.+))?$/.exec(words[i] ?? '');
    const value = flag ? (flag[2] ?? words[i + 1]) : undefined;
    if (value) bases.push(joinPath(root, value));
  }
  const config = /(?:^|\s)(?:-c|--config)[=\s]+(?:file:)?(\S+\.py)\b/.exec(command)?.[1];
  const configSource = config ? readSource(repo, joinPath(root, config)) : null;
  for (const key of ['pythonpath', 'chdir']) {
    const value = configSource ? stringLiteral(moduleConstant(configSource, key)?.expr) : null;
    if (value) for (const part of value.split(',')) bases.push(joinPath(root, part.trim()));
  }
  const fileExists = (path: string): boolean => bases.some((b) => repo.isFile(joinPath(b, path.replace(/^\.\//, ''))));
  const moduleExists = (module: string): boolean => bases.some((b) => moduleFile(repo, b, module) !== null);
  for (let i = 1; i < words.length; i++) {
    const word = words[i] ?? '';
    const value = (word.startsWith('-') ? /^[^=]+=(.*)$/.exec(word)?.[1] : word) ?? '';
    const previous = words[i - 1] ?? '';
    if (/^(?:-m)$/.test(previous)) {
      if (!moduleExists(value) && !ctx.deps.has(normalizeName(value.split('.')[0] ?? ''))) return false;
      continue;
    }
    if (/^(?:-w|--module|--wsgi)$/.test(previous) && /^[A-Za-z_][\w.]*$/.test(value)) {
      if (!moduleExists(value.split(':')[0] ?? value)) return false;
      continue;
    }
    const path = value.replace(/^(?:file|config):/, '');
    if (/^[\w./-]+\.(?:py|ini|toml|ya?ml|cfg)$/.test(path) && !path.startsWith('/')) {
      if (!fileExists(path)) return false;
      continue;
    }
    const target = /^(?:python:)?([A-Za-z_][\w.]*):[A-Za-z_][\w.]*(?:\(.*\))?$/.exec(value);
    if (target?.[1] && !/^(?:unix|fd|tcp|http|https)$/.test(target[1]) && !moduleExists(target[1])) return false;
  }
  return true;
}
