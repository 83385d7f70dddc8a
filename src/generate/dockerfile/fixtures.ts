/**
 * Hand-built ServicePlans for the Dockerfile tests: one per stack shape users meet, built with
 * blankService() plus the fields a detector would set (with evidence, so headers are realistic).
 */
import type { Feature, Language, ServicePlan } from '../../plan/schema.js';
import { addEvidence, blankService } from '../../plan/service.js';

export interface ServiceSpec {
  name?: string;
  path?: string;
  language: Language;
  runtime?: Partial<ServicePlan['runtime']>;
  framework?: string | null;
  packageManager?: ServicePlan['packageManager'];
  commands?: Partial<ServicePlan['commands']>;
  port?: number | null;
  portEnvVar?: string | null;
  health?: string | null;
  kind?: ServicePlan['kind'];
  build?: Partial<Omit<ServicePlan['build'], 'features'>> & { features?: Feature[] };
}

const DEFAULT_RUNTIME: Record<Language, ServicePlan['runtime']> = {
  node: { name: 'node', version: '22', source: '.nvmrc' },
  python: { name: 'python', version: '3.12', source: '.python-version' },
  go: { name: 'go', version: '1.23', source: 'go.mod' },
  java: { name: 'java', version: '21', source: 'pom.xml' },
  kotlin: { name: 'java', version: '21', source: 'build.gradle.kts' },
  rust: { name: 'rust', version: '1.83', source: 'rust-toolchain.toml' },
  ruby: { name: 'ruby', version: '3.3', source: '.ruby-version' },
  php: { name: 'php', version: '8.3', source: 'composer.json' },
  dotnet: { name: 'dotnet', version: '8.0', source: 'api.csproj' },
  elixir: { name: 'elixir', version: '1.17', source: 'mix.exs' },
  deno: { name: 'deno', version: '2.1.4', source: 'deno.json' },
  static: { name: 'static', version: '', source: 'default' },
};

/** A ServicePlan with realistic defaults for the language, overridden by `spec`. */
export function service(spec: ServiceSpec): ServicePlan {
  const path = spec.path ?? '';
  const s = blankService({ name: spec.name ?? 'app', path, language: spec.language, runtime: { ...DEFAULT_RUNTIME[spec.language], ...spec.runtime } });
  s.framework = spec.framework ?? null;
  s.packageManager = spec.packageManager ?? null;
  s.commands = { ...s.commands, ...spec.commands };
  s.port = { value: spec.port === undefined ? 3000 : spec.port, envVar: spec.portEnvVar === undefined ? 'PORT' : spec.portEnvVar, bindAddress: null };
  s.health = { path: spec.health === undefined ? '/health' : spec.health };
  s.kind = spec.kind ?? 'server';
  s.build = { ...s.build, ...spec.build, features: spec.build?.features ?? [] };
  const at = path === '' ? '' : `${path}/`;
  addEvidence(s, 'runtime', `${at}${s.runtime.source}`, `version ${s.runtime.version}`, 1);
  if (s.commands.start) addEvidence(s, 'start', `${at}package.json`, s.commands.start, 5);
  if (s.port.value !== null) addEvidence(s, 'port', `${at}src/server`, `listens on ${s.port.value}`, 12);
  return s;
}

