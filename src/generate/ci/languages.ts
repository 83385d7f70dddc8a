/**
 * Runner toolchains for the languages whose verify job installs DEV dependencies (Python, JVM, Ruby,
 * PHP, .NET, Rust, Elixir, Deno). The plan's `commands.install` is the production install the
 * Dockerfile runs (`uv sync --no-dev`, `composer install --no-dev`); tests and linters live in the
 * dev dependencies, so the verify job runs the same command without its production-only flag.
 * Everything here is derived from the plan: no repository reads.
 */
import { joinPath } from '../../core/repo/repo-fs.js';
import type { ServicePlan } from '../../plan/schema.js';

export type Runtime = 'node' | 'bun' | 'go' | 'python' | 'java' | 'ruby' | 'php' | 'dotnet' | 'rust' | 'elixir' | 'deno';

export interface Toolchain {
  /** Runtime to set up: the GitHub setup action family and the container image of other providers. */
  runtime: Runtime;
  /** Package manager enabled through Corepack before installing (pnpm, yarn), or null. */
  corepack: boolean;
  /**
   * Cache dirs, relative to the checkout root. Env values are literal, except `{root}`, which each
   * renderer replaces with the absolute checkout directory (commands run in sub-directories).
   */
  cache: { paths: string[]; env: Record<string, string> };
  /** Container image the GitLab / CircleCI / Jenkins job runs in. */
  image: string;
  /** Shell commands after the runtime is set up, on every provider (install the package manager itself). */
  setup: string[];
  /** Extra commands only container jobs need (what the GitHub setup action provides). */
  containerSetup: string[];
  /** The dev install run before lint/test, or null for the plan's `commands.install` unchanged. */
  install: string | null;
  /** Whether `commands.build` also runs on the runner; false when the image build is the only place it works. */
  buildOnRunner: boolean;
  /** Manifests keying the cache when the plan has no lockfile (repo-relative); empty = no cache key. */
  manifests: string[];
}

/** Exact tool versions (`1.8.3`) are pinned; ranges from a manifest are not a pip specifier. */
function pipTool(name: string, version: string | null | undefined): string {
  return version && /^\d+(\.\d+)*$/.test(version) ? `python -m pip install "${name}==${version}"` : `python -m pip install ${name}`;
}

/** Drops production-only flags from the plan's install; the rest of the command is kept as written. */
function withoutFlags(install: string | null, flags: readonly string[]): string | null {
  if (install === null) return null;
  let out = install;
  for (const flag of flags) out = out.replace(new RegExp(`\\s${flag.replace(/[-]/g, '\\-')}(?=\\s|$)`, 'g'), '');
  return out;
}

/** Files the plan says the install read (manifests, since the lockfile is checked first). */
function installFiles(service: ServicePlan): string[] {
  const facts = ['install', 'packageManager'];
  const files: string[] = [];
  for (const fact of facts) {
    for (const e of service.evidence) if (e.fact === fact && /(\.(toml|txt|json|jsonc|xml|exs|kts|gradle|csproj|fsproj|lock)|Pipfile|Gemfile|pom\.xml)$/.test(e.file)) files.push(e.file);
    if (files.length > 0) break;
  }
  return [...new Set(files)];
}

function manifestsOr(service: ServicePlan, names: string[]): string[] {
  const found = installFiles(service);
  return found.length > 0 ? found : names.map((n) => joinPath(service.build.context, n));
}

