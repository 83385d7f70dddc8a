/**
 * Static sites: a Hugo site, or a folder with an index.html and no other project manifest. The
 * lowest-priority detector: any language that claims the folder wins, and the analyzer ignores a
 * static folder inside another service (a built dist/, an app's templates).
 */
import type { RepoFs } from '../../core/repo/repo-fs.js';
import { joinPath } from '../../core/repo/repo-fs.js';
import type { ServicePlan } from '../../plan/schema.js';
import { addEvidence, addWarning, blankService } from '../../plan/service.js';
import type { Detection } from '../types.js';
import { DEFAULT_HUGO_VERSION, findHugoSite, hugoVersion, type HugoSite } from './frameworks/hugo.js';

/** Port the web server serving the files listens on (unprivileged, so the image runs as non-root). */
export const STATIC_PORT = 8080;
/** Web server devsquad serves plain static files with. */
export const DEFAULT_WEB_SERVER = { name: 'nginx', version: '1.27' } as const;

/** Manifests that make a folder some language's project rather than a plain static site. */
const OTHER_MANIFESTS = [
  'composer.json', 'Gemfile', 'mix.exs', 'go.mod', 'Cargo.toml', 'pyproject.toml', 'requirements.txt', 'Pipfile', 'setup.py',
  'deno.json', 'deno.jsonc', 'pom.xml', 'build.gradle', 'build.gradle.kts', 'Package.swift', 'pubspec.yaml',
];

interface StaticDetection {
  hugo: HugoSite | null;
}

export function detect(repo: RepoFs, dir: string): Detection | null {
  const hugo = findHugoSite(repo, dir);
  if (hugo) return { role: 'service', reason: `Hugo site (${hugo.config})`, data: { hugo } satisfies StaticDetection };
  if (!repo.isFile(joinPath(dir, 'index.html'))) return null;
  const manifest = OTHER_MANIFESTS.find((m) => repo.isFile(joinPath(dir, m))) ?? (repo.list(dir).some((n) => /\.(cs|fs|vb)proj$/.test(n)) ? '*.csproj' : null);
  if (manifest) return null;
  if (buildsWithNode(repo, dir)) return null;
  return { role: 'service', reason: 'index.html with no project manifest: a static site', data: { hugo: null } satisfies StaticDetection };
}

export function plan(repo: RepoFs, dir: string, detection: Detection): ServicePlan[] {
  const data = (detection.data as StaticDetection | undefined) ?? { hugo: findHugoSite(repo, dir) };
  const name = dir === '' ? repo.name : dir.slice(dir.lastIndexOf('/') + 1);
  return [data.hugo ? planHugo(repo, dir, name, data.hugo) : planPlain(dir, name)];
}

function planPlain(dir: string, name: string): ServicePlan {
  const index = joinPath(dir, 'index.html');
  const service = blankService({ name, path: dir, language: 'static', runtime: { ...DEFAULT_WEB_SERVER, source: 'default' } });
  service.kind = 'static';
  addWarning(service, `Static files are served by ${DEFAULT_WEB_SERVER.name} ${DEFAULT_WEB_SERVER.version} (devsquad's default web server); edit runtime.version to pin another.`);
  service.build.outputDir = '.';
  addEvidence(service, 'build', index, 'files served as they are: no build step');
  serve(service, index);
  return service;
}

function planHugo(repo: RepoFs, dir: string, name: string, site: HugoSite): ServicePlan {
  const version = hugoVersion(repo, dir);
  const service = blankService({ name, path: dir, language: 'static', runtime: { name: 'hugo', version: version?.version ?? DEFAULT_HUGO_VERSION, source: version?.file ?? 'default' } });
  service.kind = 'static';
  service.framework = 'hugo';
  addEvidence(service, 'framework', site.config, 'Hugo site configuration');
  if (version) addEvidence(service, 'runtime', version.file, `hugo ${version.version}`, version.line);
  else addWarning(service, `No Hugo version found (.tool-versions, mise.toml, netlify.toml HUGO_VERSION); using Hugo ${DEFAULT_HUGO_VERSION}.`);
  service.commands.build = 'hugo --minify';
  service.build.outputDir = site.publishDir;
  addEvidence(service, 'build', site.config, `hugo --minify writes ${site.publishDir}/`);
  if (repo.isFile(joinPath(dir, 'go.mod'))) addWarning(service, 'Hugo Modules (go.mod): the build stage needs Go to fetch theme modules.');
  serve(service, site.config);
  return service;
}

function serve(service: ServicePlan, file: string): void {
  service.port = { value: STATIC_PORT, envVar: null, bindAddress: null };
  addEvidence(service, 'port', file, `static files served on ${STATIC_PORT}`);
  service.health.path = '/';
  addEvidence(service, 'health', file, 'a static site answers on /');
}

/** A package.json that builds or starts something belongs to the Node.js detector; lint-only tooling does not. */
function buildsWithNode(repo: RepoFs, dir: string): boolean {
  const file = joinPath(dir, 'package.json');
  if (!repo.isFile(file)) return false;
  const pkg = repo.readJson(file);
  if (typeof pkg !== 'object' || pkg === null) return true;
  const scripts = (pkg as { scripts?: unknown }).scripts;
  const deps = { ...((pkg as { dependencies?: object }).dependencies ?? {}) };
  if (Object.keys(deps).length > 0) return true;
  return typeof scripts === 'object' && scripts !== null && ['build', 'start', 'dev', 'serve'].some((s) => Object.hasOwn(scripts, s));
}
