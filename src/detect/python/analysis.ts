/**
 * One directory's Python analysis, shared by detect() and plan(): the project manifests, its uv
 * workspace (as root or member), the sources, the framework app, a Celery app and the Procfile.
 * detect() turns it into a role; plan() turns it into ServicePlans without reading it all again.
 */
import type { RepoFs } from '../../core/repo/repo-fs.js';
import { joinPath } from '../../core/repo/repo-fs.js';
import { readProcfile, type Procfile, type ProcfileEntry } from '../shared/procfile.js';
import { runsPython } from './commands.js';
import { detectAiohttp } from './frameworks/aiohttp.js';
import { detectBlackSheep } from './frameworks/blacksheep.js';
import { detectBottle } from './frameworks/bottle.js';
import { detectCelery, type CeleryApp } from './frameworks/celery.js';
import { detectCherryPy } from './frameworks/cherrypy.js';
import { detectDjango } from './frameworks/django.js';
import { detectEmmett } from './frameworks/emmett.js';
import { detectFalcon } from './frameworks/falcon.js';
import { detectFastApi } from './frameworks/fastapi.js';
import { detectFlask } from './frameworks/flask.js';
import { detectGenericApp } from './frameworks/generic.js';
import { detectLitestar } from './frameworks/litestar.js';
import { detectPyramid } from './frameworks/pyramid.js';
import { detectQuart } from './frameworks/quart.js';
import { detectResponder } from './frameworks/responder.js';
import { detectRobyn } from './frameworks/robyn.js';
import { detectSanic } from './frameworks/sanic.js';
import { detectServingScript } from './frameworks/script.js';
import { detectStarlette } from './frameworks/starlette.js';
import { detectStreamlit } from './frameworks/streamlit.js';
import { detectTornado } from './frameworks/tornado.js';
import type { FrameworkMatch, PyContext } from './frameworks/types.js';
import { readContainerRecipe, type ContainerRecipe } from './container-recipe.js';
import { DependencySet } from './dependencies.js';
import { chooseInstallFiles, type InstallFiles } from './install-files.js';
import { declaresProject, readProject, type PyProject } from './project.js';
import { REQUIREMENTS_CANDIDATES, requirementVariants } from './requirements.js';
import { baseName } from './source.js';
import { chooseStart, type StartChoice } from './start-choice.js';
import { declaredServers, findHypercornConfig, readGunicornConfig, readUwsgiConfig } from './servers.js';
import { readSources, type PySource } from './source.js';
import { readUvWorkspace, workspaceOf, type UvWorkspace } from './uv-workspace.js';

export interface PythonAnalysis {
  project: PyProject;
  /** The workspace this directory is a member of. */
  workspace: UvWorkspace | null;
  /** The workspace whose root is this directory. */
  workspaceRoot: UvWorkspace | null;
  context: PyContext;
  framework: FrameworkMatch | null;
  celery: CeleryApp | null;
  procfile: Procfile | null;
  /** Procfile web line, when it runs a Python process. */
  web: ProcfileEntry | null;
  /** Procfile processes other than web and release that run Python (workers, beat, …). */
  workers: ProcfileEntry[];
  /** A committed Dockerfile / Containerfile of the service. */
  recipe: ContainerRecipe | null;
  /** The start command: Procfile web line, else the recipe's command, else the framework's. */
  start: StartChoice | null;
  /** Requirement files beyond the main one that the install must read (deployment variants). */
  install: InstallFiles | null;
}

/**
 * Frameworks in the order they are tried: Django's manage.py is unambiguous, FastAPI is built on
 * Starlette; each later one needs its own package and app object. Last, any WSGI/ASGI callable beside
 * a declared app server, then a root script that serves itself with a declared web package.
 */
const FRAMEWORKS = [
  detectDjango, detectFastApi, detectStarlette, detectFlask, detectStreamlit,
  detectLitestar, detectBlackSheep, detectResponder, detectQuart, detectSanic, detectAiohttp, detectTornado,
  detectFalcon, detectBottle, detectPyramid, detectCherryPy, detectRobyn, detectEmmett,
  detectGenericApp, detectServingScript,
];

