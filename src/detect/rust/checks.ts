/**
 * CI checks of a Cargo package (commands.test / commands.lint). `cargo test` is recorded when the
 * package has tests (a tests/ directory or #[test] functions in its sources); clippy only when the
 * repo configures it (clippy.toml or a [lints.clippy] table), since a fresh clippy run on a codebase
 * that never used it fails on style, not on bugs.
 */
import type { RepoFs } from '../../core/repo/repo-fs.js';
import { joinPath } from '../../core/repo/repo-fs.js';
import type { ServicePlan } from '../../plan/schema.js';
import { addEvidence } from '../../plan/service.js';
import { lineOf } from '../shared/text.js';
import type { RustFile } from './source.js';

export interface CargoScope {
  /** Package directory, the Cargo.toml of the package and of the workspace root (or the same). */
  dir: string;
  manifestFile: string;
  rootDir: string;
  /** ` --locked` when Cargo.lock exists, and the package selector (` -p name` / ` --manifest-path …`). */
  lockFlag: string;
  selector: string;
}

const TEST_ATTRIBUTE = /#\[(tokio::|actix_web::|actix_rt::|async_std::|sqlx::)?test\b|#\[cfg\(test\)\]/;

export function applyChecks(repo: RepoFs, service: ServicePlan, files: readonly RustFile[], scope: CargoScope): void {
  const testsDir = repo.glob('tests/**/*.rs', { cwd: scope.dir }).sort();
  const inline = files.find((f) => TEST_ATTRIBUTE.test(f.code));
  if (testsDir.length > 0 || inline) {
    service.commands.test = `cargo test${scope.lockFlag}${scope.selector}`;
    if (inline) addEvidence(service, 'test', inline.file, 'unit tests (#[test] / #[cfg(test)])', lineOf(inline.raw, TEST_ATTRIBUTE));
    else addEvidence(service, 'test', testsDir[0]!, 'integration tests in tests/');
  }
  for (const dir of [...new Set([scope.dir, scope.rootDir])]) {
    for (const name of ['clippy.toml', '.clippy.toml']) {
      const file = joinPath(dir, name);
      if (!repo.isFile(file)) continue;
      service.commands.lint = `cargo clippy${scope.lockFlag}${scope.selector} --all-targets -- -D warnings`;
      addEvidence(service, 'lint', file, `${name} configures clippy`);
      return;
    }
    const manifest = joinPath(dir, 'Cargo.toml');
    const line = lineOf(repo.readText(manifest) ?? '', /^\s*\[(workspace\.)?lints\.clippy\]/);
    if (line !== undefined) {
      service.commands.lint = `cargo clippy${scope.lockFlag}${scope.selector} --all-targets -- -D warnings`;
      addEvidence(service, 'lint', manifest, '[lints.clippy] configures clippy', line);
      return;
    }
  }
}
