/**
 * Pieces the compiled-language recipes (go, rust, jvm, dotnet, elixir) share on top of common.ts:
 * the health probe for runtime images that have no shell or HTTP client, the binary's arguments
 * from the plan's start command, and version parsing.
 *
 * Why busybox: distroless, chiseled and debian-slim runtimes have neither curl nor wget, and
 * installing one drags in a package manager layer (or is impossible without a shell). A statically
 * linked busybox from the pinned busybox:<ver>-musl image runs on any Linux base; copied under the
 * name `wget` (or `nc`) it runs only that applet, since busybox picks the applet from argv[0].
 */
import type { ServicePlan } from '../../../plan/schema.js';
import type { DockerfileInputs } from '../generate.js';
import { healthcheck, httpProbe, imageRef, isWorker, noHealthcheck, servicePort, shellWords, stage, type Block } from '../common.js';

/** busybox line whose `-musl` variant is a static binary (tag busybox:1.37-musl). */
export const BUSYBOX_VERSION = '1.37';
/** Name of the stage that only supplies the probe binary. */
export const PROBE_STAGE = 'probe';

/** What the runtime image already has for probing. */
export interface RuntimeTools {
  wget?: boolean;
  curl?: boolean;
  nc?: boolean;
}

export interface ProbePlan {
  /** `ARG BUSYBOX_VERSION=…` for the global ARG block, or null when busybox is not needed. */
  arg: string | null;
  /** The `FROM busybox… AS probe` stage (before the runtime stage), or null. */
  stage: Block;
  /** COPY lines for the runtime stage. */
  copy: Block;
  /** The HEALTHCHECK instruction (HEALTHCHECK NONE for workers and unknown ports). */
  healthcheck: string;
  /** One line for the recipe notes. */
  note: string;
}

/**
 * The health check for a runtime image: an HTTP GET of the plan's health path when there is one,
 * otherwise a TCP connect to the port (better than nothing: it catches a crashed or wedged
 * listener). Tools the image lacks come from busybox.
 */
export function planProbe(service: ServicePlan, inputs: DockerfileInputs, tools: RuntimeTools): ProbePlan {
  const none = { arg: null, stage: null, copy: null };
  // HEALTHCHECK NONE says "nothing to probe" explicitly, rather than leaving readers to wonder.
  if (isWorker(service)) return { ...none, healthcheck: noHealthcheck(), note: 'worker: no EXPOSE and HEALTHCHECK NONE (nothing listens); let the orchestrator watch the process' };
  const port = servicePort(service);
  if (port === null) return { ...none, healthcheck: noHealthcheck(), note: 'no port in the plan: no EXPOSE and HEALTHCHECK NONE; set port.value to get both' };
  const path = service.health.path;
  const busybox = (applet: 'wget' | 'nc'): Omit<ProbePlan, 'healthcheck' | 'note'> => ({
    arg: `ARG BUSYBOX_VERSION=${BUSYBOX_VERSION}`,
    stage: stage(imageRef('busybox:${BUSYBOX_VERSION}-musl', inputs.registryMirror), PROBE_STAGE, [],
      `Static busybox for the HEALTHCHECK: the runtime image has no ${applet === 'wget' ? 'HTTP client' : 'nc'}; copied under the name ${applet} it runs only that applet.`),
    copy: `COPY --from=${PROBE_STAGE} /bin/busybox /usr/local/bin/${applet}`,
  });
  if (path !== null) {
    if (tools.wget) return { ...none, healthcheck: healthcheck(httpProbe('wget', port, path), inputs.healthcheck), note: `HEALTHCHECK: wget GET ${path} (the runtime image has wget)` };
    if (tools.curl) return { ...none, healthcheck: healthcheck(httpProbe('curl', port, path), inputs.healthcheck), note: `HEALTHCHECK: curl GET ${path} (the runtime image has curl)` };
    const probe = httpProbe('wget', port, path);
    probe[0] = '/usr/local/bin/wget';
    return { ...busybox('wget'), healthcheck: healthcheck(probe, inputs.healthcheck), note: `HEALTHCHECK: GET ${path} with a static busybox wget copied from busybox:${BUSYBOX_VERSION}-musl (the runtime image has no shell or HTTP client)` };
  }
  const tcp = (binary: string): string[] => [binary, '-z', '-w', '3', '127.0.0.1', String(port)];
  if (tools.nc) return { ...none, healthcheck: healthcheck(tcp('nc'), inputs.healthcheck), note: `HEALTHCHECK: TCP connect to ${port} with nc (no health route in the plan; add one and set health.path for a real check)` };
  return {
    ...busybox('nc'),
    healthcheck: healthcheck(tcp('/usr/local/bin/nc'), inputs.healthcheck),
    note: `HEALTHCHECK: TCP connect to ${port} with a static busybox nc (no health route in the plan; add one and set health.path for a real check)`,
  };
}

