/**
 * CI checks of a Go module (commands.test / commands.lint). `go vet` ships with the toolchain and
 * needs no configuration; `go test` is recorded only when the module has _test.go files, so CI does
 * not report "tested" for a module without a single test. Both run from the build context, in the
 * module's directory (the `cd` prefix the install and build commands use).
 */
import type { RepoFs } from '../../core/repo/repo-fs.js';
import type { ServicePlan } from '../../plan/schema.js';
import { addEvidence } from '../../plan/service.js';

export function applyChecks(repo: RepoFs, service: ServicePlan, moduleDir: string, goModFile: string, cd: string): void {
  const tests = repo.glob('**/*_test.go', { cwd: moduleDir }).filter((f) => !/(^|\/)(vendor|testdata)\//.test(f)).sort();
  if (tests.length > 0) {
    service.commands.test = `${cd}go test ./...`;
    addEvidence(service, 'test', tests[0]!, `${tests.length} _test.go file${tests.length > 1 ? 's' : ''} in the module`);
  }
  service.commands.lint = `${cd}go vet ./...`;
  addEvidence(service, 'lint', goModFile, 'go vet ships with the Go toolchain: no configuration needed');
}
