/**
 * Elixir / Phoenix: `mix release` on the hexpm/elixir builder, the release alone on the same Debian
 * snapshot (debian:<snapshot>-slim) so ERTS and NIFs find the glibc and OpenSSL they were built
 * against. This is the layout `mix phx.gen.release --docker` uses, with devsquad's additions: cache
 * mounts for Hex and rebar3, `--check-locked`, an unprivileged user, root-owned release files (the
 * release writes only to RELEASE_TMP), PORT / PHX_SERVER, and a HEALTHCHECK.
 *
 * hexpm/elixir has no floating tags: each tag names Elixir, OTP and a Debian snapshot, and not every
 * combination exists for every architecture. The table below holds one known-good combination per
 * Elixir minor; a plan asking for another patch gets the table's (with a note).
 *
 * Layers: mix.exs + mix.lock → deps.get; config → deps.compile (compile-time config recompiles
 * dependencies); the rest of the source → assets, compile, release.
 */
import type { ServicePlan } from '../../../plan/schema.js';
import type { DockerfileInputs } from '../generate.js';
import {
  cacheMount, comment, createUser, execForm, expose, imageRef, installPackages, labels, portEnv, renderDockerfile, run,
  servicePort, stage, userLine, versionArg, type Block,
} from '../common.js';
import { buildPackages, runtimePackages } from '../packages.js';
import { DEFAULT_VERSIONS } from '../../../detect/shared/versions.js';
import type { StackRenderer } from './types.js';
import { destDir, inContext, joinRel, numericVersion, planProbe } from './compiled.js';

interface BuilderTag {
  elixir: string;
  otp: string;
  /** Debian snapshot shared by the builder and the runtime image. */
  debian: string;
}

/** Known-good hexpm/elixir:<elixir>-erlang-<otp>-debian-<debian> tags, one per Elixir minor. */
export const ELIXIR_BUILDERS: Readonly<Record<string, BuilderTag>> = {
  '1.15': { elixir: '1.15.8', otp: '26.2.5.2', debian: 'bookworm-20240812-slim' },
  '1.16': { elixir: '1.16.3', otp: '26.2.5', debian: 'bookworm-20240612-slim' },
  '1.17': { elixir: '1.17.3', otp: '27.1.2', debian: 'bookworm-20241016-slim' },
  '1.18': { elixir: '1.18.4', otp: '27.3.4', debian: 'bookworm-20250520-slim' },
  '1.19': { elixir: '1.19.5', otp: '28.2', debian: 'bookworm-20260406-slim' },
};

/** What a release needs at run time on Debian: the C++ runtime, OpenSSL for :crypto, ncurses for the shell. */
const RELEASE_LIBS = ['ca-certificates', 'libncurses6', 'libssl3', 'libstdc++6'];

export const render: StackRenderer = (service, inputs) => {
  const notes: string[] = [];
  const builder = builderFor(service, notes);
  const appDir = inContext(service.build.context, service.path);
  const release = releaseName(service, notes);
  const phoenix = service.build.features.includes('phoenix') || service.framework === 'phoenix';
  if (inputs.baseImageFlavor && inputs.baseImageFlavor !== 'slim') notes.push(`baseImageFlavor ${inputs.baseImageFlavor} ignored: the release runs on the Debian snapshot its builder used`);
  const probe = planProbe(service, inputs, {});
  notes.push(probe.note);
  const libs = runtimePackages('debian', service.build.systemPackages, notes);
  const releaseDir = `/src/${appDir === '.' ? '' : `${appDir}/`}_build/prod/rel/${release}`;

  const text = renderDockerfile([
    versionArg('ELIXIR_VERSION', builder.elixir),
    versionArg('OTP_VERSION', builder.otp),
    versionArg('DEBIAN_VERSION', builder.debian),
    probe.arg,
    buildStage(service, inputs, appDir, release, phoenix, notes),
    probe.stage,
    stage(imageRef('debian:${DEBIAN_VERSION}', inputs.registryMirror), 'runtime', [
      labels(service),
      installPackages('debian', [...RELEASE_LIBS, ...libs]),
      createUser('debian', inputs.nonRootUser),
      probe.copy,
      'WORKDIR /app',
      comment('Root-owned and read-only for the app; the release writes its generated config to RELEASE_TMP.'),
      `COPY --from=build ${releaseDir}/ ./`,
      'ENV LANG=C.UTF-8 LC_ALL=C.UTF-8 RELEASE_TMP=/tmp ERL_CRASH_DUMP=/tmp/erl_crash.dump',
      phoenix ? 'ENV PHX_SERVER=true' : null,
      portEnv(service),
      expose(servicePort(service)),
      userLine(inputs.nonRootUser.uid),
      probe.healthcheck,
      `CMD ${execForm([`/app/bin/${release}`, 'start'])}`,
    ], 'Runtime: the same Debian snapshot as the builder, with only what an OTP release loads.'),
  ]);
  if (phoenix) notes.push('Phoenix: PHX_SERVER=true starts the endpoint in the release; set SECRET_KEY_BASE, PHX_HOST and DATABASE_URL at run time');
  if (service.commands.migrate) notes.push(`migrations are not run by the image: run ${JSON.stringify(service.commands.migrate)} as a one-off task before starting the new release`);
  return { text, notes };
};