/**
 * Arguments after the program in the plan's start command (`./bin/api serve --port $PORT` → serve,
 * --port 8080) when the command runs the built program itself; [] for `go run`, `cargo run` and
 * friends, whose arguments are the toolchain's. `$PORT` becomes the plan's port because the
 * runtime image has no shell to expand it; a command needing a shell otherwise gives no CMD (note).
 */
export function programArgs(service: ServicePlan, program: string, notes: string[]): string[] {
  const start = service.commands.start;
  if (!start) return [];
  const words = shellWords(start);
  const first = words[0];
  if (first === undefined || basename(first) !== basename(program)) return [];
  const port = servicePort(service);
  const args: string[] = [];
  for (const word of words.slice(1)) {
    const replaced = port === null ? word : word.replace(/\$\{PORT\}|\$PORT\b/g, String(port));
    if (/[$`|&;<>]/.test(replaced)) {
      // Half a command line (a flag without its value) is worse than none.
      notes.push(`start command ${JSON.stringify(start)} needs a shell for ${JSON.stringify(word)}, which the runtime image does not have: CMD is left out; pass the arguments from your orchestrator`);
      return [];
    }
    args.push(replaced);
  }
  if (port !== null && args.join(' ') !== words.slice(1).join(' ')) notes.push(`$PORT in the start command is fixed to ${port} in CMD (no shell in the runtime image to expand it); override CMD to change it`);
  return args;
}

/** The last path segment without a trailing slash: ./cmd/api → api, bin/server → server. */
export function basename(path: string): string {
  const parts = path.replace(/\/+$/, '').split('/');
  return parts[parts.length - 1] ?? path;
}

/**
 * A version like 1.23, 1.23.4, v1.23, go1.23.4 → its numeric part ('1.23.4'), or null when there is
 * none. Keeps as many components as given, up to `parts`.
 */
export function numericVersion(version: string, parts = 3): string | null {
  const m = /(\d+)(?:\.(\d+))?(?:\.(\d+))?/.exec(version);
  if (!m) return null;
  return [m[1], m[2], m[3]].slice(0, parts).filter((p): p is string => p !== undefined).join('.');
}

/** The version to put in a version ARG: the plan's when usable, else the default (with a note). */
export function versionOrDefault(service: ServicePlan, fallback: string, label: string, notes: string[], parts = 3): string {
  const parsed = numericVersion(service.runtime.version, parts);
  if (parsed === null) {
    notes.push(`runtime version ${JSON.stringify(service.runtime.version)} is not a version number: using ${label} ${fallback}`);
    return fallback;
  }
  if (service.runtime.source === 'default') notes.push(`${label} ${parsed} is devsquad's default (the repository does not pin one): pin it to build what you test`);
  else notes.push(`${label} ${parsed} from ${service.runtime.source}`);
  return parsed;
}

/** Repo-relative path of a workspace package relative to the build context ('' → '.'). */
export function inContext(context: string, path: string): string {
  const rel = context === '' ? path : path === context ? '' : path.startsWith(`${context}/`) ? path.slice(context.length + 1) : path;
  return rel === '' ? '.' : rel;
}

/** `dir/name` for COPY sources and destinations; `.`-relative paths collapse (`./go.mod` → `go.mod`). */
export function joinRel(dir: string, name: string): string {
  return dir === '.' || dir === '' ? name : `${dir}/${name}`;
}

/** A COPY destination directory ending in `/` (`./` for the context root). */
export function destDir(dir: string): string {
  return dir === '.' || dir === '' ? './' : `${dir}/`;
}
