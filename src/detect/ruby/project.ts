/**
 * What every Ruby service shares: the parsed Gemfile / Gemfile.lock, the runtime, Bundler as the
 * package manager, the install command, backing services and OS packages implied by gems, env reads,
 * and the Procfile hint.
 */
import type { RepoFs } from '../../core/repo/repo-fs.js';
import { joinPath } from '../../core/repo/repo-fs.js';
import type { ServicePlan } from '../../plan/schema.js';
import { addEvidence, addWarning, blankService } from '../../plan/service.js';
import { addBackingFromDependencies } from '../shared/backing.js';
import { readProcfile, type Procfile } from '../shared/procfile.js';
import { addRubyEnv } from './env.js';
import { parseGemfile, parseGemfileLock, runtimeGems, type Gemfile, type GemfileLock } from './gemfile.js';
import { recipeStart, type RecipeStart } from './server-command.js';
import { rubyVersion } from './version.js';
import { applyChecks } from './checks.js';

export interface RubyProject {
  dir: string;
  gemfile: Gemfile | null;
  lock: GemfileLock | null;
  /** Gems a production bundle installs (the Gemfile's non-dev gems, else the lockfile's DEPENDENCIES). */
  gems: Set<string>;
  /** Every gem the Gemfile declares, any group. */
  allGems: Set<string>;
  procfile: Procfile | null;
}

/** Native libraries gems compile against or load at runtime (Debian names). */
const GEM_SYSTEM_PACKAGES: Record<string, string> = {
  pg: 'libpq-dev',
  mysql2: 'default-libmysqlclient-dev',
  tiny_tds: 'freetds-dev',
  'ruby-vips': 'libvips',
  image_processing: 'libvips',
  mini_magick: 'imagemagick',
  rmagick: 'libmagickwand-dev',
};

export function readRubyProject(repo: RepoFs, dir: string): RubyProject {
  const gemfileText = repo.readText(joinPath(dir, 'Gemfile'));
  const lockText = repo.readText(joinPath(dir, 'Gemfile.lock'));
  const gemfile = gemfileText === null ? null : parseGemfile(gemfileText);
  const lock = lockText === null ? null : parseGemfileLock(lockText);
  const gems = gemfile ? runtimeGems(gemfile) : new Set(lock?.dependencies ?? []);
  const allGems = new Set([...(gemfile?.gems.map((g) => g.name) ?? []), ...(lock?.dependencies ?? [])]);
  return { dir, gemfile, lock, gems, allGems, procfile: readProcfile(repo, dir) };
}

/** Line of a gem in the Gemfile, for evidence. */
export function gemLine(project: RubyProject, name: string): number | undefined {
  return project.gemfile?.gems.find((g) => g.name === name)?.line;
}

export function hasGem(project: RubyProject, ...names: string[]): string | null {
  return names.find((n) => project.gems.has(n)) ?? null;
}

/** A blank service with everything Bundler and the Gemfile tell. */
export function rubyService(repo: RepoFs, project: RubyProject, name: string, framework: string | null): ServicePlan {
  const { dir } = project;
  const version = rubyVersion(repo, dir, project.gemfile, project.lock);
  const service = blankService({ name, path: dir, language: 'ruby', runtime: version.runtime });
  service.framework = framework;
  if (version.evidence) addEvidence(service, 'runtime', version.evidence.file, version.evidence.note, version.evidence.line);
  else addWarning(service, `No Ruby version found (.ruby-version, Gemfile \`ruby\`, .tool-versions, Gemfile.lock); using Ruby ${version.runtime.version}.`);

  const gemfilePath = joinPath(dir, 'Gemfile');
  const lockPath = joinPath(dir, 'Gemfile.lock');
  if (project.gemfile || project.lock) {
    service.packageManager = { name: 'bundler', lockfile: project.lock ? lockPath : null, version: project.lock?.bundledWith ?? null };
    addEvidence(service, 'packageManager', project.lock ? lockPath : gemfilePath, project.lock?.bundledWith ? `BUNDLED WITH ${project.lock.bundledWith}` : 'Gemfile');
    // BUNDLE_DEPLOYMENT=1 and BUNDLE_WITHOUT=development:test are set by the Dockerfile (see readme).
    service.commands.install = 'bundle install';
    addEvidence(service, 'install', project.lock ? lockPath : gemfilePath, project.lock ? 'deployment install from the lockfile' : 'Gemfile without a lockfile');
    if (!project.lock) addWarning(service, 'No Gemfile.lock: the image resolves gem versions at build time. Commit Gemfile.lock for reproducible builds.');
  } else {
    addWarning(service, 'No Gemfile: the app cannot declare its gems; devsquad assumed a bare Ruby image.');
  }

  addBackingFromDependencies(service, 'rubygems', project.gems, gemfilePath, (g) => gemLine(project, g));
  for (const gem of project.gems) {
    const pkg = GEM_SYSTEM_PACKAGES[gem];
    if (pkg && !service.build.systemPackages.includes(pkg)) service.build.systemPackages.push(pkg);
  }
  // psych 5 (Rails 7.1+) compiles against libyaml.
  const psych = project.lock?.specs.get('psych');
  if (psych && Number.parseInt(psych, 10) >= 5) service.build.systemPackages.push('libyaml-dev');
  addRubyEnv(repo, dir, service);
  applyChecks(repo, service, project);
  return service;
}

/**
 * The Procfile's web line is what the app's authors run in production, so it wins as the start
 * command. Returns true when it was used.
 */
export function startFromProcfile(service: ServicePlan, project: RubyProject): boolean {
  const web = project.procfile?.web;
  if (!web || !project.procfile) return false;
  service.commands.start = web.command;
  addEvidence(service, 'start', project.procfile.file, `web: ${web.command}`, web.line);
  return true;
}

/**
 * Without a Procfile web line, the Ruby server the service's own container recipe starts is the
 * production command (`bundle exec puma -C config/puma.rb -b tcp://0.0.0.0:8080`), with its literal
 * port turned into `$PORT`. Returns what it found, or null when it used nothing.
 */
export function startFromRecipe(repo: RepoFs, service: ServicePlan, project: RubyProject): RecipeStart | null {
  const found = recipeStart(repo, project.dir, service.name);
  if (!found) return null;
  service.commands.start = found.command;
  addEvidence(service, 'start', found.file, `${found.raw.replace(/\s+/g, ' ').slice(0, 100)} (CMD of the existing container recipe)`, found.line);
  return found;
}

/** `release:` in the Procfile is the migration step Heroku-style platforms run before a deploy. */
export function migrateFromProcfile(service: ServicePlan, project: RubyProject): boolean {
  const release = project.procfile?.release;
  if (!release || !project.procfile) return false;
  service.commands.migrate = release.command;
  addEvidence(service, 'migrate', project.procfile.file, `release: ${release.command}`, release.line);
  return true;
}
