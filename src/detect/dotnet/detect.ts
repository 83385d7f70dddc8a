/**
 * .NET detector. A directory with a project file (.csproj, .fsproj, .vbproj) is:
 * - a server: Sdk="Microsoft.NET.Sdk.Web" (ASP.NET Core), or an Exe referencing Microsoft.AspNetCore.App;
 * - a worker: Sdk="Microsoft.NET.Sdk.Worker", or any other Exe;
 * - a library: class libraries, test projects (IsTestProject, xunit / NUnit / MSTest) and Aspire hosts.
 * A directory with only a .sln / .slnx is a workspace root. Projects that reference sibling projects,
 * or share Directory.*.props / global.json above them, build from the common directory.
 */
import type { RepoFs } from '../../core/repo/repo-fs.js';
import { joinPath } from '../../core/repo/repo-fs.js';
import type { ServicePlan } from '../../plan/schema.js';
import { addEvidence, addFeature, addWarning, blankService } from '../../plan/service.js';
import { addBackingFromDependencies } from '../shared/backing.js';
import { applyRecipePort, serviceRecipe, type ContainerRecipe } from '../shared/container-recipe.js';
import { addEnvFromExampleFiles } from '../shared/env-vars.js';
import { applyHealthRoute, findHealthRoutes } from '../shared/health.js';
import { isLoopback } from '../shared/procfile.js';
import { DEFAULT_VERSIONS } from '../shared/versions.js';
import type { Detection } from '../types.js';
import { readAppSettings } from './appsettings.js';
import { applyEfCoreMigrations } from './ef-core.js';
import { applyAspNetHealth, applyAspNetPort, fromDockerfile, fromServerCode } from './frameworks/aspnet-core.js';
import { hasPackage, isProjectFile, nearest, projectClosure, property, readProject, type MsBuildProject } from './msbuild.js';
import { applyRuntime } from './runtime.js';
import { solutionFiles, solutionFor, type Solution } from './solution.js';
import { dotnetSources, linkConnectionStrings, recordConfigReads } from './sources.js';
import { applyChecks } from './checks.js';

type DotnetKind = 'server' | 'worker' | 'static';

interface Verdict {
  project: MsBuildProject;
  kind: DotnetKind;
  why: { file: string; line?: number; note: string };
  /** A console Exe: a server after all when its code starts a listener (NetCoreServer, EmbedIO, …). */
  console?: boolean;
}

const TEST_PACKAGES = ['Microsoft.NET.Test.Sdk', 'xunit', 'xunit.v3', 'NUnit', 'MSTest.TestFramework', 'MSTest', 'TUnit'];

export function detect(repo: RepoFs, dir: string): Detection | null {
  const projectFile = pickProjectFile(repo, dir);
  if (!projectFile) {
    const solutions = solutionFiles(repo, dir);
    if (solutions.length === 0) return null;
    return { role: 'workspace-root', reason: `${solutions[0]} is a .NET solution`, data: { tools: ['dotnet-solution'] } };
  }
  const project = readProject(repo, projectFile);
  if (!project) return null; // broken XML: RepoFs recorded DSQ_ERR_MANIFEST_PARSE
  const name = projectFile.slice(projectFile.lastIndexOf('/') + 1);
  const isTest = property(project, 'IsTestProject')?.value.toLowerCase() === 'true' || project.sdk === 'MSTest.Sdk' || hasPackage(project, ...TEST_PACKAGES) !== null;
  if (isTest) return { role: 'library', reason: `${name} is a test project` };
  if (property(project, 'IsAspireHost')?.value.toLowerCase() === 'true' || /Aspire\.AppHost\.Sdk/.test(project.text)) {
    return { role: 'library', reason: `${name} is a .NET Aspire AppHost (local orchestration, not deployed itself)` };
  }
  const sdk = project.sdk ?? '';
  const outputType = property(project, 'OutputType')?.value.toLowerCase() ?? null;
  const sdkLine = project.text.split('\n').findIndex((l) => l.includes(sdk)) + 1 || undefined;
  let verdict: Verdict | null = null;
  if (/^Microsoft\.NET\.Sdk\.BlazorWebAssembly$/i.test(sdk)) {
    verdict = { project, kind: 'static', why: { file: projectFile, line: sdkLine, note: `Sdk="${sdk}": a client-side Blazor app (static files)` } };
  } else if (/^Microsoft\.NET\.Sdk\.Web$/i.test(sdk) && outputType !== 'library') {
    verdict = { project, kind: 'server', why: { file: projectFile, line: sdkLine, note: `Sdk="${sdk}": ASP.NET Core` } };
  } else if (/^Microsoft\.NET\.Sdk\.Worker$/i.test(sdk)) {
    verdict = { project, kind: 'worker', why: { file: projectFile, line: sdkLine, note: `Sdk="${sdk}": a worker service` } };
  } else if (outputType === 'exe' || outputType === 'winexe') {
    const web = project.frameworkRefs.includes('Microsoft.AspNetCore.App');
    verdict = { project, kind: web ? 'server' : 'worker', console: !web, why: { file: projectFile, line: property(project, 'OutputType')?.line, note: web ? 'OutputType Exe with the Microsoft.AspNetCore.App framework' : 'OutputType Exe without a web framework: a console / worker process' } };
  }
  if (!verdict) return { role: 'library', reason: `${name} is a class library (no Web or Worker SDK, no OutputType Exe)` };
  return { role: 'service', reason: verdict.why.note, data: verdict };
}

