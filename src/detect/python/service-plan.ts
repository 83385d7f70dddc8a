/**
 * Builds the ServicePlans of one analysed Python directory: runtime, package manager and install,
 * uv workspace wiring, framework, start command and port, health route, env vars, backing services,
 * migrations, system packages, then worker services (Procfile processes or a Celery app) that
 * share the web service's build.
 */
import type { RepoFs } from '../../core/repo/repo-fs.js';
import type { ServicePlan } from '../../plan/schema.js';
import { addBackingService, addEvidence, addFeature, addWarning, blankService, serviceName } from '../../plan/service.js';
import { addBackingFromDependencies, linkBackingEnvVars } from '../shared/backing.js';
import { addEnvFromExampleFiles } from '../shared/env-vars.js';
import { applyHealthRoute } from '../shared/health.js';
import type { PythonAnalysis } from './analysis.js';
import type { DependencySet } from './dependencies.js';
import { addBackingFromUrls, addCeleryBroker } from './backing.js';
import { applyChecks } from './checks.js';
import type { Fact } from './frameworks/types.js';
import { pythonHealthRoutes } from './health.js';
import { alembicMigrate } from './migrate.js';
import { choosePackageManager } from './package-managers.js';
import { readProject } from './project.js';
import { pythonVersion } from './runtime.js';
import { applyEnvReads, findEnvReads } from './settings.js';
import { baseName, readSources, type PySource } from './source.js';
import { applyStartAndPort } from './start-port.js';
import { addSystemPackages } from './system-packages.js';
import { workspaceDependencies } from './uv-workspace.js';

export function buildServices(repo: RepoFs, analysis: PythonAnalysis): ServicePlan[] {
  const { project, workspace, context: ctx, framework, celery, web, workers, procfile } = analysis;
  const { dir } = project;
  const declared = pythonVersion(repo, project, workspace);
  // Nothing in the manifests: the committed recipe's `FROM python:3.11` is what the team runs on.
  const image = declared.source === 'default' ? analysis.recipe?.pythonImage : null;
  const runtime = image && analysis.recipe ? { version: image.version, source: analysis.recipe.file, line: image.line, note: image.note } : declared;
  const service = blankService({
    name: project.name ?? (dir === '' ? repo.name : baseName(dir)),
    path: dir,
    language: 'python',
    runtime: { name: 'python', version: runtime.version, source: runtime.source },
  });
  if (runtime.source === 'default') {
    addWarning(service, `No Python version found (.python-version, runtime.txt, .tool-versions, requires-python); using the default ${runtime.version}.`);
  } else {
    addEvidence(service, 'runtime', runtime.source, runtime.note, runtime.line);
  }

  const manager = choosePackageManager(repo, project, workspace);
  if (manager) {
    service.packageManager = { name: manager.name, lockfile: manager.lockfile, version: manager.version };
    service.commands.install = manager.install;
    addEvidence(service, 'packageManager', manager.evidence.file, manager.evidence.note, manager.evidence.line);
    // Deployment variants the start command needs (requirements-gunicorn.txt) are installed with the main file.
    const install = analysis.install && manager.name === 'pip' && manager.install.startsWith('pip install -r ') ? analysis.install : null;
    if (install) service.commands.install = `pip install ${install.files.map((f) => `-r ${f}`).join(' ')}`;
    addEvidence(service, 'install', manager.evidence.file, manager.install, manager.evidence.line);
    if (install) addEvidence(service, 'install', install.fact.file, install.fact.note, install.fact.line);
  } else {
    addWarning(service, 'No dependency manifest (requirements.txt, pyproject.toml, Pipfile) found; nothing to install.');
  }

  applyChecks(repo, service, dir, manager?.name ?? null);

  // Sources of workspace packages run inside this service too: their env reads and URLs count.
  const extraSources: PySource[] = [];
  const extraDeps: DependencySet[] = [];
  if (workspace) {
    service.build.context = workspace.root;
    addFeature(service, 'uv-workspace');
    addEvidence(service, 'build', workspace.rootFile, `uv workspace member; built from ${workspace.root || 'the repository root'}`, workspace.line);
    for (const dep of workspaceDependencies(repo, workspace, dir)) {
      service.build.workspacePackages.push(dep.dir);
      addEvidence(service, 'build', dep.file, `needs workspace package ${dep.name} (${dep.dir})`, dep.line);
      extraSources.push(...readSources(repo, dep.dir, 100));
      extraDeps.push(readProject(repo, dep.dir).dependencies);
    }
    service.build.workspacePackages.sort();
  }

  if (framework) {
    service.framework = framework.id;
    addEvidence(service, 'framework', framework.evidence.file, framework.evidence.note, framework.evidence.line);
    for (const feature of framework.features) addFeature(service, feature);
    for (const warning of framework.warnings) addWarning(service, warning);
    if (framework.target) service.build.target = framework.target;
  }

  const ports = applyEnvReads(service, findEnvReads([...ctx.sources, ...extraSources]));
  addEnvFromExampleFiles(repo, dir, service);
  applyStartAndPort(service, analysis, ports);

  if (framework?.health) {
    service.health.path = framework.health.path;
    addEvidence(service, 'health', framework.health.fact.file, framework.health.fact.note, framework.health.fact.line);
  } else if (framework?.id !== 'django') {
    applyHealthRoute(service, pythonHealthRoutes(repo, ctx.sources));
  }

  // What the image installs: the main manifests plus the variant files the install reads.
  const installed = service.commands.install?.startsWith('pip install -r ') && analysis.install ? analysis.install.dependencies : project.dependencies;
  addBackingServices(service, analysis, installed, [...ctx.sources, ...extraSources], extraDeps);

  const release = procfile?.release ?? null;
  const migrate = release
    ? { command: release.command, fact: { file: procfile!.file, line: release.line, note: `release: ${release.command}` } }
    : (framework?.migrate ?? alembicMigrate(repo, dir, project, installed));
  if (migrate) {
    service.commands.migrate = migrate.command;
    addEvidence(service, 'migrate', migrate.fact.file, migrate.fact.note, migrate.fact.line);
  }
  addSystemPackages(service, installed);

  const workerCommands: WorkerCommand[] = workers.map((w) => ({ process: w.process, command: w.command, fact: { file: procfile!.file, line: w.line, note: `${w.process}: ${w.command}` } }));
  if (workerCommands.length === 0 && celery) workerCommands.push({ process: 'worker', command: celery.command, fact: celery.fact });
  if (!framework && !web && analysis.start?.origin !== 'recipe') {
    // No web process: the service is its first worker.
    const first = workerCommands.shift();
    if (first) {
      service.kind = 'worker';
      service.commands.start = first.command;
      addEvidence(service, 'start', first.fact.file, first.fact.note, first.fact.line);
    }
  }
  return [service, ...workerCommands.map((w) => workerService(service, w))];
}

