/**
 * Ruby detector: a directory with a Gemfile or config.ru is a Rails app, a Jekyll site, a Rack app
 * (Sinatra, Roda, Hanami, Grape, bare config.ru) or a Procfile-run process; a gem (*.gemspec) or a
 * Gemfile that only installs tools (fastlane, CocoaPods, linters) is a library, not a service.
 */
import type { RepoFs } from '../../core/repo/repo-fs.js';
import { joinPath } from '../../core/repo/repo-fs.js';
import type { ServicePlan } from '../../plan/schema.js';
import { addEvidence, addWarning } from '../../plan/service.js';
import { linkBackingEnvVars } from '../shared/backing.js';
import { applyRecipePort, serviceRecipe } from '../shared/container-recipe.js';
import { applyHealthRoute, findHealthRoutes } from '../shared/health.js';
import { sourceFiles } from '../shared/source-files.js';
import { isLoopback, portFromCommand } from '../shared/procfile.js';
import type { Detection } from '../types.js';
import { jekyllConfig, planJekyll } from './frameworks/jekyll.js';
import { planRack, rackFramework } from './frameworks/rack.js';
import { isRails, planRails } from './frameworks/rails.js';
import { migrateFromProcfile, readRubyProject, rubyService, startFromProcfile, startFromRecipe, type RubyProject } from './project.js';
import { portFromRubyCode, recipeStart, serverCommand } from './server-command.js';
import { workerServices } from './workers.js';

type RubyKind = 'rails' | 'jekyll' | 'rack' | 'procfile' | 'recipe';

interface RubyDetection {
  kind: RubyKind;
  framework: string;
  project: RubyProject;
}

export function detect(repo: RepoFs, dir: string): Detection | null {
  if (!repo.isFile(joinPath(dir, 'Gemfile')) && !repo.isFile(joinPath(dir, 'config.ru'))) return null;
  const project = readRubyProject(repo, dir);
  const service = (kind: RubyKind, framework: string, reason: string): Detection => ({ role: 'service', reason, data: { kind, framework, project } satisfies RubyDetection });

  const rails = isRails(repo, project);
  if (rails) return service('rails', 'rails', `Rails app (${rails})`);
  if (project.allGems.has('jekyll') && jekyllConfig(repo, dir)) return service('jekyll', 'jekyll', 'Jekyll site (gem jekyll + _config.yml)');
  const rack = rackFramework(repo, project);
  if (rack) return service('rack', rack.framework, `Rack app (${rack.reason})`);
  const procfile = project.procfile;
  if (procfile && procfile.entries.some((e) => e.process !== 'release')) return service('procfile', 'procfile', `Procfile runs ${procfile.entries.map((e) => e.process).join(', ')}`);
  // A plain Ruby server (Agoo, WEBrick, a bare TCPServer) its own container recipe starts.
  const recipe = recipeStart(repo, dir, serviceDirName(repo, dir));
  if (recipe) return service('recipe', 'recipe', `container recipe ${recipe.file} starts ${recipe.server}`);
  const gemspec = repo.list(dir).find((n) => n.endsWith('.gemspec'));
  if (gemspec) return { role: 'library', reason: `Ruby gem (${gemspec}) without an app entry point` };
  return { role: 'library', reason: 'Gemfile without an app entry point (config.ru, Rails, Procfile): tooling only' };
}

export function plan(repo: RepoFs, dir: string, detection: Detection): ServicePlan[] {
  const data = detection.data as RubyDetection | undefined;
  const project = data?.project ?? readRubyProject(repo, dir);
  const name = serviceDirName(repo, dir);
  switch (data?.kind) {
    case 'rails':
      return planRails(repo, project, name);
    case 'jekyll':
      return planJekyll(repo, project, name);
    case 'rack':
      return planRack(repo, project, name, data.framework);
    case 'recipe':
      return planRecipe(repo, project, name);
    default:
      return planProcfile(repo, project, name);
  }
}

function serviceDirName(repo: RepoFs, dir: string): string {
  return dir === '' ? repo.name : dir.slice(dir.lastIndexOf('/') + 1);
}

/** A plain Ruby server started by the service's own container recipe (`ruby app.rb`, `agoo`). */
function planRecipe(repo: RepoFs, project: RubyProject, name: string): ServicePlan[] {
  const service = rubyService(repo, project, name, null);
  const recipe = startFromRecipe(repo, service, project);
  migrateFromProcfile(service, project);
  linkBackingEnvVars(service);
  if (recipe?.port) {
    service.port = { value: recipe.port, envVar: /\$\{?PORT\b/.test(recipe.command) ? 'PORT' : null, bindAddress: recipe.bindAddress };
    addEvidence(service, 'port', recipe.file, recipe.raw.replace(/\s+/g, ' ').slice(0, 100), recipe.line);
  } else {
    const code = portFromRubyCode(repo, sourceFiles(repo, project.dir, { extensions: ['rb', 'ru'] }));
    const port = code?.port ?? recipe?.defaultPort ?? null;
    service.port = { value: port, envVar: null, bindAddress: null };
    if (code) addEvidence(service, 'port', code.file, code.note, code.line);
    else if (port !== null && recipe) addEvidence(service, 'port', recipe.file, `${recipe.server} default port ${port}`, recipe.line);
  }
  applyRecipePort(service, serviceRecipe(repo, project.dir, [name]));
  applyHealthRoute(service, findHealthRoutes(repo, sourceFiles(repo, project.dir, { extensions: ['rb', 'ru'] })));
  return [service, ...workerServices(repo, service, project)];
}

/** A plain Ruby program the Procfile starts (a web process, workers, or both). */
function planProcfile(repo: RepoFs, project: RubyProject, name: string): ServicePlan[] {
  const service = rubyService(repo, project, name, null);
  migrateFromProcfile(service, project);
  linkBackingEnvVars(service);
  if (!startFromProcfile(service, project)) {
    // No web process: the workers are the whole app.
    return workerServices(repo, service, project);
  }
  const start = service.commands.start ?? '';
  const fromCommand = portFromCommand(start);
  // `-b tcp://0.0.0.0:3000`, `--bind unix://…`: the Ruby servers' own flag forms.
  fromCommand.port ??= serverCommand(start)?.port ?? null;
  if (fromCommand.port !== null || fromCommand.usesPortEnv) {
    service.port = { value: fromCommand.port, envVar: fromCommand.usesPortEnv ? 'PORT' : null, bindAddress: fromCommand.bindAddress };
    if (fromCommand.port !== null) addEvidence(service, 'port', project.procfile!.file, start, project.procfile!.web?.line);
  }
  if (isLoopback(service.port.bindAddress)) {
    addWarning(service, `The server binds ${service.port.bindAddress}, which is unreachable from outside the container; bind 0.0.0.0.`);
  }
  return [service, ...workerServices(repo, service, project)];
}