const MANIFESTS = ['pyproject.toml', 'Pipfile', 'setup.py', 'setup.cfg', ...REQUIREMENTS_CANDIDATES];

export function hasManifest(repo: RepoFs, dir: string): boolean {
  return MANIFESTS.some((m) => repo.isFile(joinPath(dir, m))) || requirementVariants(repo, dir).length > 0;
}

/** Null when the directory is only a source folder of a Python project above it (app/main.py under a pyproject). */
export function analyse(repo: RepoFs, dir: string): PythonAnalysis | null {
  if (!hasManifest(repo, dir)) return null;
  const project = readProject(repo, dir);
  const workspaceRoot = readUvWorkspace(repo, dir);
  const workspace = workspaceOf(repo, dir);
  // Deployment variants (requirements-gunicorn.txt, …) count for framework and server detection.
  const deps = new DependencySet();
  deps.addAll(project.dependencies.values());
  for (const variant of project.variants) deps.addAll(variant.dependencies.values());
  const procfile = readProcfile(repo, dir);
  const gunicornFile = /(?:^|\s)(?:-c|--config)[=\s]+(\S+)/.exec(procfile?.web?.command ?? '')?.[1] ?? null;
  const context: PyContext = {
    repo,
    dir,
    project,
    deps,
    sources: ownSources(repo, dir),
    servers: declaredServers(deps),
    gunicornConfig: readGunicornConfig(repo, dir, gunicornFile),
    uwsgiConfig: readUwsgiConfig(repo, dir),
    hypercornConfig: findHypercornConfig(repo, dir),
  };
  let framework: FrameworkMatch | null = null;
  for (const detectFramework of FRAMEWORKS) {
    framework = detectFramework(context);
    if (framework) break;
  }
  const web = procfile?.web && runsPython(procfile.web.command) ? procfile.web : null;
  const workers = (procfile?.entries ?? []).filter((e) => e.process !== 'web' && e.process !== 'release' && runsPython(e.command));
  const recipe = readContainerRecipe(repo, dir, project.name ?? (dir === '' ? repo.name : baseName(dir)));
  const start = chooseStart(context, web, procfile, recipe, framework);
  const install = chooseInstallFiles(context, project, start, recipe, framework);
  return { project, workspace, workspaceRoot, context, framework, celery: detectCelery(context), procfile, web, workers, recipe, start, install };
}

/** The directory's Python files, without those of nested projects (a sub-folder with its own requirements.txt or Pipfile). */
function ownSources(repo: RepoFs, dir: string): PySource[] {
  const nested = new Map<string, boolean>();
  const isNested = (folder: string): boolean => {
    if (folder === dir || (dir !== '' && !folder.startsWith(`${dir}/`))) return false;
    let known = nested.get(folder);
    if (known === undefined) {
      known = hasManifest(repo, folder) || isNested(folder.includes('/') ? folder.slice(0, folder.lastIndexOf('/')) : '');
      nested.set(folder, known);
    }
    return known;
  };
  return readSources(repo, dir).filter((s) => !isNested(s.file.includes('/') ? s.file.slice(0, s.file.lastIndexOf('/')) : ''));
}

/**
 * detect() and plan() see the same directory one after the other: the analysis is kept per RepoFs so
 * plan() does not read everything again, and Detection.data stays small and serialisable.
 */
const analyses = new WeakMap<RepoFs, Map<string, PythonAnalysis | null>>();

export function cachedAnalysis(repo: RepoFs, dir: string): PythonAnalysis | null {
  let perRepo = analyses.get(repo);
  if (!perRepo) analyses.set(repo, (perRepo = new Map()));
  if (!perRepo.has(dir)) perRepo.set(dir, analyse(repo, dir));
  return perRepo.get(dir) ?? null;
}

/** A project that declares nothing but tool settings (ruff, black, mypy) in pyproject.toml. */
export function toolsOnly(project: PyProject): boolean {
  return project.dependencies.size === 0 && !declaresProject(project) && !project.requirementsFile && !project.pipfile && !project.hasSetupPy && !project.hasSetupCfg;
}
