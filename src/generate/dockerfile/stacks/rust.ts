/**
 * Rust: `cargo build --locked --release` on rust:<v>-slim-bookworm, the binary shipped alone on
 * gcr.io/distroless/cc-debian12:nonroot. Rust's default linux-gnu target links glibc and libgcc
 * dynamically, and cc is distroless static plus exactly those (and libssl3, for openssl-sys
 * crates); a fully static musl build would fit distroless/static but costs allocator speed and
 * breaks crates with C dependencies, so it is left as an opt-in (see compiled-stacks.md).
 *
 * Caching without cargo-chef: the registry, git checkouts and the target directory are BuildKit
 * cache mounts, so a rebuild recompiles only what changed (dependencies stay compiled in the target
 * cache). Cache mounts are not part of the image, so the binary is copied out of the target dir in
 * the same RUN. A manifest-only "dependency layer" is not used: `cargo fetch` needs every target's
 * source file, and with the target dir cached it would add nothing.
 *
 * Workspaces: the whole workspace is copied, because `--locked` fails if any member is missing (the
 * lockfile would change); only the service's binary is built (`--bin`).
 */
import type { ServicePlan } from '../../../plan/schema.js';
import type { DockerfileInputs } from '../generate.js';
import {
  cacheMount, createUser, execForm, expose, imageRef, installPackages, labels, portEnv, renderDockerfile, run,
  servicePort, stage, userLine, versionArg, type Block,
} from '../common.js';
import { buildPackages, runtimePackages } from '../packages.js';
import { DEFAULT_VERSIONS } from '../../../detect/shared/versions.js';
import type { StackRenderer } from './types.js';
import { basename, inContext, planProbe, programArgs, versionOrDefault } from './compiled.js';

const DISTROLESS_UID = 65532;
/** Where cargo writes its build output: a fixed path so the cache mount does not depend on the layout. */
const TARGET_DIR = '/build/target';

type Runtime = 'cc' | 'debian';

export const render: StackRenderer = (service, inputs) => {
  const notes: string[] = [];
  const version = versionOrDefault(service, DEFAULT_VERSIONS.rust, 'Rust', notes);
  const crateDir = inContext(service.build.context, service.path);
  const bin = binName(service);
  const runtimeLibs = runtimePackages('debian', service.build.systemPackages, notes);
  const runtime = pickRuntime(runtimeLibs.length > 0, inputs, notes);
  const probe = planProbe(service, inputs, {});
  notes.push(probe.note);
  const args = programArgs(service, bin, notes);
  const uid = runtime === 'cc' ? DISTROLESS_UID : inputs.nonRootUser.uid;

  const text = renderDockerfile([
    versionArg('RUST_VERSION', version),
    probe.arg,
    buildStage(service, inputs, crateDir, bin, notes),
    probe.stage,
    stage(runtime === 'cc' ? 'gcr.io/distroless/cc-debian12:nonroot' : imageRef('debian:bookworm-slim', inputs.registryMirror), 'runtime', [
      labels(service),
      runtime === 'debian' ? [installPackages('debian', ['ca-certificates', ...runtimeLibs]), createUser('debian', inputs.nonRootUser)] : null,
      probe.copy,
      `COPY --from=build /out/${bin} /app/${bin}`,
      'WORKDIR /app',
      frameworkEnv(service),
      portEnv(service),
      expose(servicePort(service)),
      userLine(uid),
      probe.healthcheck,
      `ENTRYPOINT ${execForm([`/app/${bin}`])}`,
      args.length > 0 ? `CMD ${execForm(args)}` : null,
    ], runtime === 'cc'
      ? 'Runtime: distroless cc (glibc, libgcc, libssl, CA certificates; no shell, no package manager), as uid 65532.'
      : 'Runtime: debian-slim with the shared libraries the binary loads, as an unprivileged user.'),
  ]);
  notes.push(`cargo build --release --bin ${bin} → /app/${bin} (only the binary ships: files read at run time must be include_bytes!/include_str! or copied by an extra COPY)`);
  return { text, notes };
};

function buildStage(service: ServicePlan, inputs: DockerfileInputs, crateDir: string, bin: string, notes: string[]): Block {
  const workspace = service.build.features.includes('cargo-workspace');
  const locked = service.packageManager?.lockfile !== null;
  if (!locked) notes.push('no Cargo.lock in the plan: building without --locked, so dependency versions float; commit Cargo.lock for services');
  const packages = service.build.workspacePackages.map((p) => inContext(service.build.context, p)).filter((p) => p !== crateDir);
  const copies: Block = crateDir === '.' || workspace
    ? 'COPY . .'
    : [...packages, crateDir].map((dir) => `COPY ${dir}/ ${dir}/`);
  if (workspace) notes.push('cargo workspace: the whole workspace is copied (--locked needs every member), only this binary is built');
  const system = buildPackages('debian', service.build.systemPackages);
  return stage(imageRef('rust:${RUST_VERSION}-slim-bookworm', inputs.registryMirror), 'build', [
    installPackages('debian', system),
    'WORKDIR /src',
    copies,
    crateDir === '.' ? null : `WORKDIR /src/${crateDir}`,
    // Per-architecture target cache: multi-platform builds run in parallel and would otherwise
    // fight over (and invalidate) one target directory.
    'ARG TARGETARCH',
    run([
      `CARGO_TARGET_DIR=${TARGET_DIR} cargo build ${locked ? '--locked ' : ''}--release --bin ${bin}`,
      'mkdir -p /out',
      `cp ${TARGET_DIR}/release/${bin} /out/${bin}`,
    ], {
      mounts: [
        cacheMount('/usr/local/cargo/registry', { sharing: 'locked' }),
        cacheMount('/usr/local/cargo/git/db', { sharing: 'locked' }),
        cacheMount(TARGET_DIR, { id: 'cargo-target-${TARGETARCH}', sharing: 'locked' }),
      ],
    }),
  ]);
}

function pickRuntime(needsLibs: boolean, inputs: DockerfileInputs, notes: string[]): Runtime {
  const flavor = inputs.baseImageFlavor;
  if (needsLibs) {
    if (flavor === 'distroless' || flavor === 'alpine') notes.push(`baseImageFlavor ${flavor} ignored: the plan's system packages need a runtime that can install their shared libraries (debian-slim)`);
    return 'debian';
  }
  if (flavor === 'alpine') notes.push('baseImageFlavor alpine ignored: the binary is built for glibc (linux-gnu); distroless cc is the smallest base that runs it');
  return flavor === 'slim' ? 'debian' : 'cc';
}

/**
 * Rocket listens on 127.0.0.1 unless told otherwise, which no one can reach in a container, and
 * reads its port from ROCKET_PORT rather than PORT.
 */
function frameworkEnv(service: ServicePlan): string | null {
  if (service.framework !== 'rocket') return null;
  const port = servicePort(service);
  return port === null || service.port.envVar === 'ROCKET_PORT' ? 'ENV ROCKET_ADDRESS=0.0.0.0' : `ENV ROCKET_ADDRESS=0.0.0.0 ROCKET_PORT=${port}`;
}

/** The Cargo bin: build.target, else build.artifact's file name, else the service name. */
function binName(service: ServicePlan): string {
  for (const candidate of [service.build.target, service.build.artifact]) {
    if (!candidate) continue;
    const name = basename(candidate);
    if (/^[A-Za-z0-9_-]+$/.test(name)) return name;
  }
  return service.name;
}