function python(service: ServicePlan): Toolchain {
  const manager = service.packageManager?.name ?? 'pip';
  const version = service.packageManager?.version;
  const install = service.commands.install;
  const base = { runtime: 'python' as const, corepack: false, image: `python:${service.runtime.version}`, containerSetup: [], buildOnRunner: false };
  const manifests = manifestsOr(service, ['pyproject.toml']);
  if (manager === 'uv') {
    // `uv sync` installs the dev group by default: only --no-dev is production-only.
    return { ...base, cache: { paths: ['.cache/uv'], env: { UV_CACHE_DIR: '{root}/.cache/uv' } }, setup: [pipTool('uv', version)], install: withoutFlags(install, ['--no-dev']), manifests };
  }
  if (manager === 'poetry') {
    return { ...base, cache: { paths: ['.cache/pypoetry'], env: { POETRY_CACHE_DIR: '{root}/.cache/pypoetry' } }, setup: [pipTool('poetry', version)], install: install && withoutFlags(install.replace(/\s--only[= ]main\b/, ''), []), manifests };
  }
  if (manager === 'pdm') {
    return { ...base, cache: { paths: ['.cache/pdm'], env: { PDM_CACHE_DIR: '{root}/.cache/pdm' } }, setup: [pipTool('pdm', version)], install: withoutFlags(install, ['--prod']), manifests };
  }
  if (manager === 'pipenv') {
    // `pipenv run …` needs the virtualenv, so not --system; --dev adds [dev-packages].
    const locked = service.packageManager?.lockfile ? ' --deploy' : '';
    return {
      ...base,
      cache: { paths: ['.cache/pip', '.cache/pipenv'], env: { PIP_CACHE_DIR: '{root}/.cache/pip', PIPENV_CACHE_DIR: '{root}/.cache/pipenv' } },
      setup: [pipTool('pipenv', version)],
      install: `pipenv install --dev${locked}`,
      manifests,
    };
  }
  // pip: the production requirements plus the dev/test requirement files the checks were found in.
  const extra = service.evidence
    .filter((e) => (e.fact === 'test' || e.fact === 'lint') && /requirements[^/]*\.txt$|requirements\/[^/]+\.txt$/.test(e.file) && !install?.includes(e.file))
    .map((e) => relativeTo(service.build.context, e.file));
  const devInstall = install && extra.length > 0 ? `${install}${[...new Set(extra)].map((f) => ` -r ${f}`).join('')}` : install;
  return { ...base, cache: { paths: ['.cache/pip'], env: { PIP_CACHE_DIR: '{root}/.cache/pip' } }, setup: [], install: devInstall, manifests };
}

function relativeTo(dir: string, file: string): string {
  return dir !== '' && file.startsWith(`${dir}/`) ? file.slice(dir.length + 1) : file;
}

function jvm(service: ServicePlan): Toolchain {
  const v = service.runtime.version;
  const commands = [service.commands.install, service.commands.test, service.commands.lint].filter((c): c is string => c !== null).join('\n');
  const ctx = service.build.context;
  if (service.packageManager?.name === 'gradle') {
    const wrapper = commands.includes('./gradlew');
    const build = installFiles(service).filter((f) => /\.gradle(\.kts)?$/.test(f));
    return {
      runtime: 'java', corepack: false,
      image: wrapper ? `eclipse-temurin:${v}-jdk` : `gradle:jdk${v}`,
      // GRADLE_USER_HOME holds the dependency cache and the wrapper's Gradle distribution.
      cache: { paths: ['.cache/gradle/caches', '.cache/gradle/wrapper'], env: { GRADLE_USER_HOME: '{root}/.cache/gradle' } },
      setup: [], containerSetup: [], install: null, buildOnRunner: false,
      manifests: [...(build.length > 0 ? build.slice(0, 1) : [joinPath(ctx, 'build.gradle.kts')]), ...(wrapper ? [joinPath(ctx, 'gradle/wrapper/gradle-wrapper.properties')] : [])],
    };
  }
  const wrapper = commands.includes('./mvnw');
  return {
    runtime: 'java', corepack: false,
    image: wrapper ? `eclipse-temurin:${v}-jdk` : `maven:3-eclipse-temurin-${v}`,
    // The local repository (~/.m2/repository) moved into the workspace, where every provider can cache it.
    cache: { paths: ['.cache/m2'], env: { MAVEN_OPTS: '-Dmaven.repo.local={root}/.cache/m2' } },
    setup: [], containerSetup: [], install: null, buildOnRunner: false,
    manifests: [joinPath(ctx, 'pom.xml'), ...(wrapper ? [joinPath(ctx, '.mvn/wrapper/maven-wrapper.properties')] : [])],
  };
}

