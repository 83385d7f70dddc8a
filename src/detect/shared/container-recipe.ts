/**
 * A service's committed container recipe (`Dockerfile`, `Containerfile`, `Dockerfile.prod`,
 * `api.dockerfile`) read as evidence: the final stage's ENV, CMD/ENTRYPOINT and EXPOSE. Its start
 * command and the port flags it passes (`-p 8080`, `--port=8080`, `-Dserver.port=8080`,
 * `--urls http://*:8080`, `-b tcp://0.0.0.0:8080`) say how the authors really run the app, and an
 * `ENV PORT=8080` says which value the port variable the code reads has in production.
 * Recipes devsquad wrote itself are never evidence.
 */
import { isDevsquadGenerated } from '../../core/generated.js';
import type { RepoFs } from '../../core/repo/repo-fs.js';
import { joinPath } from '../../core/repo/repo-fs.js';
import type { ServicePlan } from '../../plan/schema.js';
import { addEvidence } from '../../plan/service.js';
import { parsePort } from './text.js';

export interface RecipeValue {
  value: string;
  line: number;
}

export interface ContainerRecipe {
  file: string;
  /** ENV of the final stage (later assignments win). */
  env: Map<string, RecipeValue>;
  /** ENTRYPOINT and CMD of the final stage joined into one shell-like line, when there is one. */
  command: RecipeValue | null;
  expose: number[];
}

export interface RecipePort {
  port: number;
  bindAddress: string | null;
  file: string;
  line: number;
  note: string;
}

const EXACT = ['Dockerfile', 'dockerfile', 'Containerfile'];
const VARIANT = /^(Dockerfile|Containerfile)\.[\w.-]+$|\.(dockerfile|Dockerfile|containerfile)$/;

/**
 * The recipe in `dir`: `Dockerfile` first, else a variant, preferring one named after the service
 * (`api.dockerfile`, `Dockerfile.api`), then a production one; development recipes come last.
 */
export function findContainerRecipe(repo: RepoFs, dir: string, names: readonly string[] = []): string | null {
  const files = repo.list(dir).filter((n) => repo.isFile(joinPath(dir, n)));
  const wanted = names.map((n) => n.toLowerCase()).filter((n) => n !== '');
  const candidates = [...EXACT.filter((n) => files.includes(n)), ...files.filter((n) => VARIANT.test(n) && !/\.dockerignore$/.test(n)).sort((a, b) => rank(a, wanted) - rank(b, wanted) || a.localeCompare(b))];
  for (const name of candidates) {
    const text = repo.readText(joinPath(dir, name));
    if (text !== null && !isDevsquadGenerated(text)) return joinPath(dir, name);
  }
  return null;
}

function rank(name: string, wanted: readonly string[]): number {
  const lower = name.toLowerCase();
  const stem = lower.replace(/\.(dockerfile|containerfile)$/, '').replace(/^(dockerfile|containerfile)\./, '');
  if (wanted.includes(stem)) return 0;
  if (/prod/.test(lower)) return 1;
  if (/dev|test|local|debug|ci\b/.test(lower)) return 3;
  return 2;
}

const cache = new WeakMap<RepoFs, Map<string, ContainerRecipe | null>>();

export interface RecipeSearch {
  /**
   * Also look in parent directories (nearest first), accepting a recipe there only when its text
   * names the service (`Api.dll`, `Api.csproj`, `COPY src/Api …`): .NET solutions keep one
   * Dockerfile beside the .sln for a project in a sub-folder.
   */
  ancestorsMentioning?: readonly string[];
}

/** The service's recipe, parsed once per repository; null when there is none. */
export function serviceRecipe(repo: RepoFs, dir: string, names: readonly string[] = [], search: RecipeSearch = {}): ContainerRecipe | null {
  const file = findContainerRecipe(repo, dir, names) ?? ancestorRecipe(repo, dir, names, search.ancestorsMentioning ?? []);
  if (file === null) return null;
  let perRepo = cache.get(repo);
  if (!perRepo) cache.set(repo, (perRepo = new Map()));
  if (!perRepo.has(file)) perRepo.set(file, parseRecipe(file, repo.readText(file) ?? ''));
  return perRepo.get(file) ?? null;
}

function ancestorRecipe(repo: RepoFs, dir: string, names: readonly string[], mentions: readonly string[]): string | null {
  const wanted = mentions.filter((m) => m.length >= 3);
  if (dir === '' || wanted.length === 0) return null;
  const parts = dir.split('/');
  for (let i = parts.length - 1; i >= 0; i--) {
    const at = parts.slice(0, i).join('/');
    const rel = parts.slice(i).join('/');
    const files = repo.list(at).filter((n) => (EXACT.includes(n) || (VARIANT.test(n) && !/\.dockerignore$/.test(n))) && repo.isFile(joinPath(at, n)));
    const ranked = files.sort((a, b) => Number(!EXACT.includes(a)) - Number(!EXACT.includes(b)) || rank(a, [...names, parts[i - 1] ?? '']) - rank(b, [...names, parts[i - 1] ?? '']) || a.localeCompare(b));
    for (const name of ranked) {
      const text = repo.readText(joinPath(at, name));
      if (text === null || isDevsquadGenerated(text)) continue;
      const copiesDir = new RegExp(`^\\s*(?:COPY|ADD)\\b[^\\n]*(?:\\s|["'/])\\.?/?${escapeRe(rel)}(?:/|\\s|["']|$)`, 'm').test(text);
      if (copiesDir || wanted.some((m) => text.includes(m))) return joinPath(at, name);
    }
  }
  return null;
}