/** The project file of a directory: the one named after it, else the first. */
function pickProjectFile(repo: RepoFs, dir: string): string | null {
  const files = repo.list(dir).filter(isProjectFile).map((n) => joinPath(dir, n)).filter((f) => repo.isFile(f));
  if (files.length === 0) return null;
  const base = dir.split('/').pop() ?? '';
  return files.find((f) => f.slice(f.lastIndexOf('/') + 1).replace(/\.\w+proj$/, '') === base) ?? files[0]!;
}

export function plan(repo: RepoFs, dir: string, detection: Detection): ServicePlan[] {
  const v = detection.data as Verdict | undefined;
  if (!v?.project) return [];
  const { project } = v;
  const fileName = project.file.slice(project.file.lastIndexOf('/') + 1);
  const assembly = property(project, 'AssemblyName')?.value ?? fileName.replace(/\.\w+proj$/, '');
  const service = blankService({ name: assembly, path: dir, language: 'dotnet', runtime: { name: 'dotnet', version: DEFAULT_VERSIONS.dotnet, source: 'default' } });
  service.kind = v.kind;
  service.build.target = fileName;
  if (v.kind !== 'static') service.framework = v.kind === 'server' ? 'aspnet-core' : null;
  addEvidence(service, 'framework', v.why.file, v.why.note, v.why.line);
  const major = applyRuntime(repo, service, project);

  const closure = projectClosure(repo, project);
  const solution = solutionFor(repo, project.file);
  applyContext(repo, service, project, closure, solution);
  applyCommands(repo, service, project, assembly);

  const sources = dotnetSources(repo, dir);
  const settings = readAppSettings(repo, dir);
  const recipe = serviceRecipe(repo, dir, [assembly, dir.split('/').pop() ?? ''], { ancestorsMentioning: [`${assembly}.dll`, fileName] });
  if (v.kind === 'server') {
    applyAspNetPort({ repo, service, dir, sources, settings, major, recipe });
    applyAspNetHealth(repo, service, sources);
  } else if (v.console) {
    applyConsoleServer(repo, service, sources, recipe);
  }
  // Configuration is read wherever the code runs: referenced projects (Infrastructure, …) count too.
  const closureSources = closure.flatMap((p) => dotnetSources(repo, p.dir, 200));
  const connectionStrings = recordConfigReads(repo, service, [...sources, ...closureSources], settings);
  for (const p of [project, ...closure]) {
    for (const pkg of p.packages) addBackingFromDependencies(service, 'nuget', [pkg.name], pkg.file, () => pkg.line);
  }
  linkConnectionStrings(service, connectionStrings, settings);
  applyEfCoreMigrations(repo, service, project, closure, [...sources, ...closureSources]);
  applySpaBuild(service, project);
  addEnvFromExampleFiles(repo, dir, service);
  return [service];
}

/**
 * A console app that starts its own HTTP server (NetCoreServer, EmbedIO, GenHTTP, Watson, raw
 * sockets): a server when its code binds a port, with that port (the recipe's ENV override applies).
 */
function applyConsoleServer(repo: RepoFs, service: ServicePlan, sources: readonly string[], recipe: ContainerRecipe | null): void {
  // Kestrel pulled in by a package (not the shared framework) still reads ASPNETCORE_URLS from the recipe.
  const listen = fromServerCode(repo, sources) ?? fromDockerfile(recipe);
  if (!listen) return;
  service.kind = 'server';
  service.port = { value: listen.port, envVar: listen.envVar, bindAddress: listen.host };
  addEvidence(service, 'port', listen.file, listen.note, listen.line);
  applyRecipePort(service, recipe);
  if (isLoopback(listen.host)) addWarning(service, `${listen.file} binds ${listen.host}: the server is unreachable from outside its container. Listen on 0.0.0.0.`);
  applyHealthRoute(service, findHealthRoutes(repo, sources));
}

