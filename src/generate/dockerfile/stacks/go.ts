/**
 * Go: a static binary cross-compiled on the build platform (CGO_ENABLED=0, GOOS/GOARCH from
 * BuildKit's TARGETOS/TARGETARCH, so multi-platform builds need no emulation) and shipped alone on
 * gcr.io/distroless/static-debian12:nonroot. With the `cgo` feature the build runs natively on the
 * glibc golang image and the runtime is distroless/cc (glibc + libssl); OS libraries the plan needs
 * at run time switch the runtime to debian-slim, which can install them.
 *
 * Modules: go.mod/go.sum are copied first so `go mod download` is its own cached layer. go.work
 * members: the repo's go.work names every module, and a partial copy would fail on the missing
 * `use` directories, so the build writes its own go.work with just this module and the workspace
 * packages it needs (go.work.sum is kept when present).
 */
import type { ServicePlan } from '../../../plan/schema.js';
import type { DockerfileInputs } from '../generate.js';
import {
  cacheMount, comment, createUser, execForm, expose, imageRef, installPackages, labels, portEnv, renderDockerfile,
  run, servicePort, stage, userLine, versionArg, type Block,
} from '../common.js';
import { runtimePackages, buildPackages } from '../packages.js';
import { DEFAULT_VERSIONS } from '../../../detect/shared/versions.js';
import type { StackRenderer } from './types.js';
import { basename, destDir, inContext, joinRel, planProbe, programArgs, versionOrDefault, type RuntimeTools } from './compiled.js';

/** Alpine line for the optional alpine runtime (baseImageFlavor: alpine). */
const ALPINE_VERSION = '3.21';
/** distroless's nonroot user. */
const DISTROLESS_UID = 65532;

type Runtime = 'static' | 'cc' | 'debian' | 'alpine';

export const render: StackRenderer = (service, inputs) => {
  const notes: string[] = [];
  const features = service.build.features;
  const cgo = features.includes('cgo');
  const version = versionOrDefault(service, DEFAULT_VERSIONS.go, 'Go', notes);
  const moduleDir = inContext(service.build.context, service.path);
  const packages = service.build.workspacePackages.map((p) => inContext(service.build.context, p)).filter((p) => p !== moduleDir);
  const target = service.build.target ?? '.';
  const binary = binaryName(service, target);
  const runtimeLibs = runtimePackages('debian', service.build.systemPackages, notes);
  const runtime = pickRuntime(cgo, runtimeLibs.length > 0, inputs, notes);
  const tools: RuntimeTools = runtime === 'alpine' ? { wget: true, nc: true } : {};
  const probe = planProbe(service, inputs, tools);
  notes.push(probe.note);

  const args = programArgs(service, binary, notes);
  const uid = runtime === 'static' || runtime === 'cc' ? DISTROLESS_UID : inputs.nonRootUser.uid;

  const text = renderDockerfile([
    versionArg('GO_VERSION', version),
    probe.arg,
    buildStage(service, inputs, { cgo, moduleDir, packages, target, binary, notes }),
    probe.stage,
    stage(runtimeImage(runtime, inputs), 'runtime', [
      labels(service),
      runtimeSetup(runtime, runtimeLibs, inputs),
      probe.copy,
      `COPY --from=build /out/${binary} /app/${binary}`,
      'WORKDIR /app',
      portEnv(service),
      expose(servicePort(service)),
      userLine(uid),
      probe.healthcheck,
      `ENTRYPOINT ${execForm([`/app/${binary}`])}`,
      args.length > 0 ? `CMD ${execForm(args)}` : null,
    ], runtimeComment(runtime)),
  ]);
  notes.push(`go build ${target} → /app/${binary} (only the binary ships: files the app reads at run time must be embedded with go:embed or copied by an extra COPY)`);
  return { text, notes };
};

interface BuildOptions {
  cgo: boolean;
  moduleDir: string;
  packages: string[];
  target: string;
  binary: string;
  notes: string[];
}

