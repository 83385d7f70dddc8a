/**
 * CI checks of a Mix project (commands.test / commands.lint): `mix test` when the project has ExUnit
 * tests, `mix credo` when Credo is a dependency (usually `only: [:dev, :test]`, so it is read from
 * mix.exs directly rather than from the release's runtime deps).
 */
import type { RepoFs } from '../../core/repo/repo-fs.js';
import type { ServicePlan } from '../../plan/schema.js';
import { addEvidence } from '../../plan/service.js';
import type { ElixirProject } from './project.js';

export function applyChecks(repo: RepoFs, service: ServicePlan, project: ElixirProject): void {
  const tests = project.appDirs.flatMap((dir) => repo.glob('test/**/*_test.exs', { cwd: dir })).sort();
  if (tests.length > 0) {
    service.commands.test = 'mix test';
    addEvidence(service, 'test', tests[0]!, `${tests.length} ExUnit test file${tests.length > 1 ? 's' : ''}`);
  }
  const credo = project.mix.deps.find((d) => d.name === 'credo');
  if (credo) {
    service.commands.lint = 'mix credo --strict';
    addEvidence(service, 'lint', project.mixFile, 'depends on credo', credo.line);
  }
}