/** Build context: the directory that holds every referenced project, the solution and the shared MSBuild files. */
function applyContext(repo: RepoFs, service: ServicePlan, project: MsBuildProject, closure: readonly MsBuildProject[], solution: Solution | null): void {
  const dirs = [project.dir, ...closure.map((p) => p.dir)];
  const shared: string[] = [];
  for (const name of ['Directory.Build.props', 'Directory.Packages.props', 'Directory.Build.targets', 'global.json', 'NuGet.config', 'nuget.config']) {
    const file = nearest(repo, project.dir, name);
    if (file) shared.push(file);
  }
  for (const file of shared) dirs.push(file.includes('/') ? file.slice(0, file.lastIndexOf('/')) : '');
  if (solution && closure.length > 0) dirs.push(solution.dir);
  const context = commonAncestor(dirs);
  service.build.context = context;
  service.build.workspacePackages = closure.map((p) => p.dir).filter((d) => d !== project.dir).sort();
  if (closure.length > 0) {
    addEvidence(service, 'build', project.file, `references ${closure.map((p) => p.file.slice(p.file.lastIndexOf('/') + 1)).join(', ')}: built from ${context || '.'}`);
  }
  if (solution || context !== project.dir) addFeature(service, 'dotnet-solution');
  if (solution) addEvidence(service, 'build', solution.file, `${project.file} is part of this solution`);
  for (const file of shared.filter((f) => !f.startsWith(`${project.dir}/`) && project.dir !== '')) {
    addEvidence(service, 'build', file, `${file.slice(file.lastIndexOf('/') + 1)} above the project applies to it: the build context includes it`);
  }
  const cpm = nearest(repo, project.dir, 'Directory.Packages.props');
  if (cpm) {
    addFeature(service, 'central-package-management');
    addEvidence(service, 'packageManager', cpm, 'Central Package Management: package versions live in Directory.Packages.props');
  }
}

function commonAncestor(dirs: readonly string[]): string {
  const split = dirs.map((d) => (d === '' ? [] : d.split('/')));
  const first = split[0] ?? [];
  let n = first.length;
  for (const parts of split) {
    let i = 0;
    while (i < n && i < parts.length && parts[i] === first[i]) i++;
    n = i;
  }
  return first.slice(0, n).join('/');
}

function applyCommands(repo: RepoFs, service: ServicePlan, project: MsBuildProject, assembly: string): void {
  const context = service.build.context;
  const rel = context === '' ? project.file : project.file.slice(context.length + 1);
  const lockfile = joinPath(project.dir, 'packages.lock.json');
  const locked = repo.isFile(lockfile);
  service.packageManager = { name: 'nuget', lockfile: locked ? lockfile : null, version: null };
  service.commands.install = `dotnet restore ${rel}${locked ? ' --locked-mode' : ''}`;
  service.commands.build = `dotnet publish ${rel} -c Release -o /app/publish --no-restore`;
  addEvidence(service, 'install', project.file, locked ? 'packages.lock.json present: restore in locked mode' : 'restore the project (and the projects it references)');
  addEvidence(service, 'build', project.file, 'publish a framework-dependent release build to /app/publish');
  applyChecks(repo, service);
  if (service.kind === 'static') {
    service.build.artifact = 'wwwroot';
    service.build.outputDir = null;
    addWarning(service, 'Blazor WebAssembly publishes static files to /app/publish/wwwroot: serve them with a web server.');
    return;
  }
  service.build.artifact = `${assembly}.dll`;
  service.commands.start = `dotnet ${assembly}.dll`;
  const assemblyName = property(project, 'AssemblyName');
  addEvidence(service, 'start', assemblyName?.file ?? project.file, assemblyName ? `AssemblyName ${assembly}: publish output ${assembly}.dll` : `assembly named after ${project.file.slice(project.file.lastIndexOf('/') + 1)}: ${assembly}.dll`, assemblyName?.line);
}

/** A project that runs npm while publishing (SPA templates: <SpaRoot>, <Exec Command="npm …">) needs Node.js in the build. */
function applySpaBuild(service: ServicePlan, project: MsBuildProject): void {
  const m = /<Exec\b[^>]*Command="(npm|yarn|pnpm|npx)\b[^"]*"/.exec(project.text) ?? /<SpaRoot>[^<]+<\/SpaRoot>/.exec(project.text);
  if (!m) return;
  for (const pkg of ['nodejs', 'npm']) if (!service.build.systemPackages.includes(pkg)) service.build.systemPackages.push(pkg);
  addEvidence(service, 'build', project.file, `${m[0].slice(0, 100)}: publish runs a Node.js build, so the build stage needs nodejs and npm`, project.text.slice(0, m.index).split('\n').length);
}