function buildStage(service: ServicePlan, inputs: DockerfileInputs, o: BuildOptions): Block {
  const workspace = service.build.features.includes('go-workspace');
  const image = o.cgo ? imageRef('golang:${GO_VERSION}-bookworm', inputs.registryMirror) : `--platform=$BUILDPLATFORM ${imageRef('golang:${GO_VERSION}-alpine', inputs.registryMirror)}`;
  const lockfile = service.packageManager?.lockfile;
  // go.sum is absent in modules without dependencies; `go.sum*` copies it when present (BuildKit
  // accepts a wildcard that matches nothing), an explicit name when the plan says it exists.
  const goSum = lockfile === null ? null : lockfile === undefined ? 'go.sum*' : 'go.sum';
  if (goSum === null) o.notes.push('no go.sum in the plan: dependencies are not pinned by checksums; run `go mod tidy` and commit go.sum');
  const manifests: Block[] = [];
  for (const dir of [o.moduleDir, ...o.packages]) {
    const sum = dir === o.moduleDir ? goSum : 'go.sum*';
    const sources = [joinRel(dir, 'go.mod'), sum === null ? null : joinRel(dir, sum)].filter((s): s is string => s !== null);
    manifests.push(`COPY ${sources.join(' ')} ${destDir(dir)}`);
  }
  const members = [o.moduleDir, ...o.packages].map((d) => (d === '.' ? '.' : `./${d}`));
  const modCache = cacheMount('/go/pkg/mod');
  const buildEnv = o.cgo ? 'CGO_ENABLED=1' : 'CGO_ENABLED=0 GOOS=$TARGETOS GOARCH=$TARGETARCH';
  if (o.cgo) o.notes.push('cgo: built natively on golang:bookworm (cross-compiling C needs a cross toolchain), runs on a glibc base');
  else o.notes.push('CGO_ENABLED=0 static binary, cross-compiled on $BUILDPLATFORM for $TARGETOS/$TARGETARCH');
  const systemPackages = buildPackages(o.cgo ? 'debian' : 'alpine', service.build.systemPackages);
  return stage(image, 'build', [
    installPackages(o.cgo ? 'debian' : 'alpine', systemPackages),
    'WORKDIR /src',
    comment('Private modules: set ENV GOPRIVATE=<your host>/*, install git, and add --mount=type=secret,id=netrc,target=/root/.netrc to the download RUN (docker build --secret id=netrc,src=$HOME/.netrc).'),
    manifests,
    workspace ? ['COPY go.work.sum* ./', comment("The repo's go.work lists every module; this build uses only the ones the service needs."), run(`go work init ${members.join(' ')}`)] : null,
    o.moduleDir === '.' ? null : `WORKDIR /src/${o.moduleDir}`,
    run('go mod download', { mounts: [modCache] }),
    sourceCopies(o.moduleDir, o.packages),
    o.cgo ? null : ['ARG TARGETOS', 'ARG TARGETARCH'],
    run(`${buildEnv} go build -trimpath -ldflags="-s -w" -o /out/${o.binary} ${o.target}`, { mounts: [modCache, cacheMount('/root/.cache/go-build')] }),
  ]);
}

/** COPY the module and the workspace packages it needs (the whole context for a root module), into /src. */
function sourceCopies(moduleDir: string, packages: string[]): Block {
  if (moduleDir === '.') return 'COPY . .';
  return [...packages, moduleDir].map((dir) => `COPY ${dir}/ /src/${dir}/`);
}

function pickRuntime(cgo: boolean, needsLibs: boolean, inputs: DockerfileInputs, notes: string[]): Runtime {
  const flavor = inputs.baseImageFlavor;
  if (needsLibs) {
    if (flavor === 'alpine' || flavor === 'distroless') notes.push(`baseImageFlavor ${flavor} ignored: the plan's system packages need a runtime that can install them (debian-slim)`);
    return 'debian';
  }
  if (flavor === 'slim') return 'debian';
  if (flavor === 'alpine') {
    if (!cgo) return 'alpine';
    notes.push('baseImageFlavor alpine ignored: a cgo binary links glibc, which alpine does not have');
  }
  return cgo ? 'cc' : 'static';
}

function runtimeImage(runtime: Runtime, inputs: DockerfileInputs): string {
  switch (runtime) {
    case 'static': return 'gcr.io/distroless/static-debian12:nonroot';
    case 'cc': return 'gcr.io/distroless/cc-debian12:nonroot';
    case 'alpine': return imageRef(`alpine:${ALPINE_VERSION}`, inputs.registryMirror);
    case 'debian': return imageRef('debian:bookworm-slim', inputs.registryMirror);
  }
}

function runtimeComment(runtime: Runtime): string {
  switch (runtime) {
    case 'static': return 'Runtime: distroless static (CA certificates, tzdata, passwd; no shell, no package manager), as uid 65532.';
    case 'cc': return 'Runtime: distroless cc (adds glibc, libgcc and libssl for the cgo binary; no shell), as uid 65532.';
    case 'alpine': return 'Runtime: alpine with CA certificates and tzdata, as an unprivileged user.';
    case 'debian': return 'Runtime: debian-slim with the shared libraries the binary loads, as an unprivileged user.';
  }
}

/** OS packages and the user for runtimes that are not distroless. */
function runtimeSetup(runtime: Runtime, libs: string[], inputs: DockerfileInputs): Block {
  if (runtime === 'alpine') return [installPackages('alpine', ['ca-certificates', 'tzdata']), createUser('alpine', inputs.nonRootUser)];
  if (runtime === 'debian') return [installPackages('debian', ['ca-certificates', 'tzdata', ...libs]), createUser('debian', inputs.nonRootUser)];
  return null;
}

/** build.artifact, else the last segment of the package path (./cmd/api → api), else the service name. */
function binaryName(service: ServicePlan, target: string): string {
  const fromArtifact = service.build.artifact ? basename(service.build.artifact) : '';
  if (/^[A-Za-z0-9._-]+$/.test(fromArtifact)) return fromArtifact;
  const fromTarget = basename(target);
  return /^[A-Za-z0-9._-]+$/.test(fromTarget) && fromTarget !== '.' && fromTarget !== '...' ? fromTarget : service.name;
}
