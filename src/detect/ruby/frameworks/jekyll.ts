/**
 * Jekyll: a static site built with Ruby. The plan is kind 'static': `bundle exec jekyll build` writes
 * `_site/` (or the `destination` _config.yml names), which a web server serves on port 8080.
 */
import type { RepoFs } from '../../../core/repo/repo-fs.js';
import { joinPath } from '../../../core/repo/repo-fs.js';
import type { ServicePlan } from '../../../plan/schema.js';
import { addEvidence } from '../../../plan/service.js';
import { gemLine, rubyService, type RubyProject } from '../project.js';

export const STATIC_PORT = 8080;

export function jekyllConfig(repo: RepoFs, dir: string): string | null {
  return ['_config.yml', '_config.yaml'].map((f) => joinPath(dir, f)).find((f) => repo.isFile(f)) ?? null;
}

export function planJekyll(repo: RepoFs, project: RubyProject, name: string): ServicePlan[] {
  const { dir } = project;
  const service = rubyService(repo, project, name, 'jekyll');
  const config = jekyllConfig(repo, dir) ?? joinPath(dir, '_config.yml');
  service.kind = 'static';
  addEvidence(service, 'framework', joinPath(dir, 'Gemfile'), 'gem jekyll', gemLine(project, 'jekyll'));
  service.commands.build = 'bundle exec jekyll build';
  addEvidence(service, 'build', config, 'Jekyll site configuration');
  const data = repo.readYaml(config);
  const destination = data !== null && typeof data === 'object' ? (data as { destination?: unknown }).destination : undefined;
  service.build.outputDir = typeof destination === 'string' && destination.trim() !== '' ? destination.replace(/^\.\//, '').replace(/\/$/, '') : '_site';
  service.port = { value: STATIC_PORT, envVar: null, bindAddress: null };
  addEvidence(service, 'port', config, `static files served on ${STATIC_PORT}`);
  service.health.path = '/';
  addEvidence(service, 'health', config, 'a static site answers on /');
  return [service];
}
