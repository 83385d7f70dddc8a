/**
 * Node.js (and Bun) recipe: base → deps (manifests + lockfile-strict install with cache mounts) →
 * prod-deps (production-only install, cached like deps) → build (sources, prisma generate, build) →
 * runtime (production node_modules + build output, non-root, exec-form CMD). Monorepo members install from the workspace root with every
 * workspace manifest, then copy only their own sources and those of the packages they need.
 * SPAs and static exports get nginx-unprivileged as the runtime instead of Node.
 */
import type { ServicePlan } from '../../../plan/schema.js';
import type { DockerfileInputs } from '../generate.js';
import type { DockerfileRecipe, StackRenderer } from './types.js';
import {
  type Block, type OsFamily, cacheMount, cmdArgv, comment, createUser, execForm, expose, httpHealthcheck, imageRef,
  inApp, installPackages, isWorker, labels, noHealthcheck, needsShell, portEnv, relativeTo, renderDockerfile, run, servicePort,
  shellWords, stage, userLine, versionArg, writableDirs,
} from '../common.js';
import { buildPackages, runtimePackages } from '../packages.js';
import { nginxRuntimeStage, nginxVersionArg } from '../nginx.js';
import { COREPACK_VERSION, packageManagerSetup, type PackageManagerSetup } from '../node-pm.js';
import { frameworkMode, runtimeLayout, type NodeMode } from '../node-frameworks.js';

/** Node majors that have a distroless image (gcr.io/distroless/nodejs<major>-debian12). */
const DISTROLESS_NODE_MAJORS = ['20', '22', '24'];
const DISTROLESS_UID = 65532;

interface Images {
  os: OsFamily;
  args: string[];
  /** Image of the build stages. */
  build: string;
  /** Image of the runtime stage. */
  runtime: string;
  distroless: boolean;
  /** Interpreter used by the healthcheck probe. */
  probe: 'node' | 'bun';
  probeBinary?: string;
}

