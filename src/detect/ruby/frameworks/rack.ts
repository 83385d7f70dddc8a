/**
 * Rack apps: Sinatra, Roda, Hanami, Grape or a bare config.ru. Started with Puma when the bundle has
 * it (config/puma.rb when present), else `rackup`; a Sinatra app without config.ru runs its own file.
 * The port is `set :port` / puma.rb / the Procfile, else the server's default (rackup and Puma 9292,
 * Sinatra's built-in 4567).
 */
import type { RepoFs } from '../../../core/repo/repo-fs.js';
import { joinPath } from '../../../core/repo/repo-fs.js';
import type { ServicePlan } from '../../../plan/schema.js';
import { addEvidence, addWarning } from '../../../plan/service.js';
import { linkBackingEnvVars } from '../../shared/backing.js';
import { applyHealthRoute, findHealthRoutes } from '../../shared/health.js';
import { isLoopback, portFromCommand } from '../../shared/procfile.js';
import { sourceFiles } from '../../shared/source-files.js';
import { matchAll, stripHashComments } from '../../shared/text.js';
import { applyRecipePort, serviceRecipe } from '../../shared/container-recipe.js';
import { gemLine, hasGem, migrateFromProcfile, rubyService, startFromProcfile, startFromRecipe, type RubyProject } from '../project.js';
import { pumaPort } from '../puma.js';
import { portFromRubyCode, serverCommand } from '../server-command.js';
import { workerServices } from '../workers.js';

/** Most specific first: Padrino is built on Sinatra. */
const FRAMEWORK_GEMS: Array<[string, string]> = [['hanami', 'hanami'], ['padrino', 'padrino'], ['sinatra', 'sinatra'], ['roda', 'roda'], ['grape', 'grape'], ['rage-rb', 'rage'], ['rack-app', 'rack-app']];

/** The Rack framework in use, or 'rack' for a bare config.ru; null when this is not a Rack app. */
export function rackFramework(repo: RepoFs, project: RubyProject): { framework: string; reason: string } | null {
  for (const [gem, framework] of FRAMEWORK_GEMS) {
    if (project.gems.has(gem) && (repo.isFile(joinPath(project.dir, 'config.ru')) || entryFile(repo, project.dir) !== null)) {
      return { framework, reason: `gem ${gem}` };
    }
  }
  if (repo.isFile(joinPath(project.dir, 'config.ru'))) return { framework: 'rack', reason: 'config.ru' };
  return null;
}

/** app.rb / server.rb / main.rb / <dir>.rb: the file a classic Sinatra app is started with. */
function entryFile(repo: RepoFs, dir: string): string | null {
  for (const name of ['app.rb', 'server.rb', 'main.rb', 'application.rb', 'web.rb']) {
    if (repo.isFile(joinPath(dir, name))) return name;
  }
  return null;
}

