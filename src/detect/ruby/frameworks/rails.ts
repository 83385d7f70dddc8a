/**
 * Ruby on Rails: Puma from config/puma.rb (or `rails server`), the port Puma reads, the `/up` health
 * route Rails 7.1+ generates, database.yml's adapter as a backing service, RAILS_MASTER_KEY when the
 * app has encrypted credentials, `db:prepare` migrations, and the asset / bootsnap build steps.
 */
import type { RepoFs } from '../../../core/repo/repo-fs.js';
import { joinPath } from '../../../core/repo/repo-fs.js';
import type { BackingServiceKind, ServicePlan } from '../../../plan/schema.js';
import { addBackingService, addEnv, addEvidence, addFeature, addWarning } from '../../../plan/service.js';
import { linkBackingEnvVars } from '../../shared/backing.js';
import { applyHealthRoute, findHealthRoutes } from '../../shared/health.js';
import { isLoopback, portFromCommand } from '../../shared/procfile.js';
import { lineOf, matchAll } from '../../shared/text.js';
import { applyRecipePort, serviceRecipe } from '../../shared/container-recipe.js';
import { gemLine, hasGem, migrateFromProcfile, rubyService, startFromProcfile, startFromRecipe, type RubyProject } from '../project.js';
import { pumaPort } from '../puma.js';
import { serverCommand } from '../server-command.js';
import { workerServices } from '../workers.js';

const DEFAULT_PORT = 3000;

/** Whether a directory holds a Rails app. */
export function isRails(repo: RepoFs, project: RubyProject): string | null {
  const gem = hasGem(project, 'rails', 'railties');
  if (gem) return `gem ${gem}`;
  const application = repo.readText(joinPath(project.dir, 'config/application.rb'));
  if (application !== null && /Rails::Application/.test(application)) return 'config/application.rb defines a Rails::Application';
  return null;
}

export function planRails(repo: RepoFs, project: RubyProject, name: string): ServicePlan[] {
  const { dir } = project;
  const service = rubyService(repo, project, name, 'rails');
  const gemfile = joinPath(dir, 'Gemfile');
  const version = project.lock?.specs.get('rails');
  addEvidence(service, 'framework', gemfile, version ? `gem rails (locked ${version})` : 'gem rails', gemLine(project, 'rails'));

  startAndPort(repo, project, service);
  health(repo, dir, service);
  database(repo, dir, service);
  secrets(repo, dir, service);
  build(repo, project, service);
  if (!migrateFromProcfile(service, project) && repo.isFile(joinPath(dir, 'config/database.yml'))) {
    service.commands.migrate = 'bin/rails db:prepare';
    addEvidence(service, 'migrate', joinPath(dir, 'config/database.yml'), 'Active Record database: db:prepare creates or migrates it');
  }
  linkBackingEnvVars(service);
  return [service, ...workerServices(repo, service, project)];
}