export const render: StackRenderer = (service, inputs) => {
  const notes: string[] = [];
  const pm = packageManagerSetup(service);
  const mode = frameworkMode(service);
  const images = chooseImages(service, inputs, mode, notes);
  const ctx = service.build.context;
  const rel = relativeTo(ctx, service.path);
  const monorepo = rel !== '' || service.build.workspacePackages.length > 0;
  const appDir = inApp('/app', rel);
  const prisma = service.build.features.includes('prisma');
  const extraPackages = prisma ? ['openssl'] : [];
  const nativeTools = service.build.features.includes('native-modules') ? ['python3', 'make', 'g++'] : [];

  notes.push(`package manager ${pm.name}${pm.lockfile ? ` with ${pm.lockfile}` : ' without a lockfile (install is not reproducible)'}: ${pm.install}`);
  if (monorepo) notes.push(`monorepo member: built from ${ctx === '' ? 'the repository root' : ctx} with ${service.build.workspacePackages.length} workspace package(s)`);

  // Frameworks whose output is self-contained need no node_modules at run time; Prisma's generated client
  // lives inside node_modules (at a version-specific path outside npm), so those keep the build's deps.
  const selfContained = mode === 'static' || mode === 'next-standalone' || mode === 'nuxt';
  const prodDeps = !selfContained && !(prisma && pm.name !== 'npm');
  if (prisma && pm.name !== 'npm' && !selfContained) notes.push('prisma with ' + pm.name + ': the runtime keeps the build stage\'s node_modules (dev deps included) because the generated client lives inside it; set `output` on the prisma generator to prune');
  const depsBody = (install: string, label: string): Block[] => [
    installPackages(images.os, buildPackages(images.os, service.build.systemPackages, [...extraPackages, ...nativeTools])),
    nativeTools.length > 0 && comment('Compilers for native addons live in build stages only.'),
    monorepo
      ? ['COPY --from=manifests /manifests ./', `COPY --parents ${pm.manifests.filter((m) => m !== 'package.json').join(' ')} ./`]
      : `COPY --parents ${pm.manifests.join(' ')} ./`,
    comment(label),
    run(install, { mounts: pm.installMounts }),
  ];

  const blocks: Block[] = [
    images.args,
    mode === 'static' && nginxVersionArg(),
    pm.corepack && `ARG COREPACK_VERSION=${COREPACK_VERSION}`,
    stage(images.build, 'base', [
      'WORKDIR /app',
      pm.env,
      pm.corepack && run(['npm install -g --force corepack@${COREPACK_VERSION}', 'corepack enable'], { mounts: [cacheMount('/root/.npm', { id: 'npm' })] }),
      pm.corepack && 'ENV COREPACK_ENABLE_DOWNLOAD_PROMPT=0',
    ], `Shared base for the build stages: ${service.runtime.name === 'bun' ? 'Bun' : 'Node'} ${service.runtime.version} from the plan, package manager ready.`),
    monorepo && manifestsStage(),
    stage('base', 'deps', depsBody(pm.install, 'Lockfile-strict install of all dependencies (dev included, the build needs them).'),
      'Dependencies: only manifests and the lockfile, so this layer is rebuilt only when they change.'),
    prodDeps && stage('base', 'prod-deps', depsBody(pm.prodInstall, 'Production dependencies only, for the runtime image.'),
      'Production dependencies: same manifests, no devDependencies; cached until the lockfile changes.'),
    buildStage(service, pm, mode, { rel, monorepo, prisma }),
    mode === 'static'
      ? nginxRuntimeStage({ fromStage: 'build', source: inApp(appDir, service.build.outputDir ?? staticOutput(service)), spa: isSpa(service), inputs })
      : runtimeStage(service, inputs, images, mode, { rel, appDir, monorepo, prisma, prodDeps, pm: pm.name, extraPackages, notes }),
  ];
  if (mode === 'static') notes.push(`static output ${service.build.outputDir ?? staticOutput(service)} served by nginx-unprivileged on 8080${isSpa(service) ? ' with the SPA fallback' : ''}`);
  return { text: renderDockerfile(blocks), notes } satisfies DockerfileRecipe;
};

/** Client-side-routed apps get the index.html fallback; static exports (one HTML file per route) do not. */
function isSpa(service: ServicePlan): boolean {
  if (service.build.features.includes('spa')) return true;
  if (service.build.features.includes('static-export')) return false;
  return !MULTI_PAGE_FRAMEWORKS.includes(service.framework ?? '');
}

const MULTI_PAGE_FRAMEWORKS = ['astro', 'nextjs', 'next', 'nuxt', 'gatsby', 'docusaurus', 'eleventy', 'vitepress', 'vuepress', 'sveltekit', 'remix'];

/** Where static builds land when the plan does not say. */
function staticOutput(service: ServicePlan): string {
  const framework = service.framework ?? '';
  if (framework === 'nextjs' || framework === 'next') return 'out';
  if (framework === 'nuxt') return '.output/public';
  if (framework === 'sveltekit' || framework === 'cra' || framework === 'docusaurus') return 'build';
  if (framework === 'gatsby') return 'public';
  return 'dist';
}

