/**
 * .NET: restore and publish in mcr.microsoft.com/dotnet/sdk on $BUILDPLATFORM (no emulation in
 * multi-platform builds), run on the ASP.NET Core runtime (the plain runtime for workers) as the
 * images' built-in non-root `app` user (`USER $APP_UID`, uid 1654, .NET 8+).
 *
 * - Runtime base: `<v>-noble-chiseled-extra` by default: Ubuntu chiseled (no shell, no package
 *   manager) with ICU and tzdata, so culture-aware code and time zones behave as on a developer
 *   machine. OS packages in the plan need apt, so they switch the base to the regular image.
 * - Projects: the .csproj files (the service's and those of the ProjectReferences in
 *   build.workspacePackages) plus Directory.Build.props / Directory.Packages.props (Central Package
 *   Management), NuGet.config and global.json are copied first, so `dotnet restore` is its own
 *   cached layer; then only those project directories are copied and published.
 * - Architecture: without a lock file, restore and publish take `-a $TARGETARCH` (the SDK maps
 *   amd64/arm64 to linux-x64/linux-arm64), as Microsoft's samples do. With packages.lock.json, the
 *   restore is `--locked-mode` and the publish is portable (no RID): a RID-specific restore changes
 *   the lock file's targets and locked mode rejects it unless the project lists
 *   <RuntimeIdentifiers>. Portable framework-dependent output runs on every architecture.
 * - Blazor WebAssembly (kind static): published wwwroot served by the shared nginx stage.
 */
import type { ServicePlan } from '../../../plan/schema.js';
import type { DockerfileInputs } from '../generate.js';
import {
  cacheMount, comment, createUser, execForm, expose, installPackages, labels, renderDockerfile, run, secretMount,
  servicePort, stage, userLine, versionArg, type Block,
} from '../common.js';
import { runtimePackages } from '../packages.js';
import { DEFAULT_VERSIONS } from '../../../detect/shared/versions.js';
import { nginxRuntimeStage, nginxVersionArg } from '../nginx.js';
import type { DockerfileRecipe, StackRenderer } from './types.js';
import { basename, destDir, inContext, joinRel, numericVersion, planProbe, type RuntimeTools } from './compiled.js';

type Runtime = 'chiseled' | 'regular' | 'alpine';

const MCR = 'mcr.microsoft.com/dotnet';
/** Root files that change how every project restores and builds; copied when present (wildcards). */
const ROOT_FILES = ['Directory.Build.props*', 'Directory.Build.targets*', 'Directory.Packages.props*', 'NuGet.config*', 'nuget.config*', 'NuGet.Config*', 'global.json*'];

export const render: StackRenderer = (service, inputs) => {
  const notes: string[] = [];
  const version = dotnetVersion(service, notes);
  const major = Number(version.split('.')[0]);
  const project = projectFile(service);
  if (service.kind === 'static') return blazorWasm(service, inputs, version, major, project, notes);
  const web = service.kind !== 'worker' || /asp|web|blazor|razor/i.test(service.framework ?? '');
  const libs = runtimePackages('debian', service.build.systemPackages, notes);
  const runtime = pickRuntime(major, libs.length > 0, inputs, notes);
  const tools: RuntimeTools = runtime === 'alpine' ? { wget: true, nc: true } : {};
  const probe = planProbe(service, inputs, tools);
  notes.push(probe.note);
  const assembly = assemblyName(service, project, notes);
  const port = servicePort(service);

  const text = renderDockerfile([
    versionArg('DOTNET_VERSION', version),
    probe.arg,
    buildStage(service, project, major, false, notes),
    probe.stage,
    stage(runtimeImage(web ? 'aspnet' : 'runtime', runtime, major), 'runtime', [
      labels(service),
      runtime === 'regular' ? installPackages('debian', libs) : null,
      major < 8 ? createUser('debian', inputs.nonRootUser) : null,
      probe.copy,
      'WORKDIR /app',
      'COPY --from=build /app/publish ./',
      portEnvDotnet(service, port),
      expose(port),
      major >= 8 ? 'USER $APP_UID' : userLine(inputs.nonRootUser.uid),
      probe.healthcheck,
      `ENTRYPOINT ${execForm(['dotnet', assembly])}`,
    ], runtimeComment(runtime, web)),
  ]);
  return { text, notes };
};

/**
 * Blazor WebAssembly (kind static): the SDK publishes the app's static files (wwwroot) and the
 * shared unprivileged nginx stage serves them as a single-page app; no .NET runtime ships.
 */
