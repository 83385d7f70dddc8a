/**
 * Building blocks every Dockerfile recipe shares (stacks/*.ts). Recipes assemble a list of blocks
 * (strings, nested arrays, and null/false for "not this time") and call renderDockerfile() last, so
 * spacing, the syntax directive and the final newline are the same for every stack.
 *
 * The API here is stable: recipes written by different people import it. Add, do not change.
 */
import type { ServicePlan } from '../../plan/schema.js';
import type { DockerfileInputs } from './generate.js';

/** The BuildKit frontend directive. It must be the first line of the file (before any comment). */
export const SYNTAX_DIRECTIVE = '# syntax=docker/dockerfile:1';

/** A piece of a Dockerfile: a line, nested pieces, or null/false/undefined to skip (for `cond && line`). */
export type Block = string | null | undefined | false | readonly Block[];

/**
 * Flattens blocks into the Dockerfile text: syntax directive first, at most one blank line in a row,
 * no trailing blanks, one final newline. A block that is the empty string '' is a blank line.
 */
export function renderDockerfile(blocks: readonly Block[]): string {
  const out: string[] = [SYNTAX_DIRECTIVE];
  const walk = (block: Block): void => {
    if (block === null || block === undefined || block === false) return;
    if (typeof block === 'string') {
      for (const line of block.split('\n')) {
        if (line === '' && out[out.length - 1] === '') continue;
        out.push(line);
      }
      return;
    }
    for (const inner of block) walk(inner);
  };
  for (const block of blocks) walk(block);
  while (out[out.length - 1] === '') out.pop();
  return out.join('\n') + '\n';
}

/** `# text` comment lines, wrapped at ~100 columns. Takes one string or several paragraphs. */
export function comment(...paragraphs: string[]): string[] {
  const lines: string[] = [];
  for (const paragraph of paragraphs) {
    let current = '#';
    for (const word of paragraph.split(/\s+/).filter((w) => w !== '')) {
      if (current.length + 1 + word.length > 100 && current !== '#') {
        lines.push(current);
        current = '#';
      }
      current += ` ${word}`;
    }
    lines.push(current);
  }
  return lines;
}

/**
 * A stage: a blank line, optional comment lines, then `FROM <image> AS <name>` and the body.
 * `image` should already have gone through imageRef() so the registry mirror applies.
 */
export function stage(image: string, name: string, body: readonly Block[], note?: string): Block[] {
  return ['', note ? comment(note) : null, `FROM ${image} AS ${name}`, ...body];
}

/** `ARG NAME=value` for a version resolved from the plan (declare it before the first FROM). */
export function versionArg(name: string, version: string): string {
  return `ARG ${name}=${version}`;
}

/**
 * Applies the optional registry mirror to an image reference. The mirror is for Docker Hub only:
 * images on another registry (ghcr.io, mcr.microsoft.com, gcr.io, …) stay as they are, and official
 * images get their implicit `library/` namespace (node:22 → <mirror>/library/node:22), which is what
 * pull-through caches (Harbor, Artifactory, Nexus, mirror.gcr.io) expect.
 */
export function imageRef(image: string, mirror: string | undefined): string {
  if (!mirror) return image;
  const firstPart = image.split('/')[0] ?? '';
  const hasRegistry = image.includes('/') && (firstPart.includes('.') || firstPart.includes(':') || firstPart === 'localhost');
  if (hasRegistry) return image;
  const prefix = mirror.endsWith('/') ? mirror : `${mirror}/`;
  return `${prefix}${image.includes('/') ? image : `library/${image}`}`;
}

/** JSON exec-form array: `["node", "server.js"]`. */
export function execForm(argv: readonly string[]): string {
  return `[${argv.map((a) => JSON.stringify(a)).join(', ')}]`;
}

/** Options of a BuildKit cache mount. */
export interface CacheMountOptions {
  /** Cache id; defaults to the target path. Set it when two stages share one cache. */
  id?: string;
  /** `locked` for package managers that cannot share a cache between parallel builds (apt). */
  sharing?: 'shared' | 'private' | 'locked';
  /** Owner of the cache dir when the command runs as a non-root user. */
  uid?: number;
  gid?: number;
}

/** `--mount=type=cache,target=…` for package-manager caches (kept out of the image, reused between builds). */
export function cacheMount(target: string, options: CacheMountOptions = {}): string {
  let mount = `--mount=type=cache,target=${target}`;
  if (options.id) mount += `,id=${options.id}`;
  if (options.sharing) mount += `,sharing=${options.sharing}`;
  if (options.uid !== undefined) mount += `,uid=${options.uid}`;
  if (options.gid !== undefined) mount += `,gid=${options.gid}`;
  return mount;
}