/** Composer in the php image: the official installer, checked against its published signature. */
const COMPOSER_SETUP = [
  'apt-get update && apt-get install -y --no-install-recommends git unzip',
  'EXPECTED="$(curl -fsSL https://composer.github.io/installer.sig)"',
  'curl -fsSL https://getcomposer.org/installer -o /tmp/composer-setup.php',
  'echo "$EXPECTED  /tmp/composer-setup.php" | sha384sum -c -',
  'php /tmp/composer-setup.php --install-dir=/usr/local/bin --filename=composer',
].join('\n');

/** OTP release setup-beam installs for an Elixir version: the newest OTP that Elixir release supports. */
export function otpFor(elixir: string): string {
  const minor = Number(elixir.split('.')[1] ?? '0');
  if (minor >= 19) return '28';
  if (minor >= 17) return '27';
  if (minor >= 15) return '26';
  if (minor >= 13) return '25';
  return '24';
}

export function languageToolchain(service: ServicePlan): Toolchain | null {
  const v = service.runtime.version;
  const ctx = service.build.context;
  const base = { corepack: false, setup: [] as string[], containerSetup: [] as string[], install: null, buildOnRunner: false };
  switch (service.language) {
    case 'python':
      return python(service);
    case 'java':
    case 'kotlin':
      return service.packageManager?.name === 'maven' || service.packageManager?.name === 'gradle' ? jvm(service) : null;
    case 'ruby':
      return { ...base, runtime: 'ruby', image: `ruby:${v}`, cache: { paths: ['.cache/bundle'], env: { BUNDLE_PATH: '{root}/.cache/bundle' } }, manifests: manifestsOr(service, ['Gemfile']) };
    case 'php':
      return {
        ...base, runtime: 'php', image: `php:${v}-cli`, containerSetup: [COMPOSER_SETUP],
        cache: { paths: ['.cache/composer'], env: { COMPOSER_CACHE_DIR: '{root}/.cache/composer' } },
        install: withoutFlags(service.commands.install, ['--no-dev']), manifests: manifestsOr(service, ['composer.json']),
      };
    case 'dotnet':
      return {
        ...base, runtime: 'dotnet', image: `mcr.microsoft.com/dotnet/sdk:${v}`,
        cache: { paths: ['.cache/nuget'], env: { NUGET_PACKAGES: '{root}/.cache/nuget' } },
        manifests: installFiles(service).slice(0, 2),
      };
    case 'rust': {
      const components = [service.commands.lint?.includes('clippy') ? 'clippy' : null, service.commands.lint?.includes('fmt') ? 'rustfmt' : null].filter((c): c is string => c !== null);
      // A rust-toolchain.toml is read by rustup itself; otherwise the plan's version is forced for every cargo call.
      const fromFile = /rust-toolchain/.test(service.runtime.source);
      return {
        ...base, runtime: 'rust', image: `rust:${v}`,
        setup: [`rustup toolchain install ${v} --profile minimal${components.map((c) => ` --component ${c}`).join('')}`],
        cache: {
          paths: ['.cache/cargo/registry', '.cache/cargo/git', joinPath(ctx, 'target')],
          env: { CARGO_HOME: '{root}/.cache/cargo', ...(fromFile ? {} : { RUSTUP_TOOLCHAIN: v }) },
        },
        manifests: manifestsOr(service, ['Cargo.toml']).filter((f) => f.endsWith('Cargo.toml') || f.endsWith('Cargo.lock')),
      };
    }
    case 'elixir':
      return {
        ...base, runtime: 'elixir', image: `elixir:${v}`,
        setup: ['mix local.hex --force', 'mix local.rebar --force'],
        cache: { paths: [joinPath(ctx, 'deps'), joinPath(ctx, '_build'), '.cache/mix'], env: { MIX_HOME: '{root}/.cache/mix', HEX_HOME: '{root}/.cache/mix/hex' } },
        install: withoutFlags(service.commands.install, ['--only prod']),
        manifests: manifestsOr(service, ['mix.exs']).filter((f) => f.endsWith('mix.exs')),
      };
    case 'deno':
      return { ...base, runtime: 'deno', image: `denoland/deno:${v}`, cache: { paths: ['.cache/deno'], env: { DENO_DIR: '{root}/.cache/deno' } }, manifests: manifestsOr(service, ['deno.json']) };
    default:
      return null;
  }
}