function blazorWasm(service: ServicePlan, inputs: DockerfileInputs, version: string, major: number, project: ProjectRef, notes: string[]): DockerfileRecipe {
  notes.push('Blazor WebAssembly: published wwwroot served by unprivileged nginx (SPA fallback to index.html, /healthz built in)');
  const text = renderDockerfile([
    versionArg('DOTNET_VERSION', version),
    nginxVersionArg(),
    buildStage(service, project, major, true, notes),
    nginxRuntimeStage({ fromStage: 'build', source: '/app/publish/wwwroot', spa: true, inputs }),
  ]);
  return { text, notes };
}

function buildStage(service: ServicePlan, project: ProjectRef, major: number, portable: boolean, notes: string[]): Block {
  const context = service.build.context;
  const lockfile = service.packageManager?.lockfile ?? null;
  const locked = lockfile !== null && /packages\.lock\.json$/.test(lockfile);
  const rid = !locked && !portable && major >= 8;
  const references = service.build.workspacePackages.map((p) => inContext(context, p)).filter((p) => p !== project.dir);
  const projects = [project.dir, ...references];
  const arch = rid ? ' -a $TARGETARCH' : '';
  // A project file, or its directory (dotnet finds the only project in it), relative to /source.
  const restorePath = project.file === null ? project.dir : joinRel(project.dir, project.file);
  const restoreTarget = restorePath === '.' ? '' : ` ${quote(restorePath)}`;
  const nugetMounts = [
    cacheMount('/root/.nuget/packages', { id: 'nuget', sharing: 'locked' }),
    // Private feeds: docker build --secret id=nuget-config,src=<a NuGet.Config with credentials>
    secretMount('nuget-config', '/root/.nuget/NuGet/NuGet.Config'),
  ];
  if (locked) notes.push('packages.lock.json: dotnet restore --locked-mode; portable publish (a RID-specific restore would not match the lock file unless the project lists <RuntimeIdentifiers>)');
  else if (portable) notes.push('WebAssembly output is the same for every platform: no -a');
  else if (rid) notes.push('restore and publish with -a $TARGETARCH: framework-dependent output for the target architecture, built on $BUILDPLATFORM');
  else notes.push(`.NET ${major} SDK: portable publish (the SDK maps -a amd64 only from .NET 8)`);
  if (!locked) notes.push('no packages.lock.json: restore is not lockfile-strict; set RestorePackagesWithLockFile in the project and commit the lock file');
  if (service.build.features.includes('central-package-management')) notes.push('Central Package Management: Directory.Packages.props is copied with the project files');

  return stage(`--platform=$BUILDPLATFORM ${MCR}/sdk:\${DOTNET_VERSION}`, 'build', [
    rid ? 'ARG TARGETARCH' : null,
    'WORKDIR /source',
    `COPY ${ROOT_FILES.join(' ')} ./`,
    projects.map((dir) => {
      const file = dir === project.dir && project.file !== null ? joinRel(dir, project.file) : joinRel(dir, '*.*proj');
      return `COPY ${file} ${joinRel(dir, 'packages.lock.json*')} ${joinRel(dir, 'Directory.Build.props*')} ${destDir(dir)}`;
    }),
    run(`dotnet restore${restoreTarget}${arch}${locked ? ' --locked-mode' : ''}`, { mounts: nugetMounts }),
    project.dir === '.' ? 'COPY . .' : projects.map((dir) => `COPY ${dir}/ ${dir}/`),
    project.dir === '.' ? null : `WORKDIR /source/${project.dir}`,
    comment('UseAppHost=false: the image starts the app with `dotnet <assembly>.dll`, so no native launcher is needed.'),
    run(`dotnet publish${project.file === null ? '' : ` ${quote(project.file)}`} -c Release${arch} --no-restore -o /app/publish /p:UseAppHost=false`, { mounts: [nugetMounts[0]!] }),
  ]);
}

/**
 * The port setting ASP.NET Core reads: ASPNETCORE_HTTP_PORTS (the images' default is 8080) unless
 * the plan names another variable; ASPNETCORE_URLS takes a URL.
 */
function portEnvDotnet(service: ServicePlan, port: number | null): string | null {
  if (port === null) return null;
  const name = service.port.envVar ?? 'ASPNETCORE_HTTP_PORTS';
  return name === 'ASPNETCORE_URLS' ? `ENV ASPNETCORE_URLS=http://+:${port}` : `ENV ${name}=${port}`;
}