/** Chooses base images: alpine by default; Debian slim when native modules or OS packages need glibc; distroless on request. */
function chooseImages(service: ServicePlan, inputs: DockerfileInputs, mode: NodeMode, notes: string[]): Images {
  const bun = service.runtime.name === 'bun';
  const version = service.runtime.version;
  const needsGlibc = service.build.features.includes('native-modules') || service.build.systemPackages.length > 0;
  let flavor = inputs.baseImageFlavor ?? (needsGlibc ? 'slim' : 'alpine');
  if (inputs.baseImageFlavor === undefined && needsGlibc) notes.push('Debian slim base (glibc) because native modules or OS packages are needed');
  const major = version.split('.')[0] ?? version;
  if (flavor === 'distroless') {
    const reason = bun ? 'Bun has no distroless image here' : mode === 'static' ? 'static files are served by nginx' : !DISTROLESS_NODE_MAJORS.includes(major) ? `no distroless image for Node ${major}` : distrolessBlocker(service, mode);
    if (reason) {
      notes.push(`distroless not used: ${reason}; using slim`);
      flavor = 'slim';
    }
  }
  const os: OsFamily = flavor === 'alpine' ? 'alpine' : 'debian';
  const suffix = os === 'alpine' ? 'alpine' : 'bookworm-slim';
  const mirror = inputs.registryMirror;
  if (service.runtime.source === 'default') notes.push(`${bun ? 'Bun' : 'Node'} ${version} is devsquad's default: the repository does not pin a version`);
  if (bun) {
    const image = imageRef(`oven/bun:\${BUN_VERSION}-${os === 'alpine' ? 'alpine' : 'slim'}`, mirror);
    return { os, args: [versionArg('BUN_VERSION', version)], build: image, runtime: image, distroless: false, probe: 'bun' };
  }
  const build = imageRef(`node:\${NODE_VERSION}-${suffix}`, mirror);
  if (flavor === 'distroless') {
    return {
      os, args: [versionArg('NODE_VERSION', version), versionArg('NODE_MAJOR', major)], build,
      runtime: 'gcr.io/distroless/nodejs${NODE_MAJOR}-debian12:nonroot', distroless: true, probe: 'node', probeBinary: '/nodejs/bin/node',
    };
  }
  return { os, args: [versionArg('NODE_VERSION', version)], build, runtime: build, distroless: false, probe: 'node' };
}

/** Why a distroless runtime (no shell, no package manager) cannot run this service, or null. */
function distrolessBlocker(service: ServicePlan, mode: NodeMode): string | null {
  if (service.build.systemPackages.length > 0 || service.build.features.includes('prisma')) return 'the runtime needs OS packages';
  if (mode === 'next-standalone' || mode === 'nuxt') return null;
  const start = service.commands.start;
  if (!start || needsShell(start) || shellWords(start)[0] !== 'node') return 'the start command is not a plain `node <file>`';
  return null;
}

/**
 * Monorepos: the lockfile covers every workspace, so the install needs every workspace's
 * package.json. This stage collects them from a bind mount of the context (nothing else is kept),
 * and because COPY --from is content-addressed the install layer stays cached until a manifest changes.
 */
function manifestsStage(): Block[] {
  return stage('base', 'manifests', [
    run(
      ['mkdir -p /manifests', 'find . -name node_modules -prune -o -name package.json -print | while read -r f; do mkdir -p "/manifests/${f%/*}" && cp "$f" "/manifests/$f"; done'],
      { mounts: ['--mount=type=bind,target=/app'] },
    ),
  ], 'Every workspace package.json, paths kept (the lockfile install needs them all).');
}

function buildStage(service: ServicePlan, pm: PackageManagerSetup, mode: NodeMode, layout: { rel: string; monorepo: boolean; prisma: boolean }): Block[] {
  const { rel, monorepo, prisma } = layout;
  const build = service.commands.build;
  const sources = monorepo
    ? `COPY --parents ${[rel, ...service.build.workspacePackages.map((p) => relativeTo(service.build.context, p))].filter((p) => p !== '').join(' ')} tsconfig*.json turbo.json* nx.json* ./`
    : 'COPY . .';
  const inService = (command: string): string => (rel === '' ? command : `cd ${rel} && ${command}`);
  const nextCache = mode === 'next' || mode === 'next-standalone' ? [cacheMount(`/app/${rel === '' ? '' : `${rel}/`}.next/cache`, { id: 'next-cache' })] : [];
  return stage('deps', 'build', [
    monorepo
      ? comment('Only this service and the workspace packages it needs; other services stay out of the image.')
      : comment('.dockerignore keeps node_modules, .git and local env files out of the context.'),
    sources,
    'ENV NODE_ENV=production',
    (mode === 'next' || mode === 'next-standalone') && 'ENV NEXT_TELEMETRY_DISABLED=1',
    prisma && !(build ?? '').includes('prisma generate') && run(inService(`${pm.exec} prisma generate`)),
    build ? run(build, { mounts: nextCache }) : comment('No build step in the plan: the sources run as they are.'),
  ], 'Build: sources, then the build command from the plan.');
}

