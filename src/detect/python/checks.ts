/**
 * The project's own test runner and linter as CI commands (commands.test / commands.lint): pytest
 * when the project declares or configures it, ruff when it does. Dev dependencies are left out of
 * the production DependencySet, so this reads the manifests' text, dev groups included. Commands
 * run through the package manager (`uv run pytest`) so the project's virtualenv is used.
 */
import type { RepoFs } from '../../core/repo/repo-fs.js';
import { joinPath } from '../../core/repo/repo-fs.js';
import type { ServicePlan } from '../../plan/schema.js';
import { addEvidence } from '../../plan/service.js';
import { lineOf } from '../shared/text.js';

interface Hit {
  file: string;
  line: number | undefined;
  note: string;
}

/** Manifests whose text may name a tool: a requirement line, a dev-group entry or a config table. */
const MANIFESTS = [
  'pyproject.toml', 'Pipfile', 'setup.cfg', 'tox.ini', 'requirements-dev.txt', 'requirements_dev.txt', 'dev-requirements.txt',
  'requirements-test.txt', 'test-requirements.txt', 'requirements/dev.txt', 'requirements/test.txt', 'requirements/testing.txt', 'requirements.txt',
];

function find(repo: RepoFs, dir: string, pattern: RegExp, configFiles: readonly string[]): Hit | null {
  for (const name of configFiles) {
    const file = joinPath(dir, name);
    if (repo.isFile(file)) return { file, line: undefined, note: `${name} configures it` };
  }
  for (const name of MANIFESTS) {
    const file = joinPath(dir, name);
    if (!repo.isFile(file)) continue;
    const text = repo.readText(file) ?? '';
    const line = lineOf(text, pattern);
    if (line !== undefined) return { file, line, note: text.split('\n')[line - 1]!.trim() };
  }
  return null;
}

const RUNNERS: Record<string, string> = { uv: 'uv run ', poetry: 'poetry run ', pdm: 'pdm run ', pipenv: 'pipenv run ' };

export function applyChecks(repo: RepoFs, service: ServicePlan, dir: string, manager: string | null): void {
  const run = RUNNERS[manager ?? ''] ?? '';
  // `pytest` as a requirement / dev dependency, or its config tables ([tool.pytest.ini_options], [tool:pytest], [pytest]).
  const pytest = find(repo, dir, /^\s*(["']?pytest\b(?![-_])|\[tool\.pytest|\[tool:pytest\]|\[pytest\])/m, ['pytest.ini', 'conftest.py']);
  if (pytest) {
    // Without a runner, `python -m pytest` puts the project root on sys.path the way `uv run` does.
    service.commands.test = run ? `${run}pytest` : 'python -m pytest';
    addEvidence(service, 'test', pytest.file, pytest.note, pytest.line);
  }
  const ruff = find(repo, dir, /^\s*(["']?ruff\b(?![-_])|\[tool\.ruff)/m, ['ruff.toml', '.ruff.toml']);
  if (ruff) {
    service.commands.lint = `${run}ruff check .`;
    addEvidence(service, 'lint', ruff.file, ruff.note, ruff.line);
  }
}