function addBackingServices(service: ServicePlan, analysis: PythonAnalysis, installed: DependencySet, sources: readonly PySource[], extraDeps: DependencySet[]): void {
  const { context: ctx, framework, project } = analysis;
  for (const deps of [installed, ...extraDeps]) {
    // shared/backing.ts takes one manifest per call: group the dependencies by the file that declares them
    const byFile = new Map<string, string[]>();
    for (const dep of deps.values()) byFile.set(dep.file, [...(byFile.get(dep.file) ?? []), dep.name]);
    for (const [file, names] of byFile) addBackingFromDependencies(service, 'pypi', names, file, (name) => deps.get(name)?.line);
  }
  for (const backing of framework?.backing ?? []) {
    addBackingService(service, backing.kind, backing.envVar);
    addEvidence(service, `backing:${backing.kind}`, backing.fact.file, backing.fact.note, backing.fact.line);
  }
  addBackingFromUrls(ctx.repo, project.dir, service, sources);
  linkBackingEnvVars(service);
  addCeleryBroker(service, installed);
  // SQLite beside a database server is the local-development fallback (`DATABASE_URL or sqlite:///`).
  if (service.backingServices.some((b) => SQL_SERVERS.includes(b.kind)) && service.backingServices.some((b) => b.kind === 'sqlite')) {
    service.backingServices = service.backingServices.filter((b) => b.kind !== 'sqlite');
    service.evidence = service.evidence.filter((e) => e.fact !== 'backing:sqlite');
  }
  linkBackingEnvVars(service);
}

const SQL_SERVERS: readonly string[] = ['postgres', 'mysql', 'mariadb', 'sqlserver'];

/** A worker process built like the web service: same image, its own command, no port or health check. */
interface WorkerCommand {
  process: string;
  command: string;
  fact: Fact;
}

function workerService(web: ServicePlan, worker: WorkerCommand): ServicePlan {
  const copy = structuredClone(web);
  copy.name = serviceName(`${web.name}-${worker.process}`);
  copy.kind = 'worker';
  copy.commands.start = worker.command;
  copy.commands.migrate = null;
  copy.port = { value: null, envVar: null, bindAddress: null };
  copy.health = { path: null };
  copy.warnings = web.warnings.filter((w) => !/bind|port|server/i.test(w));
  copy.evidence = web.evidence.filter((e) => !['start', 'port', 'health', 'migrate'].includes(e.fact));
  addEvidence(copy, 'start', worker.fact.file, worker.fact.note, worker.fact.line);
  return copy;
}
