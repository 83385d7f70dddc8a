/**
 * What a build context should leave out, by language. Data, not logic. Build outputs are excluded
 * only for stacks whose Dockerfile rebuilds them inside the image; a plain static site's files are
 * its output, so nothing of its own is excluded.
 */
import type { Language } from '../../plan/schema.js';

/** Always out: VCS data, local secrets, editor and OS noise, our own state, the image recipes themselves. */
export const COMMON_PATTERNS: readonly string[] = [
  '# version control and CI',
  '.git',
  '.gitignore',
  '.github',
  '.gitlab-ci.yml',
  '.circleci',
  '# local secrets: never bake them into an image',
  '.env',
  '.env.*',
  '!.env.example',
  '*.pem',
  '*.key',
  '*.p12',
  '*.pfx',
  'secrets',
  '# container recipes and devsquad state',
  '**/Dockerfile',
  '**/*.Dockerfile',
  '**/.dockerignore',
  'compose.yaml',
  'compose.yml',
  'docker-compose*.yml',
  'docker-compose*.yaml',
  '.devsquad',
  '# editors, OS files, logs, coverage',
  '.vscode',
  '.idea',
  '**/.DS_Store',
  '**/*.log',
  '**/coverage',
];

export const LANGUAGE_PATTERNS: Record<Language, readonly string[]> = {
  node: ['**/node_modules', '**/.next', '**/.nuxt', '**/.output', '**/.svelte-kit', '**/.astro', '**/.turbo', '**/.cache', '**/.parcel-cache', '**/.eslintcache', '**/npm-debug.log*', '**/yarn-error.log', '**/.yarn/cache', '**/.yarn/install-state.gz', '**/.pnpm-store'],
  deno: ['**/node_modules', '**/.deno'],
  python: ['**/__pycache__', '**/*.py[cod]', '**/.venv', '**/venv', '**/.pytest_cache', '**/.mypy_cache', '**/.ruff_cache', '**/.tox', '**/.nox', '**/*.egg-info', '**/htmlcov', '**/.coverage'],
  go: ['bin', '**/*.test', '**/*.out'],
  rust: ['**/target'],
  java: ['**/target', '**/build', '**/.gradle', '**/out', '!**/gradle/wrapper/gradle-wrapper.jar', '!**/.mvn/wrapper/maven-wrapper.jar'],
  kotlin: ['**/target', '**/build', '**/.gradle', '**/out', '!**/gradle/wrapper/gradle-wrapper.jar', '!**/.mvn/wrapper/maven-wrapper.jar'],
  dotnet: ['**/bin', '**/obj', '**/TestResults', '**/*.user', '**/.vs'],
  ruby: ['**/.bundle', '**/vendor/bundle', '**/log/*', '**/tmp/*', '!**/log/.keep', '!**/tmp/.keep', '**/storage/*', '!**/storage/.keep', '**/public/assets', '**/node_modules', 'config/master.key', 'config/credentials/*.key'],
  php: ['**/vendor', '**/node_modules', '**/storage/logs/*', '**/storage/framework/cache/*', '**/storage/framework/sessions/*', '**/storage/framework/views/*', '**/var/cache', '**/var/log', '**/.phpunit.result.cache', '**/public/hot'],
  elixir: ['**/_build', '**/deps', '**/.elixir_ls', '**/erl_crash.dump', '**/cover', '**/priv/static/assets'],
  static: [],
};
