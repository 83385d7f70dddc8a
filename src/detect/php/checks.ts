/**
 * The project's own test and lint commands for CI (commands.test / commands.lint), from composer.json:
 * a `test` script wins (the team's own entry point), else PHPUnit or Pest from require-dev; PHPStan
 * when it has a config file (without one it needs paths and a level we would have to guess).
 */
import type { RepoFs } from '../../core/repo/repo-fs.js';
import { joinPath } from '../../core/repo/repo-fs.js';
import type { ServicePlan } from '../../plan/schema.js';
import { addEvidence } from '../../plan/service.js';
import { lineOf } from '../shared/text.js';
import { packageLine, type Composer } from './composer.js';

export function applyChecks(repo: RepoFs, service: ServicePlan, dir: string, composer: Composer): void {
  const has = (name: string): boolean => Object.hasOwn(composer.requireDev, name) || Object.hasOwn(composer.require, name);
  if (composer.scripts.test !== undefined) {
    service.commands.test = 'composer test';
    addEvidence(service, 'test', composer.file, 'composer script "test"', lineOf(composer.text, /"test"\s*:/));
  } else {
    const runner = [['pestphp/pest', 'vendor/bin/pest'], ['phpunit/phpunit', 'vendor/bin/phpunit']].find(([pkg]) => has(pkg!));
    if (runner) {
      service.commands.test = runner[1]!;
      addEvidence(service, 'test', composer.file, `requires ${runner[0]}`, packageLine(composer, runner[0]!));
    }
  }
  const config = ['phpstan.neon', 'phpstan.neon.dist', 'phpstan.dist.neon'].map((f) => joinPath(dir, f)).find((f) => repo.isFile(f));
  if (has('phpstan/phpstan') && config) {
    service.commands.lint = 'vendor/bin/phpstan analyse --no-progress';
    addEvidence(service, 'lint', config, 'PHPStan configuration');
  }
}