/** One plan per stack shape the recipes support, shared by the Dockerfile tests. */
export const PLANS = {
  express: () => service({ language: 'node', framework: 'express', packageManager: { name: 'npm', lockfile: 'package-lock.json', version: null }, commands: { install: 'npm ci', build: 'npm run build', start: 'node dist/server.js' } }),
  pnpmMonorepo: () => service({ name: 'api', path: 'apps/api', language: 'node', framework: 'fastify', packageManager: { name: 'pnpm', lockfile: 'pnpm-lock.yaml', version: '9.12.0' }, commands: { install: 'pnpm install --frozen-lockfile', build: 'pnpm --filter ./apps/api... build', start: 'node dist/main.js' }, build: { context: '', workspacePackages: ['packages/shared'], features: ['corepack'] } }),
  yarnMonorepo: () => service({ name: 'api', path: 'services/api', language: 'node', packageManager: { name: 'yarn', lockfile: 'yarn.lock', version: '1.22.22' }, commands: { build: 'yarn workspace api build', start: 'node dist/index.js' }, build: { context: '', workspacePackages: ['libs/common'] } }),
  nextStandalone: () => service({ language: 'node', framework: 'nextjs', packageManager: { name: 'pnpm', lockfile: 'pnpm-lock.yaml', version: null }, commands: { build: 'pnpm run build', start: 'next start' }, build: { outputDir: '.next', features: ['next-standalone'] } }),
  next: () => service({ language: 'node', framework: 'nextjs', packageManager: { name: 'npm', lockfile: 'package-lock.json', version: null }, commands: { build: 'npm run build', start: 'npx next start' }, build: { outputDir: '.next' } }),
  nuxtMonorepo: () => service({ name: 'web', path: 'apps/web', language: 'node', framework: 'nuxt', packageManager: { name: 'npm', lockfile: 'package-lock.json', version: null }, commands: { build: 'npm run build -w apps/web' }, build: { context: '', workspacePackages: ['packages/ui'], features: ['nuxt-nitro'] } }),
  sveltekit: () => service({ language: 'node', framework: 'sveltekit', packageManager: { name: 'npm', lockfile: 'package-lock.json', version: null }, commands: { build: 'npm run build', start: 'node build' }, build: { outputDir: 'build', features: ['sveltekit-node'] } }),
  astro: () => service({ language: 'node', framework: 'astro', port: 4321, packageManager: { name: 'pnpm', lockfile: 'pnpm-lock.yaml', version: null }, commands: { build: 'pnpm build', start: 'node ./dist/server/entry.mjs' }, build: { outputDir: 'dist', features: ['astro-ssr'] } }),
  remixPrisma: () => service({ language: 'node', framework: 'remix', packageManager: { name: 'npm', lockfile: 'package-lock.json', version: null }, commands: { build: 'npm run build', start: 'remix-serve ./build/server/index.js' }, build: { outputDir: 'build', features: ['remix', 'prisma'] } }),
  viteSpa: () => service({ language: 'node', framework: 'vite', kind: 'static', port: 8080, health: null, packageManager: { name: 'yarn', lockfile: 'yarn.lock', version: '4.5.0' }, commands: { build: 'yarn build' }, build: { outputDir: 'dist', features: ['spa', 'yarn-berry'] } }),
  nativeModules: () => service({ language: 'node', packageManager: { name: 'npm', lockfile: 'package-lock.json', version: null }, commands: { start: 'node server.js' }, build: { features: ['native-modules'] } }),
  bunWorker: () => service({ language: 'node', kind: 'worker', port: null, health: null, packageManager: { name: 'bun', lockfile: 'bun.lock', version: null }, runtime: { name: 'bun', version: '1.1' }, commands: { start: 'bun run src/worker.ts' } }),
  fastapiUv: () => service({ language: 'python', framework: 'fastapi', port: 8000, packageManager: { name: 'uv', lockfile: 'uv.lock', version: null }, commands: { install: 'uv sync --locked --no-dev', start: 'uvicorn app.main:app --host 0.0.0.0 --port $PORT' }, build: { systemPackages: ['libpq-dev'] } }),
  djangoPoetry: () => service({ name: 'web', path: 'backend', language: 'python', framework: 'django', port: 8000, packageManager: { name: 'poetry', lockfile: 'poetry.lock', version: null }, commands: { start: 'gunicorn mysite.wsgi:application --bind 0.0.0.0:$PORT' }, build: { context: 'backend', features: ['django'] } }),
  flaskPip: () => service({ language: 'python', framework: 'flask', port: 5000, packageManager: { name: 'pip', lockfile: 'requirements.txt', version: null }, commands: { install: 'pip install -r requirements/prod.txt', start: 'gunicorn app:app' } }),
  pipenv: () => service({ language: 'python', framework: 'flask', port: 5000, packageManager: { name: 'pipenv', lockfile: 'Pipfile.lock', version: null }, commands: { start: 'gunicorn app:app' } }),
  pdmStreamlit: () => service({ language: 'python', framework: 'streamlit', port: 8501, health: '/_stcore/health', packageManager: { name: 'pdm', lockfile: 'pdm.lock', version: null }, commands: { start: 'streamlit run app.py --server.port $PORT --server.address 0.0.0.0' }, build: { features: ['streamlit'] } }),
  celeryWorker: () => service({ language: 'python', kind: 'worker', port: null, health: null, packageManager: { name: 'pip', lockfile: 'requirements.txt', version: null }, commands: { start: 'celery -A proj worker --loglevel=info' } }),
  rails: () => service({ language: 'ruby', framework: 'rails', packageManager: { name: 'bundler', lockfile: 'Gemfile.lock', version: null }, health: '/up', commands: { start: './bin/rails server -b 0.0.0.0' }, build: { systemPackages: ['libpq-dev'], features: ['rails-assets', 'bootsnap'] } }),
  sinatra: () => service({ language: 'ruby', framework: 'sinatra', port: 4567, packageManager: { name: 'bundler', lockfile: 'Gemfile.lock', version: null }, commands: { start: 'bundle exec rackup --host 0.0.0.0 --port $PORT' } }),
  laravel: () => service({ language: 'php', framework: 'laravel', port: 8000, packageManager: { name: 'composer', lockfile: 'composer.lock', version: null }, health: '/up', commands: { start: 'php artisan serve' }, build: { systemPackages: ['ext-gd'] } }),
  symfony: () => service({ language: 'php', framework: 'symfony', port: 8000, packageManager: { name: 'composer', lockfile: 'composer.lock', version: null } }),
  plainPhp: () => service({ language: 'php', port: 8080, health: null, packageManager: null, build: { outputDir: 'public' } }),
  deno: () => service({ language: 'deno', port: 8000, packageManager: { name: 'deno', lockfile: 'deno.lock', version: null }, commands: { start: 'deno run --allow-net --allow-env main.ts' }, build: { target: 'main.ts' } }),
  hugo: () => service({ language: 'static', kind: 'static', port: 8080, health: null, commands: { build: 'hugo --minify' }, build: { outputDir: 'public' } }),
  html: () => service({ language: 'static', kind: 'static', port: 8080, health: null }),
} satisfies Record<string, () => ServicePlan>;

export type PlanName = keyof typeof PLANS;