interface RuntimeLayoutOptions {
  rel: string;
  appDir: string;
  monorepo: boolean;
  prisma: boolean;
  prodDeps: boolean;
  pm: PackageManagerSetup['name'];
  extraPackages: string[];
  notes: string[];
}

function runtimeStage(service: ServicePlan, inputs: DockerfileInputs, images: Images, mode: NodeMode, options: RuntimeLayoutOptions): Block[] {
  const { appDir, notes } = options;
  const user = inputs.nonRootUser;
  const uid = images.distroless ? DISTROLESS_UID : user.uid;
  const port = servicePort(service);
  const layout = runtimeLayout(service, mode, options);
  const start = layout.start;
  let argv = start ? cmdArgv(start, { shell: !images.distroless }) : null;
  if (!start) notes.push('no start command in the plan: CMD runs `node index.js`; set commands.start');
  if (start && /^(npm|yarn|pnpm|bun)\s+(run\s+)?start\b/.test(start)) notes.push(`start command "${start}" keeps the package manager as PID 1; resolve it to the real command so signals reach the app`);
  if (images.distroless) argv = (argv ?? ['node', 'index.js']).slice(1); // the distroless entrypoint is node itself
  const runtimePkgs = images.distroless ? [] : runtimePackages(images.os, service.build.systemPackages, notes).concat(options.extraPackages);
  const worker = isWorker(service);
  const healthcheck = worker ? null : httpHealthcheck(service, images.probe, inputs.healthcheck, images.probeBinary ? { binary: images.probeBinary } : {});
  if (worker) notes.push('worker: no EXPOSE and no HTTP healthcheck');
  else if (port === null) notes.push('no port in the plan: no EXPOSE and no healthcheck');
  else if (!service.health.path) notes.push(`no health route in the plan: the healthcheck probes "/" on ${port}`);
  return stage(images.runtime, 'runtime', [
    labels(service),
    'WORKDIR /app',
    'ENV NODE_ENV=production',
    layout.env,
    !images.distroless && installPackages(images.os, runtimePkgs),
    !images.distroless && createUser(images.os, user),
    comment('Application files stay owned by root: the app can read but not modify its own code.'),
    layout.copies,
    !images.distroless && writableDirs(layout.writable, uid),
    images.distroless && layout.writable.length > 0 && comment(`distroless has no shell to create ${layout.writable.join(', ')}; mount a volume there if the app writes to it.`),
    appDir !== '/app' && `WORKDIR ${appDir}`,
    !images.distroless && layout.path && `ENV PATH=${layout.path}:$PATH`,
    userLine(uid),
    portEnv(service, port),
    expose(port),
    healthcheck,
    worker && comment('Worker: no port to probe; the orchestrator\'s restart policy supervises it.'),
    worker && noHealthcheck(),
    comment('Exec form: the app is PID 1 and receives SIGTERM. `docker run --init` (compose `init: true`) adds a zombie reaper.'),
    images.distroless && `ENTRYPOINT ${execForm(['/nodejs/bin/node'])}`,
    images.distroless ? `CMD ${execForm(argv ?? ['index.js'])}` : `CMD ${execForm(argv ?? ['node', 'index.js'])}`,
  ], `Runtime: ${images.distroless ? 'distroless (no shell, uid 65532)' : 'minimal image with a fixed non-root uid'}; only what the app runs.`);
}