interface ProjectRef {
  /** Context-relative directory of the project ('.' for the context root). */
  dir: string;
  /** Project file name, or null to let dotnet find the only one in the directory. */
  file: string | null;
}

/** build.target is the project file, relative to the service directory or repo-relative. */
function projectFile(service: ServicePlan): ProjectRef {
  const dir = inContext(service.build.context, service.path);
  const target = service.build.target;
  if (!target || !/\.(cs|fs|vb)proj$/.test(target)) return { dir, file: null };
  const repoRelative = service.path !== '' && target.startsWith(`${service.path}/`) ? target.slice(service.path.length + 1) : target;
  const slash = repoRelative.lastIndexOf('/');
  if (slash === -1) return { dir, file: repoRelative };
  return { dir: joinRel(dir, repoRelative.slice(0, slash)), file: repoRelative.slice(slash + 1) };
}

/** The dll to run: build.artifact, else the project file's name (AssemblyName defaults to it). */
function assemblyName(service: ServicePlan, project: ProjectRef, notes: string[]): string {
  const artifact = service.build.artifact;
  if (artifact && /^[A-Za-z0-9._-]+$/.test(basename(artifact))) {
    const name = basename(artifact);
    return name.endsWith('.dll') ? name : `${name}.dll`;
  }
  if (project.file !== null) return project.file.replace(/\.(cs|fs|vb)proj$/, '.dll');
  const guess = `${basename(service.path === '' ? service.name : service.path)}.dll`;
  notes.push(`assembly name unknown (no build.artifact or build.target): assuming ${guess}; set build.artifact if the project's AssemblyName differs`);
  return guess;
}

function pickRuntime(major: number, needsPackages: boolean, inputs: DockerfileInputs, notes: string[]): Runtime {
  if (major < 8) {
    notes.push(`.NET ${major} is out of support and has no chiseled images with a built-in non-root user: using the regular image with a created user; upgrade to .NET 8+`);
    return 'regular';
  }
  if (needsPackages) {
    if (inputs.baseImageFlavor === 'distroless') notes.push('baseImageFlavor distroless ignored: the plan\'s system packages need apt (regular image)');
    return 'regular';
  }
  if (inputs.baseImageFlavor === 'alpine') return 'alpine';
  if (inputs.baseImageFlavor === 'slim') return 'regular';
  return 'chiseled';
}

function runtimeImage(kind: 'aspnet' | 'runtime', runtime: Runtime, major: number): string {
  const suffix = runtime === 'chiseled' ? '-noble-chiseled-extra' : runtime === 'alpine' ? '-alpine' : major >= 10 ? '-noble' : major >= 8 ? '-bookworm-slim' : '';
  return `${MCR}/${kind}:\${DOTNET_VERSION}${suffix}`;
}

function runtimeComment(runtime: Runtime, web: boolean): string {
  const what = web ? 'ASP.NET Core runtime' : '.NET runtime (worker: no ASP.NET Core)';
  switch (runtime) {
    case 'chiseled': return `Runtime: ${what}, Ubuntu chiseled with ICU and tzdata (no shell, no package manager), as the image's app user.`;
    case 'alpine': return `Runtime: ${what} on alpine, as the image's app user.`;
    case 'regular': return `Runtime: ${what} on the regular image (apt available for the plan's OS packages), as a non-root user.`;
  }
}

/** 'net8.0', '8', '8.0.404' → '8.0' (image tags are major.minor; SDK and runtime patch numbers differ). */
function dotnetVersion(service: ServicePlan, notes: string[]): string {
  const parsed = numericVersion(service.runtime.version, 2);
  const version = parsed === null ? DEFAULT_VERSIONS.dotnet : parsed.includes('.') ? parsed : `${parsed}.0`;
  if (parsed === null) notes.push(`runtime version ${JSON.stringify(service.runtime.version)} is not a .NET version: using ${version}`);
  else notes.push(service.runtime.source === 'default' ? `.NET ${version} is devsquad's default: set TargetFramework or global.json` : `.NET ${version} from ${service.runtime.source}`);
  return version;
}

/** Double-quotes a path for the shell when it has spaces or other specials. */
function quote(path: string): string {
  return /^[A-Za-z0-9._/-]+$/.test(path) ? path : `"${path.replace(/(["\\$`])/g, '\\$1')}"`;
}