function buildStage(service: ServicePlan, inputs: DockerfileInputs, appDir: string, release: string, phoenix: boolean, notes: string[]): Block {
  const locked = service.packageManager?.lockfile !== null;
  if (!locked) notes.push('no mix.lock in the plan: dependency versions float; commit mix.lock');
  else notes.push('mix deps.get --only prod --check-locked: fails when mix.lock does not match mix.exs');
  const apps = service.build.workspacePackages.map((p) => inContext(service.build.context, p)).filter((p) => p !== appDir);
  const manifests: Block[] = [`COPY ${joinRel(appDir, 'mix.exs')} ${locked ? `${joinRel(appDir, 'mix.lock')} ` : ''}${destDir(appDir)}`];
  for (const app of apps) manifests.push(`COPY ${joinRel(app, 'mix.exs')} ${destDir(app)}`);
  const hexMounts = [cacheMount('/root/.hex/packages', { sharing: 'locked' }), cacheMount('/root/.cache/rebar3', { sharing: 'locked' })];
  const assets = phoenix ? run('mix assets.deploy') : null;
  if (phoenix) notes.push('Phoenix: mix assets.deploy (esbuild/tailwind download their binaries on first use; npm packages under assets/ need Node.js in the build stage)');
  return stage(imageRef('hexpm/elixir:${ELIXIR_VERSION}-erlang-${OTP_VERSION}-debian-${DEBIAN_VERSION}', inputs.registryMirror), 'build', [
    installPackages('debian', buildPackages('debian', service.build.systemPackages, ['build-essential', 'ca-certificates', 'git'])),
    'ENV MIX_ENV=prod',
    'WORKDIR /src',
    run(['mix local.hex --force', 'mix local.rebar --force']),
    manifests,
    appDir === '.' ? null : `WORKDIR /src/${appDir}`,
    run(`mix deps.get --only prod${locked ? ' --check-locked' : ''}`, { mounts: hexMounts }),
    comment('Compile-time config before deps.compile, so a config change recompiles dependencies (the glob keeps the directory optional).'),
    `COPY ${joinRel(appDir, 'confi[g]')} ${joinRel(appDir === '.' ? '.' : `/src/${appDir}`, 'config/')}`,
    run('mix deps.compile'),
    appDir === '.' ? 'COPY . .' : [...apps, appDir].map((dir) => `COPY ${dir}/ /src/${dir}/`),
    assets,
    run(['mix compile', `mix release ${release}`]),
  ]);
}

/** The builder tag for the plan's Elixir minor (falls back to the default line). */
function builderFor(service: ServicePlan, notes: string[]): BuilderTag {
  const parsed = numericVersion(service.runtime.version, 3);
  const minor = parsed?.split('.').slice(0, 2).join('.') ?? '';
  const known = ELIXIR_BUILDERS[minor];
  if (known) {
    if (parsed !== null && parsed.split('.').length === 3 && parsed !== known.elixir) {
      notes.push(`Elixir ${parsed} asked (${service.runtime.source}); the verified builder is ${known.elixir} on OTP ${known.otp}: set ELIXIR_VERSION/OTP_VERSION/DEBIAN_VERSION to a tag listed on hub.docker.com/r/hexpm/elixir to pin another`);
    } else {
      notes.push(`Elixir ${known.elixir} / OTP ${known.otp} on Debian ${known.debian}${service.runtime.source === 'default' ? " (devsquad's default: pin Elixir in .tool-versions or mix.exs)" : ` (${service.runtime.source})`}`);
    }
    return known;
  }
  const fallback = ELIXIR_BUILDERS[DEFAULT_VERSIONS.elixir]!;
  notes.push(`Elixir ${service.runtime.version} has no verified hexpm/elixir tag in devsquad's table: using ${fallback.elixir} / OTP ${fallback.otp}; set ELIXIR_VERSION, OTP_VERSION and DEBIAN_VERSION to an existing tag`);
  return fallback;
}

/** The release (bin/<name>): build.artifact or build.target, else the app name from the service name. */
function releaseName(service: ServicePlan, notes: string[]): string {
  for (const candidate of [service.build.artifact, service.build.target]) {
    if (candidate && /^[a-z][a-z0-9_]*$/.test(candidate)) return candidate;
  }
  const guess = service.name.replace(/-/g, '_').replace(/^[^a-z]+/, '') || 'app';
  notes.push(`release name not in the plan: assuming ${guess} (the OTP app name); set build.artifact if mix.exs names the release differently`);
  return guess;
}