function startAndPort(repo: RepoFs, project: RubyProject, service: ServicePlan): void {
  const pumaFile = joinPath(project.dir, 'config/puma.rb');
  const pumaText = repo.readText(pumaFile);
  const recipe = startFromProcfile(service, project) ? null : startFromRecipe(repo, service, project);
  if (!service.commands.start) {
    if (pumaText !== null) {
      service.commands.start = 'bundle exec puma -C config/puma.rb';
      addEvidence(service, 'start', pumaFile, 'Puma configuration');
    } else {
      service.commands.start = 'bundle exec rails server -b 0.0.0.0 -p $PORT';
      addEvidence(service, 'start', joinPath(project.dir, 'bin/rails'), 'no config/puma.rb: rails server on $PORT');
    }
  }
  const start = service.commands.start ?? '';
  const fromCommand = portFromCommand(start);
  const flag = recipe ?? serverCommand(start);
  // `rails server` runs Puma with config/puma.rb too; a port flag on the command line wins over it.
  const usesPumaConfig = /\bpuma\b|\brails\s+(s|server)\b/.test(start) && !flag?.port && !/\s(-p|--port|-b|--bind)\s/.test(start);
  const puma = pumaText !== null && usesPumaConfig ? pumaPort(pumaText) : null;
  if (flag?.port) {
    service.port = { value: flag.port, envVar: /\$\{?PORT\b/.test(start) ? 'PORT' : null, bindAddress: flag.bindAddress };
    addEvidence(service, 'port', recipe?.file ?? project.procfile?.file ?? joinPath(project.dir, 'bin/rails'), recipe ? recipe.raw.replace(/\s+/g, ' ').slice(0, 100) : start, recipe?.line ?? project.procfile?.web?.line);
  } else if (puma) {
    service.port = { value: puma.port, envVar: puma.envVar, bindAddress: puma.bindAddress };
    addEvidence(service, 'port', pumaFile, puma.text, puma.line);
  } else if (fromCommand.port !== null || fromCommand.usesPortEnv) {
    service.port = { value: fromCommand.port ?? DEFAULT_PORT, envVar: fromCommand.usesPortEnv ? 'PORT' : null, bindAddress: fromCommand.bindAddress };
    addEvidence(service, 'port', project.procfile?.web ? project.procfile.file : joinPath(project.dir, 'bin/rails'), fromCommand.port ? start : `${start} (Rails default ${DEFAULT_PORT})`);
  } else {
    service.port = { value: DEFAULT_PORT, envVar: 'PORT', bindAddress: fromCommand.bindAddress };
    addEvidence(service, 'port', joinPath(project.dir, 'Gemfile'), `Rails default port ${DEFAULT_PORT}, overridden by PORT`);
  }
  applyRecipePort(service, serviceRecipe(repo, project.dir, [service.name, project.dir.split('/').pop() ?? '']));
  if (isLoopback(service.port.bindAddress)) {
    addWarning(service, `The server binds ${service.port.bindAddress}, which is unreachable from outside the container; bind 0.0.0.0.`);
  }
}

/** `get "up" => "rails/health#show"` (Rails 7.1+), then any conventional health route. */
function health(repo: RepoFs, dir: string, service: ServicePlan): void {
  const routesFile = joinPath(dir, 'config/routes.rb');
  const routes = repo.readText(routesFile);
  if (routes !== null) {
    const up = matchAll(routes, /^\s*get\s*\(?\s*["']\/?(up|healthz?|livez|readyz|health_check|status)["']\s*(?:=>|,\s*to:)/gm)[0];
    if (up) {
      service.health.path = `/${up.match[1] ?? 'up'}`;
      addEvidence(service, 'health', routesFile, up.text, up.line);
      return;
    }
  }
  const files = [routesFile, ...repo.glob('app/controllers/**/*.rb', { cwd: dir })];
  applyHealthRoute(service, findHealthRoutes(repo, files));
}

const ADAPTERS: Record<string, BackingServiceKind> = {
  postgresql: 'postgres', postgis: 'postgres', mysql2: 'mysql', trilogy: 'mysql', sqlite3: 'sqlite', sqlserver: 'sqlserver',
};

/** The production adapter of config/database.yml (anchors and ERB make a YAML parse unreliable). */
function database(repo: RepoFs, dir: string, service: ServicePlan): void {
  const file = joinPath(dir, 'config/database.yml');
  const text = repo.readText(file);
  if (text === null) return;
  const adapters = matchAll(text, /^\s*adapter:\s*["']?(\w+)/gm);
  const lines = text.split('\n');
  const start = lineOf(text, /^production:/) ?? 0;
  const next = start === 0 ? -1 : lines.findIndex((l, i) => i >= start && /^[A-Za-z_]/.test(l));
  const end = next === -1 ? lines.length + 1 : next + 1;
  // The adapter in the production section, else the shared default the section inherits.
  const chosen = adapters.find((a) => start > 0 && a.line > start && a.line < end) ?? adapters[0];
  if (!chosen) return;
  const adapter = chosen.match[1] ?? '';
  const kind = ADAPTERS[adapter];
  if (!kind) return;
  if (kind === 'sqlite') {
    addBackingService(service, 'sqlite', null);
    addEvidence(service, 'backing:sqlite', file, chosen.text, chosen.line);
    addWarning(service, 'SQLite database: mount a volume for the db/ or storage/ directory so data survives restarts.');
    return;
  }
  // Rails merges DATABASE_URL into the production config, so it is how a container gets its database
  // (even when database.yml also reads POSTGRES_USER-style variables).
  addBackingService(service, kind, 'DATABASE_URL');
  const backing = service.backingServices.find((b) => b.kind === kind);
  if (backing) backing.envVar = 'DATABASE_URL';
  addEvidence(service, `backing:${kind}`, file, chosen.text, chosen.line);
  addEnv(service, { name: 'DATABASE_URL', required: true, secret: true });
  addEvidence(service, 'env:DATABASE_URL', file, `${adapter} adapter: Rails reads DATABASE_URL in production`, chosen.line);
}

/** RAILS_MASTER_KEY decrypts credentials; without credentials Rails needs SECRET_KEY_BASE. */
function secrets(repo: RepoFs, dir: string, service: ServicePlan): void {
  const credentialFiles = ['config/credentials.yml.enc', 'config/credentials/production.yml.enc', 'config/master.key.example'];
  const credentials = credentialFiles.map((f) => joinPath(dir, f)).find((f) => repo.isFile(f));
  if (credentials) {
    addEnv(service, { name: 'RAILS_MASTER_KEY', required: true, secret: true });
    addEvidence(service, 'env:RAILS_MASTER_KEY', credentials, 'encrypted credentials need RAILS_MASTER_KEY');
  } else if (!service.env.some((e) => e.name === 'SECRET_KEY_BASE')) {
    addEnv(service, { name: 'SECRET_KEY_BASE', required: true, secret: true });
    addEvidence(service, 'env:SECRET_KEY_BASE', joinPath(dir, 'config/application.rb'), 'no encrypted credentials: production needs SECRET_KEY_BASE');
  }
}

const ASSET_GEMS = ['propshaft', 'sprockets-rails', 'sprockets', 'jsbundling-rails', 'cssbundling-rails', 'importmap-rails', 'tailwindcss-rails', 'dartsass-rails'];

function build(repo: RepoFs, project: RubyProject, service: ServicePlan): void {
  const { dir } = project;
  const steps: string[] = [];
  if (project.gems.has('bootsnap')) {
    addFeature(service, 'bootsnap');
    addEvidence(service, 'build', joinPath(dir, 'Gemfile'), 'gem bootsnap: precompile boot cache', gemLine(project, 'bootsnap'));
    steps.push('bundle exec bootsnap precompile app/ lib/');
  }
  const assetGem = ASSET_GEMS.find((g) => project.gems.has(g));
  if (assetGem || repo.isDir(joinPath(dir, 'app/assets'))) {
    addFeature(service, 'rails-assets');
    if (assetGem) addEvidence(service, 'build', joinPath(dir, 'Gemfile'), `gem ${assetGem}: assets:precompile`, gemLine(project, assetGem));
    else addEvidence(service, 'build', joinPath(dir, 'app/assets'), 'app/assets: assets:precompile');
    // A dummy secret lets precompile boot the app without the real credentials (Rails 7.1+).
    steps.push('SECRET_KEY_BASE_DUMMY=1 bundle exec rails assets:precompile');
    const jsGem = hasGem(project, 'jsbundling-rails', 'cssbundling-rails');
    if (jsGem) addWarning(service, `${jsGem}: assets:precompile runs the JavaScript build, so the build stage needs Node.js and the package manager package.json names.`);
  }
  if (steps.length > 0) service.commands.build = steps.join(' && ');
}
