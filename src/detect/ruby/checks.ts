/**
 * The app's own test and lint commands for CI (commands.test / commands.lint), from the Gemfile's
 * gems in any group (test and lint gems live in development/test groups): RSpec, else Rails' own
 * minitest runner when the app has a test/ directory; RuboCop when it is bundled.
 */
import type { RepoFs } from '../../core/repo/repo-fs.js';
import { joinPath } from '../../core/repo/repo-fs.js';
import type { ServicePlan } from '../../plan/schema.js';
import { addEvidence } from '../../plan/service.js';
import { gemLine, type RubyProject } from './project.js';

export function applyChecks(repo: RepoFs, service: ServicePlan, project: RubyProject): void {
  const gemfile = joinPath(project.dir, 'Gemfile');
  const rspec = ['rspec-rails', 'rspec'].find((g) => project.allGems.has(g));
  if (rspec) {
    service.commands.test = 'bundle exec rspec';
    addEvidence(service, 'test', gemfile, `gem "${rspec}"`, gemLine(project, rspec));
  } else if (service.framework === 'rails' && repo.glob('test/**/*_test.rb', { cwd: project.dir }).length > 0) {
    service.commands.test = 'bin/rails test';
    addEvidence(service, 'test', joinPath(project.dir, 'test'), 'Rails minitest suite (test/**/*_test.rb)');
  }
  if (project.allGems.has('rubocop') || project.allGems.has('rubocop-rails-omakase')) {
    const gem = project.allGems.has('rubocop') ? 'rubocop' : 'rubocop-rails-omakase';
    service.commands.lint = 'bundle exec rubocop';
    addEvidence(service, 'lint', gemfile, `gem "${gem}"`, gemLine(project, gem));
  }
}