export function planRack(repo: RepoFs, project: RubyProject, name: string, framework: string): ServicePlan[] {
  const { dir } = project;
  const service = rubyService(repo, project, name, framework === 'rack' ? null : framework);
  const configRu = joinPath(dir, 'config.ru');
  const hasConfigRu = repo.isFile(configRu);
  if (framework !== 'rack') addEvidence(service, 'framework', joinPath(dir, 'Gemfile'), `gem ${framework}`, gemLine(project, framework));
  else addEvidence(service, 'framework', configRu, 'config.ru: a Rack application');

  const files = sourceFiles(repo, dir, { extensions: ['rb', 'ru'] });
  const setPort = findSetPort(repo, files);
  const pumaFile = joinPath(dir, 'config/puma.rb');
  const pumaText = repo.readText(pumaFile);
  const entry = entryFile(repo, dir);
  let defaultPort = 9292;
  let portNote = 'Rack default port 9292';

  const recipe = startFromProcfile(service, project) ? null : startFromRecipe(repo, service, project);
  if (!service.commands.start) {
    if (pumaText !== null && hasGem(project, 'puma')) {
      service.commands.start = 'bundle exec puma -C config/puma.rb';
      addEvidence(service, 'start', pumaFile, 'Puma configuration');
    } else if (hasConfigRu && hasGem(project, 'puma')) {
      service.commands.start = 'bundle exec puma -b tcp://0.0.0.0:$PORT config.ru';
      addEvidence(service, 'start', configRu, 'config.ru served by Puma (gem puma)');
    } else if (hasConfigRu) {
      service.commands.start = 'bundle exec rackup -o 0.0.0.0 -p $PORT';
      addEvidence(service, 'start', configRu, 'config.ru served by rackup');
      if (!project.gems.has('rackup') && (project.lock?.specs.get('rack') ?? '3').startsWith('3')) {
        addWarning(service, 'Rack 3 ships `rackup` as a separate gem: add `gem "rackup"` (or a server such as puma) to the Gemfile.');
      }
    } else if (entry) {
      service.commands.start = `bundle exec ruby ${entry} -o 0.0.0.0 -p $PORT`;
      addEvidence(service, 'start', joinPath(dir, entry), `classic ${framework} app started from ${entry}`);
      defaultPort = 4567;
      portNote = 'Sinatra default port 4567';
    }
  }

  const start = service.commands.start ?? '';
  const fromCommand = portFromCommand(start);
  // The command line's own port flag wins over puma.rb, `set :port` and the server's default.
  const flag = recipe ?? serverCommand(start);
  // A Procfile or recipe may start another server (iodine, thin, unicorn) with its own default.
  if (flag?.defaultPort && (recipe || project.procfile?.web)) {
    defaultPort = flag.defaultPort;
    portNote = `${flag.server} default port ${defaultPort}`;
  }
  const puma = pumaText !== null && /\bpuma\b.*-C/.test(start) ? pumaPort(pumaText) : null;
  const code = portFromRubyCode(repo, files);
  if (flag?.port) {
    service.port = { value: flag.port, envVar: /\$\{?PORT\b/.test(start) ? 'PORT' : null, bindAddress: flag.bindAddress };
    addEvidence(service, 'port', recipe?.file ?? project.procfile?.file ?? configRu, recipe ? `${recipe.raw.replace(/\s+/g, ' ').slice(0, 100)}` : start, recipe?.line ?? project.procfile?.web?.line);
  } else if (puma) {
    service.port = { value: puma.port, envVar: puma.envVar, bindAddress: puma.bindAddress };
    addEvidence(service, 'port', pumaFile, puma.text, puma.line);
  } else if (fromCommand.port !== null) {
    service.port = { value: fromCommand.port, envVar: fromCommand.usesPortEnv ? 'PORT' : null, bindAddress: fromCommand.bindAddress };
    addEvidence(service, 'port', project.procfile?.file ?? configRu, start);
  } else if (setPort) {
    // With $PORT in the start command the value only sets the default the Dockerfile gives PORT.
    service.port = { value: setPort.port, envVar: setPort.envVar ?? (fromCommand.usesPortEnv ? 'PORT' : null), bindAddress: setPort.bindAddress ?? fromCommand.bindAddress };
    addEvidence(service, 'port', setPort.file, setPort.text, setPort.line);
  } else if (code) {
    service.port = { value: code.port, envVar: null, bindAddress: null };
    addEvidence(service, 'port', code.file, code.note, code.line);
  } else {
    service.port = { value: defaultPort, envVar: fromCommand.usesPortEnv || start === '' ? 'PORT' : null, bindAddress: fromCommand.bindAddress };
    addEvidence(service, 'port', recipe?.file ?? (project.procfile?.web ? project.procfile.file : hasConfigRu ? configRu : joinPath(dir, entry ?? 'Gemfile')), portNote);
  }
  applyRecipePort(service, serviceRecipe(repo, dir, [service.name, dir.split('/').pop() ?? '']));
  if (start === '') addWarning(service, 'No config.ru, Procfile or app file found to start the app; set commands.start in the plan.');
  if (isLoopback(service.port.bindAddress)) {
    addWarning(service, `The server binds ${service.port.bindAddress}, which is unreachable from outside the container; bind 0.0.0.0.`);
  }

  applyHealthRoute(service, findHealthRoutes(repo, files));
  migrateFromProcfile(service, project);
  if (!service.commands.migrate && project.gems.has('sinatra-activerecord') && repo.isDir(joinPath(dir, 'db/migrate'))) {
    service.commands.migrate = 'bundle exec rake db:migrate';
    addEvidence(service, 'migrate', joinPath(dir, 'db/migrate'), 'sinatra-activerecord migrations');
  }
  linkBackingEnvVars(service);
  return [service, ...workerServices(repo, service, project)];
}

interface SetPort {
  port: number;
  envVar: string | null;
  bindAddress: string | null;
  file: string;
  line: number;
  text: string;
}

/** `set :port, 8080` / `set :port, ENV.fetch("PORT", 8080)` / `set :port, ENV["PORT"] || 8080`. */
function findSetPort(repo: RepoFs, files: readonly string[]): SetPort | null {
  for (const file of files) {
    const source = repo.readText(file);
    if (source === null || !source.includes(':port')) continue;
    const text = stripHashComments(source);
    const m = matchAll(text, /\bset\s*\(?\s*:port\s*,\s*(.+)$/gm)[0];
    if (!m) continue;
    const expr = m.match[1] ?? '';
    const literal = /^(\d{2,5})\b/.exec(expr.trim());
    const env = /ENV(?:\.fetch\(\s*["'](\w+)["']|\[\s*["'](\w+)["']\s*\])/.exec(expr);
    const fallback = /(\d{2,5})/.exec(expr);
    const port = literal ? Number(literal[1]) : fallback ? Number(fallback[1]) : null;
    if (port === null) continue;
    const bind = matchAll(text, /\bset\s*\(?\s*:bind\s*,\s*["']([^"']+)["']/gm)[0];
    return { port, envVar: env ? (env[1] ?? env[2] ?? null) : null, bindAddress: bind?.match[1] ?? null, file, line: m.line, text: source.split('\n')[m.line - 1]?.trim() ?? m.text };
  }
  return null;
}
