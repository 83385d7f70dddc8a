/**
 * The CI test command of a Maven / Gradle project (commands.test), through the wrapper when the
 * repo has one (the build already decided `./mvnw` or `./gradlew`). Recorded only when the project
 * has test sources: src/test/ by Maven and Gradle convention.
 */
import type { RepoFs } from '../../core/repo/repo-fs.js';
import { joinPath } from '../../core/repo/repo-fs.js';
import type { ServicePlan } from '../../plan/schema.js';
import { addEvidence } from '../../plan/service.js';

export function applyTestCommand(repo: RepoFs, service: ServicePlan, projectDir: string, command: string): void {
  const testDir = joinPath(projectDir, 'src/test');
  const first = repo.glob('src/test/**/*.{java,kt,groovy,scala}', { cwd: projectDir }).sort()[0];
  if (!first) return;
  service.commands.test = command;
  addEvidence(service, 'test', first, `test sources in ${testDir}`);
}