/**
 * `--mount=type=secret,id=…,target=…`: a build secret visible only to this RUN and never stored in
 * a layer, unlike ARG/ENV. Not required by default, so builds without the secret still work
 * (`docker build --secret id=npmrc,src=$HOME/.npmrc .` supplies it).
 */
export function secretMount(id: string, target: string, options: { required?: boolean } = {}): string {
  return `--mount=type=secret,id=${id},target=${target}${options.required ? ',required=true' : ''}`;
}

/** `--mount=type=bind,source=…,target=…`: a file from the context visible to one RUN, not copied into a layer. */
export function bindMount(source: string, target: string = source): string {
  return `--mount=type=bind,source=${source},target=${target}`;
}

/**
 * A RUN instruction. Mounts come first, one per line; several commands are chained with `&&` on
 * continuation lines so a failure stops the build.
 */
export function run(commands: string | readonly string[], options: { mounts?: readonly string[] } = {}): string {
  const list = typeof commands === 'string' ? [commands] : [...commands];
  const mounts = options.mounts ?? [];
  const body = list.join(' \\\n    && ');
  if (mounts.length === 0) return `RUN ${body}`;
  return `RUN ${mounts.join(' \\\n    ')} \\\n    ${body}`;
}

/** Base image families that decide how packages are installed and users are created. */
export type OsFamily = 'alpine' | 'debian';

/**
 * Installs OS packages with the hygiene validators check: apk `--no-cache`; apt `update` in the same
 * layer, `--no-install-recommends`, and the lists removed so no package cache is left in the image.
 */
export function installPackages(os: OsFamily, packages: readonly string[]): string | null {
  if (packages.length === 0) return null;
  const sorted = [...new Set(packages)].sort();
  if (os === 'alpine') return run(`apk add --no-cache ${sorted.join(' ')}`);
  return run([
    'apt-get update',
    `apt-get install -y --no-install-recommends ${sorted.join(' ')}`,
    'rm -rf /var/lib/apt/lists/*',
  ]);
}

/**
 * Creates the unprivileged user the final stage runs as, with a fixed uid/gid so volume ownership
 * and Kubernetes `runAsUser` are predictable. No home directory and no login shell: the app needs
 * neither; writable directories are created explicitly by the recipe.
 */
export function createUser(os: OsFamily, user: DockerfileInputs['nonRootUser']): string {
  const { name, uid } = user;
  if (os === 'alpine') {
    return run(`addgroup -S -g ${uid} ${name} && adduser -S -D -H -u ${uid} -G ${name} -h /nonexistent -s /sbin/nologin ${name}`);
  }
  return run(`groupadd --system --gid ${uid} ${name} && useradd --system --uid ${uid} --gid ${uid} --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin ${name}`);
}

/** `USER uid:gid`, numeric so Kubernetes `runAsNonRoot` can verify it without reading /etc/passwd. */
export function userLine(uid: number, gid: number = uid): string {
  return `USER ${uid}:${gid}`;
}

/**
 * Creates directories the app must write to (caches, uploads, tmp) owned by the runtime user,
 * while everything else stays root-owned and read-only for the app.
 */
export function writableDirs(dirs: readonly string[], uid: number, gid: number = uid): string | null {
  if (dirs.length === 0) return null;
  const list = [...new Set(dirs)].join(' ');
  return run(`mkdir -p ${list} && chown -R ${uid}:${gid} ${list}`);
}

/** True for services that do not listen (no EXPOSE, no HTTP healthcheck). */
export function isWorker(service: ServicePlan): boolean {
  return service.kind === 'worker';
}

/** The port the container listens on, or null for workers and services with no known port. */
export function servicePort(service: ServicePlan, fallback: number | null = null): number | null {
  if (isWorker(service)) return null;
  return service.port.value ?? fallback;
}