function escapeRe(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Instructions of the final stage with their first line; continuation lines are joined. */
function instructions(text: string): Array<{ op: string; args: string; line: number }> {
  const out: Array<{ op: string; args: string; line: number }> = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const start = i;
    let line = lines[i] ?? '';
    if (/^\s*#/.test(line) || line.trim() === '') continue;
    while (/\\\s*$/.test(line) && i + 1 < lines.length) {
      const next = lines[++i] ?? '';
      if (/^\s*#/.test(next)) continue;
      line = line.replace(/\\\s*$/, ' ') + next.trim();
    }
    const m = /^\s*([A-Za-z]+)\s+([\s\S]*)$/.exec(line);
    if (!m) continue;
    const op = (m[1] ?? '').toUpperCase();
    if (op === 'FROM') out.length = 0;
    out.push({ op, args: (m[2] ?? '').trim(), line: start + 1 });
  }
  return out;
}

export function parseRecipe(file: string, text: string): ContainerRecipe {
  const env = new Map<string, RecipeValue>();
  let entrypoint: RecipeValue | null = null;
  let cmd: RecipeValue | null = null;
  const expose: number[] = [];
  for (const { op, args, line } of instructions(text)) {
    if (op === 'ENV') {
      for (const [name, value] of envPairs(args)) env.set(name, { value, line });
    } else if (op === 'CMD') {
      cmd = { value: commandText(args), line };
    } else if (op === 'ENTRYPOINT') {
      entrypoint = { value: commandText(args), line };
      cmd = null; // ENTRYPOINT resets a CMD inherited or set before it
    } else if (op === 'EXPOSE') {
      for (const p of args.split(/\s+/)) {
        const port = parsePort(p.replace(/\/(tcp|udp)$/, ''));
        if (port !== null) expose.push(port);
      }
    }
  }
  const command = entrypoint && cmd ? { value: `${entrypoint.value} ${cmd.value}`, line: entrypoint.line } : (cmd ?? entrypoint);
  return { file, env, command, expose };
}

/** `ENV A=1 B="x y"` and the legacy `ENV A value with spaces`. */
function envPairs(args: string): Array<[string, string]> {
  const legacy = /^([A-Za-z_][A-Za-z0-9_]*)\s+(.*)$/.exec(args);
  if (legacy) return [[legacy[1] ?? '', unquote((legacy[2] ?? '').trim())]];
  const out: Array<[string, string]> = [];
  for (const m of args.matchAll(/([A-Za-z_][A-Za-z0-9_]*)=("(?:[^"\\]|\\.)*"|'[^']*'|\S*)/g)) out.push([m[1] ?? '', unquote(m[2] ?? '')]);
  return out;
}

function unquote(value: string): string {
  return /^(["']).*\1$/.test(value) ? value.slice(1, -1) : value;
}

/** Exec form (`["java", "-jar", "app.jar"]`) becomes a plain command line; shell form stays as written. */
function commandText(args: string): string {
  if (args.startsWith('[')) {
    try {
      const parts: unknown = JSON.parse(args);
      if (Array.isArray(parts) && parts.every((p) => typeof p === 'string')) return parts.join(' ');
    } catch {
      // not JSON: Docker runs it with a shell
    }
  }
  return args;
}

/**
 * The command the container really runs: `sh -c "…"` unwrapped, `export X=…;`, `cd …`, `exec` and
 * other steps before the last `&&` dropped, leading `VAR=value` assignments removed.
 */
export function mainCommand(command: string): string {
  let c = command.trim();
  const shell = /^(?:\/bin\/)?(?:ba)?sh\s+-c\s+(["'])([\s\S]*)\1\s*$/.exec(c);
  if (shell) c = shell[2] ?? c;
  const steps = c.split(/\s*(?:&&|;)\s*/).filter((s) => s.trim() !== '');
  c = steps[steps.length - 1] ?? c;
  c = c.replace(/^exec\s+/, '');
  while (/^[A-Za-z_][A-Za-z0-9_]*=("[^"]*"|'[^']*'|\$\([^)]*\)+|\S*)\s+/.test(c)) c = c.replace(/^[A-Za-z_][A-Za-z0-9_]*=("[^"]*"|'[^']*'|\$\([^)]*\)+|\S*)\s+/, '');
  return c.trim();
}

/** Ports of services an app talks to, never the one it serves on. */
const BACKING_FLAG = /(db|database|sql|postgres|pg|mysql|redis|mongo|amqp|rabbit|kafka|smtp|mail|metrics|admin|debug|management|jmx|grpc-gateway)/i;

/**
 * The port a server command line binds: `-p 8080`, `--port=8080`, `--http-port 8080`,
 * `-Dserver.port=8080` (JVM system properties), `-b tcp://0.0.0.0:8080`, `--bind 0.0.0.0:8080`,
 * `--urls http://*:8080`, `-l 0.0.0.0:8080`, and inline `PORT=8080` / `ASPNETCORE_URLS=…`.
 */
export function commandPort(command: string): { port: number; bindAddress: string | null } | null {
  const bind = /(?:^|\s)(?:--bind|-b|--listen|-l|--urls?|--address|--addr|--http|--server\.urls)(?:[=\s]+)["']?(?:[a-z+]+:\/\/)?(\[[^\]]*\]|[\w.*+-]*):(\d{2,5})\b/.exec(command);
  if (bind) {
    const port = parsePort(bind[2]);
    if (port !== null) return { port, bindAddress: normalHost(bind[1] ?? '') };
  }
  const urls = /\b(?:ASPNETCORE_URLS|URLS|ASPNETCORE_HTTP_PORTS|HTTP_PORTS)=["']?(?:[a-z]+:\/\/([^:;\s"']*):)?(\d{2,5})\b/.exec(command);
  if (urls) {
    const port = parsePort(urls[2]);
    if (port !== null) return { port, bindAddress: urls[1] === undefined ? null : normalHost(urls[1]) };
  }
  for (const m of command.matchAll(/(?:^|\s)(?:-D|--)([\w.-]*port)[=\s]+["']?(\d{2,5})\b/gi)) {
    if (BACKING_FLAG.test(m[1] ?? '')) continue;
    const port = parsePort(m[2]);
    if (port !== null) return { port, bindAddress: null };
  }
  const short = /(?:^|\s)-p[=\s]*(\d{2,5})(?=\s|$)/.exec(command);
  if (short) {
    const port = parsePort(short[1]);
    if (port !== null) return { port, bindAddress: null };
  }
  const inline = /(?:^|\s)(?:export\s+)?PORT=["']?(\d{2,5})\b/.exec(command);
  if (inline) {
    const port = parsePort(inline[1]);
    if (port !== null) return { port, bindAddress: null };
  }
  return null;
}

function normalHost(host: string): string | null {
  if (host === '' || host === '*' || host === '+' || host === '[::]' || host === '::') return host === '' ? null : '0.0.0.0';
  return host.replace(/^\[|\]$/g, '');
}

/** The port the recipe's CMD / ENTRYPOINT passes to the server. */
export function recipeCommandPort(recipe: ContainerRecipe | null): RecipePort | null {
  if (!recipe?.command) return null;
  const found = commandPort(recipe.command.value);
  if (!found) return null;
  return { ...found, file: recipe.file, line: recipe.command.line, note: `${shorten(recipe.command.value)} (start command of the existing container recipe)` };
}

/** `ENV PORT=8080` (or the given variable) in the recipe: the value the app reads in its container. */
export function recipeEnvPort(recipe: ContainerRecipe | null, envVar: string | null): RecipePort | null {
  if (!recipe || envVar === null) return null;
  const entry = recipe.env.get(envVar);
  if (!entry) return null;
  const url = /^(?:[a-z]+:\/\/([^:;\s]*):)?(\d{2,5})(?:[/;,\s]|$)/.exec(entry.value);
  const port = url ? parsePort(url[2]) : null;
  if (port === null) return null;
  return { port, bindAddress: url?.[1] === undefined ? null : normalHost(url[1]), file: recipe.file, line: entry.line, note: `ENV ${envVar}=${entry.value} in the existing container recipe` };
}

function shorten(text: string): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length > 100 ? `${t.slice(0, 97)}...` : t;
}

/**
 * Port facts from the service's own recipe, for a server. `ENV <the port variable the code reads>`
 * sets the value production sees, so it replaces the code's default. The CMD / ENTRYPOINT port
 * flags only fill a port the code did not name: devsquad's start command does not pass them on.
 * Returns true when the port changed.
 */
export function applyRecipePort(service: ServicePlan, recipe: ContainerRecipe | null, options: { command?: boolean } = {}): boolean {
  if (!recipe || service.kind !== 'server') return false;
  const env = recipeEnvPort(recipe, service.port.envVar);
  const found = env ?? (service.port.value === null && options.command !== false ? recipeCommandPort(recipe) : null);
  if (!found || found.port === service.port.value) return false;
  service.port.value = found.port;
  if (found.bindAddress !== null && service.port.bindAddress === null) service.port.bindAddress = found.bindAddress;
  addEvidence(service, 'port', found.file, found.note, found.line);
  return true;
}
