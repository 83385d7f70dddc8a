/**
 * Deno recipe: the official denoland/deno image (tini as PID 1 forwards signals), dependencies
 * installed from deno.json / package.json with the lockfile frozen, the entry module cached at build,
 * and the app run as the image's non-root `deno` user (uid 1993) with the permissions the plan's
 * start command grants.
 */
import type { ServicePlan } from '../../../plan/schema.js';
import type { StackRenderer } from './types.js';
import {
  type Block, cmdArgv, comment, execForm, expose, httpHealthcheck, imageRef, inApp, isWorker, labels, portEnv, relativeTo,
  renderDockerfile, run, servicePort, stage, userLine, versionArg,
  noHealthcheck,
} from '../common.js';

/** Deno release used when the plan's version is not a full x.y.z (the image has no major-only tags). */
export const DENO_VERSION = '2.1.4';
/** uid/gid of the `deno` user in the official images. */
export const DENO_UID = 1993;

function entryOf(service: ServicePlan): string {
  return service.build.target ?? service.build.artifact ?? 'main.ts';
}

export const render: StackRenderer = (service, inputs) => {
  const notes: string[] = [];
  const exact = /^\d+\.\d+\.\d+$/.test(service.runtime.version);
  const version = exact ? service.runtime.version : DENO_VERSION;
  if (!exact) notes.push(`Deno ${version}: the denoland/deno image has no tag for "${service.runtime.version}"`);
  const flavor = inputs.baseImageFlavor;
  const tag = flavor === 'alpine' ? 'alpine-${DENO_VERSION}' : flavor === 'distroless' ? 'distroless-${DENO_VERSION}' : '${DENO_VERSION}';
  const buildImage = imageRef(`denoland/deno:${flavor === 'alpine' ? 'alpine-${DENO_VERSION}' : '${DENO_VERSION}'}`, inputs.registryMirror);
  const runtimeImage = imageRef(`denoland/deno:${tag}`, inputs.registryMirror);
  const rel = relativeTo(service.build.context, service.path);
  const appDir = inApp('/app', rel);
  const keep = (file: string): string => (rel === '' ? file : `${rel}/./${file}`);
  const entry = entryOf(service);
  const deno2 = !version.startsWith('1.');
  const locked = Boolean(service.packageManager?.lockfile);
  const install = service.commands.install ?? (deno2 ? `deno install${locked ? ' --frozen' : ''}` : null);
  const start = service.commands.start ?? `deno run --allow-net --allow-env --allow-read ${entry}`;
  if (!service.commands.start) notes.push(`no start command in the plan: CMD runs \`${start}\`; set commands.start to grant exactly the permissions the app needs`);
  let argv = cmdArgv(start, { shell: flavor !== 'distroless' });
  if (!argv) {
    notes.push('the start command needs a shell, which the distroless image lacks: CMD runs it without shell expansion');
    argv = start.split(/\s+/);
  }
  const port = servicePort(service);
  const worker = isWorker(service);

  const blocks: Block[] = [
    versionArg('DENO_VERSION', version),
    stage(buildImage, 'build', [
      `WORKDIR ${appDir}`,
      `COPY --parents ${['deno.json*', 'deno.jsonc*', 'deno.lock*', 'package.json*', 'import_map.json*'].map(keep).join(' ')} ./`,
      install && comment('Dependencies first, so this layer is reused until the config or lockfile changes.'),
      install && run(install),
      rel !== '' && 'WORKDIR /app',
      'COPY . .',
      rel !== '' && `WORKDIR ${appDir}`,
      service.commands.build && run(service.commands.build),
      comment('Download and compile the entry module and its imports into DENO_DIR (/deno-dir) now, not at start.'),
      run(`deno cache ${entry}`),
    ], 'Build: dependencies and the module graph cached in the image.'),
    stage(runtimeImage, 'runtime', [
      labels(service),
      'WORKDIR /app',
      comment('DENO_DIR is written by deno at run time (caches), so it belongs to the deno user; the code stays root-owned.'),
      `COPY --from=build --chown=${DENO_UID}:${DENO_UID} /deno-dir /deno-dir`,
      'COPY --from=build /app /app',
      appDir !== '/app' && `WORKDIR ${appDir}`,
      userLine(DENO_UID),
      portEnv(service, port),
      expose(port),
      worker ? [comment('Worker: no port to probe; the orchestrator\'s restart policy supervises it.'), noHealthcheck()] : httpHealthcheck(service, 'deno', inputs.healthcheck),
      flavor === 'distroless'
        ? ['ENTRYPOINT ["deno"]', `CMD ${execForm(argv[0] === 'deno' ? argv.slice(1) : argv)}`]
        : [comment('The image entrypoint runs tini as PID 1, which forwards SIGTERM to deno.'), `CMD ${execForm(argv)}`],
    ], 'Runtime: the Deno image as its non-root deno user.'),
  ];
  return { text: renderDockerfile(blocks), notes };
};