/** Names of env vars that carry the port: the plan's port.envVar, and PORT when the start command says $PORT. */
export function portEnvNames(service: ServicePlan): string[] {
  const names = new Set<string>();
  names.add(service.port.envVar ?? 'PORT');
  if (service.commands.start && /\$\{?PORT\b/.test(service.commands.start)) names.add('PORT');
  return [...names].sort();
}

/**
 * `ENV PORT=3000` (or the plan's port env var) so `$PORT` is honoured with the plan's default and
 * can be overridden at `docker run -e PORT=…`. Null for workers and unknown ports.
 */
export function portEnv(service: ServicePlan, port: number | null = servicePort(service)): string | null {
  if (port === null) return null;
  return `ENV ${portEnvNames(service).map((n) => `${n}=${port}`).join(' ')}`;
}

/** `EXPOSE <port>` for servers; null for workers and unknown ports. */
export function expose(port: number | null): string | null {
  return port === null ? null : `EXPOSE ${port}`;
}

/** OCI labels that identify the image; no dates or commits, so the output stays reproducible. */
export function labels(service: ServicePlan): string {
  return `LABEL org.opencontainers.image.title=${JSON.stringify(service.name)}`;
}

/** Tools that can run an HTTP probe inside a runtime image without installing anything. */
export type ProbeTool = 'node' | 'bun' | 'deno' | 'python' | 'ruby' | 'php' | 'wget' | 'curl';

/**
 * The argv of a command that exits 0 when GET http://127.0.0.1:<port><path> answers 2xx/3xx and 1
 * otherwise. It reads the port env var at run time (so `-e PORT=…` keeps the probe right) and falls
 * back to the plan's port. 127.0.0.1 rather than localhost: localhost may resolve to ::1 while the
 * app listens on IPv4 only. `binary` overrides the interpreter path (distroless: /nodejs/bin/node).
 */
export function httpProbe(tool: ProbeTool, port: number, path: string, options: { envVar?: string; binary?: string } = {}): string[] {
  const envVar = options.envVar ?? 'PORT';
  const urlPath = path.startsWith('/') ? path : `/${path}`;
  switch (tool) {
    case 'node':
    case 'bun':
      return [options.binary ?? tool, '-e', `fetch('http://127.0.0.1:'+(process.env.${envVar}||${port})+'${jsString(urlPath)}').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))`];
    case 'deno':
      return [options.binary ?? 'deno', 'eval', `const r=await fetch('http://127.0.0.1:'+(Deno.env.get('${envVar}')??'${port}')+'${jsString(urlPath)}').catch(()=>null);Deno.exit(r?.ok?0:1)`];
    case 'python':
      return [options.binary ?? 'python', '-c', `import os,sys,urllib.request;urllib.request.urlopen('http://127.0.0.1:'+os.environ.get('${envVar}','${port}')+'${jsString(urlPath)}',timeout=4);sys.exit(0)`];
    case 'ruby':
      return [options.binary ?? 'ruby', '-rnet/http', '-e', `exit Net::HTTP.get_response(URI("http://127.0.0.1:#{ENV.fetch('${envVar}','${port}')}${rubyString(urlPath)}")).is_a?(Net::HTTPSuccess)`];
    case 'php':
      return [options.binary ?? 'php', '-r', `exit(@file_get_contents('http://127.0.0.1:'.(getenv('${envVar}')?:'${port}').'${jsString(urlPath)}')===false?1:0);`];
    case 'wget':
      return ['wget', '-q', '-O', '/dev/null', `http://127.0.0.1:${port}${urlPath}`];
    case 'curl':
      return ['curl', '-fsS', '-o', '/dev/null', `http://127.0.0.1:${port}${urlPath}`];
  }
}

/** `HEALTHCHECK --interval=… CMD ["…"]` in exec form with the timings from the inputs. */
export function healthcheck(probe: readonly string[], timing: DockerfileInputs['healthcheck']): string {
  return `HEALTHCHECK --interval=${timing.interval} --timeout=${timing.timeout} --start-period=${timing.startPeriod} --retries=${timing.retries} \\\n    CMD ${execForm(probe)}`;
}

/**
 * The HEALTHCHECK a recipe should emit: an HTTP probe when the service is a server with a known port
 * and health path; for servers without a health path, a TCP-level check is not possible without extra
 * tools, so we return null and the recipe notes it (orchestrators can still probe the port).
 * Workers never get an HTTP healthcheck.
 */
export function httpHealthcheck(service: ServicePlan, tool: ProbeTool, timing: DockerfileInputs['healthcheck'], options: { port?: number | null; binary?: string } = {}): string | null {
  const port = options.port === undefined ? servicePort(service) : options.port;
  if (port === null || isWorker(service)) return null;
  const path = service.health.path ?? '/';
  const probeOptions: { envVar?: string; binary?: string } = { envVar: service.port.envVar ?? 'PORT' };
  if (options.binary) probeOptions.binary = options.binary;
  return healthcheck(httpProbe(tool, port, path, probeOptions), timing);
}

/** HEALTHCHECK NONE with a reason, for workers: an explicit statement rather than a missing check. */
export function noHealthcheck(): string {
  return 'HEALTHCHECK NONE';
}

/** Splits a command line into words the way sh would for simple commands (quotes, backslashes). */
export function shellWords(command: string): string[] {
  const words: string[] = [];
  let current = '';
  let inWord = false;
  let quote: '"' | "'" | null = null;
  for (let i = 0; i < command.length; i++) {
    const ch = command[i]!;
    if (quote) {
      if (ch === quote) quote = null;
      else if (ch === '\\' && quote === '"' && i + 1 < command.length && '"\\$`'.includes(command[i + 1]!)) current += command[++i];
      else current += ch;
      continue;
    }
    if (ch === '"' || ch === "'") {
      quote = ch;
      inWord = true;
    } else if (ch === '\\' && i + 1 < command.length) {
      current += command[++i];
      inWord = true;
    } else if (/\s/.test(ch)) {
      if (inWord) words.push(current);
      current = '';
      inWord = false;
    } else {
      current += ch;
      inWord = true;
    }
  }
  if (inWord) words.push(current);
  return words;
}

/** Whether a command needs a shell: variable expansion, operators, redirection, globs, `~`, or leading VAR=value. */
export function needsShell(command: string): boolean {
  const unquoted = command.replace(/'[^']*'/g, "''");
  if (/\$|`/.test(unquoted)) return true;
  const bare = unquoted.replace(/"[^"]*"/g, '""');
  if (/[|&;<>(){}*?~]/.test(bare)) return true;
  return /^\s*[A-Za-z_][A-Za-z0-9_]*=/.test(command);
}

/**
 * The CMD for a start command, in exec form so the app is PID 1 and gets SIGTERM directly. Only when
 * the command needs the shell (`$PORT`, `&&`, VAR=value prefixes) does it become
 * `["sh", "-c", "exec …"]`: `exec` replaces the shell with the app, so signals still reach it. For
 * `a && b` only the last command is exec'd. `shell: false` (distroless: no /bin/sh) returns null when
 * a shell would be needed, so the recipe can choose another base.
 */
export function cmdArgv(command: string, options: { shell?: boolean } = {}): string[] | null {
  if (!needsShell(command)) return shellWords(command);
  if (options.shell === false) return null;
  return ['sh', '-c', withExec(command.trim())];
}

/** `CMD [...]` for a start command (see cmdArgv); falls back to sh -c when the shell is needed. */
export function cmd(command: string): string {
  return `CMD ${execForm(cmdArgv(command) ?? ['sh', '-c', withExec(command.trim())])}`;
}

/** Puts `exec` before the last simple command of a `&&`/`;` chain, after any VAR=value prefixes. */
function withExec(command: string): string {
  // Pipes and background jobs need the shell to stay; exec there would drop the rest of the line.
  if (/[|&]/.test(command.replace(/'[^']*'|"[^"]*"/g, '""').replace(/&&/g, ''))) return command;
  const separator = /(\s*(?:&&|;)\s*)(?=(?:[^'"]|'[^']*'|"[^"]*")*$)/g;
  let lastEnd = 0;
  for (const match of command.matchAll(separator)) lastEnd = (match.index ?? 0) + match[0].length;
  const head = command.slice(0, lastEnd);
  const tail = command.slice(lastEnd);
  const assignments = /^((?:[A-Za-z_][A-Za-z0-9_]*=(?:'[^']*'|"[^"]*"|\S*)\s+)*)(.*)$/s.exec(tail);
  const prefix = assignments?.[1] ?? '';
  const rest = assignments?.[2] ?? tail;
  if (/^exec\s/.test(rest)) return command;
  return `${head}${prefix}exec ${rest}`;
}

/** Path of `path` relative to the build context `context` (both repo-relative; '' is the root). */
export function relativeTo(context: string, path: string): string {
  if (context === '' || context === path) return context === path ? '' : path;
  return path.startsWith(`${context}/`) ? path.slice(context.length + 1) : path;
}

/** `/app` joined with a relative path, without a trailing slash. */
export function inApp(root: string, relative: string): string {
  return relative === '' ? root : `${root}/${relative}`;
}

/** Escapes a value for a single-quoted JS/Python/PHP string literal. */
function jsString(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/'/g, "\\'");
}

/** Escapes a value inside a double-quoted Ruby string (no interpolation). */
function rubyString(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/#/g, '\\#');
}
