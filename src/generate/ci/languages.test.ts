/**
 * The verify job (dev install with a cache keyed on the lockfile or manifests, then the repo's own
 * lint/test) for every language beyond Node and Go, on all four providers.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { EXAMPLES_DIR, planOf, testdir } from '../../../test/helpers.js';
import type { ProjectPlan } from '../../plan/schema.js';
import { generate, inputs } from './generate.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- parsed YAML in assertions

const ALL = { providers: ['github', 'gitlab', 'circleci', 'jenkins'] };

function files(plan: ProjectPlan) {
  return generate({ plan, services: plan.services, version: '0.0.0' }, inputs.parse(ALL));
}

function github(plan: ProjectPlan): Json {
  return parse(files(plan).find((f) => f.kind === 'github-actions')!.content) as Json;
}

function gitlab(plan: ProjectPlan): Json {
  return parse(files(plan).find((f) => f.kind === 'gitlab-ci')!.content) as Json;
}

function circleci(plan: ProjectPlan): Json {
  return parse(files(plan).find((f) => f.kind === 'circleci')!.content) as Json;
}

function jenkinsfile(plan: ProjectPlan): string {
  return files(plan).find((f) => f.kind === 'jenkinsfile')!.content;
}

function runs(job: Json): string[] {
  return job.steps.map((s: Json) => s.run).filter(Boolean);
}

function uses(job: Json, prefix: string): Json {
  return job.steps.find((s: Json) => typeof s.uses === 'string' && s.uses.startsWith(prefix));
}

function example(name: string): ProjectPlan {
  return planOf(path.join(EXAMPLES_DIR, name));
}

/** An example's plan with test/lint commands set, for stacks whose examples have no tests. */
function withChecks(name: string, commands: { test?: string; lint?: string }): ProjectPlan {
  const plan = structuredClone(example(name));
  for (const service of plan.services) Object.assign(service.commands, commands);
  return plan;
}

describe('Python', () => {
  const UV = {
    'pyproject.toml': '[project]\nname = "notes"\nversion = "0.1.0"\nrequires-python = ">=3.12"\ndependencies = ["fastapi>=0.115", "uvicorn>=0.32"]\n\n[dependency-groups]\ndev = [\n  "pytest>=8.3",\n  "ruff>=0.7",\n]\n',
    'uv.lock': 'version = 1\nrequires-python = ">=3.12"\n',
    '.python-version': '3.12\n',
    'app/__init__.py': '',
    'app/main.py': 'import os\nfrom fastapi import FastAPI\n\napp = FastAPI()\n\n@app.get("/health")\ndef health():\n    return {"ok": True}\n',
    'tests/test_health.py': 'def test_ok():\n    assert True\n',
  };

  it('uv: installs the dev group with --locked, runs uv run ruff / pytest, caches UV_CACHE_DIR on uv.lock', () => {
    const plan = planOf(testdir(UV));
    const verify = github(plan).jobs.verify;
    expect(uses(verify, 'actions/setup-python@').with['python-version']).toBe('3.12');
    expect(runs(verify)).toEqual(['python -m pip install uv', 'uv sync --locked', 'uv run ruff check .', 'uv run pytest']);
    expect(uses(verify, 'actions/cache@').with.key).toContain("hashFiles('uv.lock')");
    expect(verify.env.UV_CACHE_DIR).toBe('${{ github.workspace }}/.cache/uv');
    const job = gitlab(plan)[`${plan.services[0]!.name}:verify`];
    expect(job.image).toBe('python:3.12');
    expect(job.cache.key.files).toEqual(['uv.lock']);
    expect(job.script).toEqual(['python -m pip install uv', 'uv sync --locked', 'uv run ruff check .', 'uv run pytest']);
  });

  it('pip: adds the dev requirements file the checks came from; keys on requirements.txt', () => {
    const plan = planOf(testdir({
      'requirements.txt': 'flask==3.0.3\ngunicorn==23.0.0\n',
      'requirements-dev.txt': '-r requirements.txt\npytest==8.3.3\n',
      'app.py': 'from flask import Flask\napp = Flask(__name__)\n\n@app.get("/health")\ndef health():\n    return "ok"\n',
      Procfile: 'web: gunicorn app:app --bind 0.0.0.0:$PORT\n',
    }));
    const verify = github(plan).jobs.verify;
    expect(runs(verify)).toEqual(['pip install -r requirements.txt -r requirements-dev.txt', 'python -m pytest']);
    expect(verify.env.PIP_CACHE_DIR).toBe('${{ github.workspace }}/.cache/pip');
  });

  it('pipenv example: pipenv install --dev (a virtualenv for pipenv run), pipenv run pytest', () => {
    const plan = example('python-fastapi-pipenv');
    expect(runs(github(plan).jobs.verify)).toEqual(['python -m pip install pipenv', 'pipenv install --dev', 'pipenv run pytest']);
    expect(circleci(plan).jobs['python-fastapi-pipenv-verify'].docker[0].image).toBe('python:3.12');
  });

  it('poetry: drops --only main and keeps the other flags', () => {
    const plan = withChecks('python-django-poetry', { test: 'poetry run pytest' });
    expect(runs(github(plan).jobs.verify)).toEqual(['python -m pip install poetry', 'poetry install --no-root', 'poetry run pytest']);
    expect(github(plan).jobs.verify.env.POETRY_CACHE_DIR).toBe('${{ github.workspace }}/.cache/pypoetry');
  });

  it('no lint/test in the plan: no verify job, and a note says why', () => {
    const plan = example('python-fastapi-uv');
    expect(github(plan).jobs.verify).toBeUndefined();
    expect(files(plan)[0]!.notes?.join('\n')).toContain('no lint or test command');
  });
});

describe('JVM', () => {
  it('Maven example: ~/.m2 repository in the workspace keyed on pom.xml and the wrapper, setup-java temurin', () => {
    const plan = example('java-spring-boot-maven');
    const verify = github(plan).jobs.verify;
    expect(uses(verify, 'actions/setup-java@').with).toEqual({ distribution: 'temurin', 'java-version': '21' });
    expect(verify.env.MAVEN_OPTS).toBe('-Dmaven.repo.local=${{ github.workspace }}/.cache/m2');
    expect(uses(verify, 'actions/cache@').with.key).toContain("hashFiles('pom.xml', '.mvn/wrapper/maven-wrapper.properties')");
    expect(runs(verify)).toEqual(['./mvnw -B -ntp dependency:go-offline', './mvnw -B -ntp test']);
    const job = gitlab(plan)['orders:verify'];
    expect(job.image).toBe('eclipse-temurin:21-jdk');
    expect(job.variables.MAVEN_OPTS).toBe('-Dmaven.repo.local=$CI_PROJECT_DIR/.cache/m2');
    expect(jenkinsfile(plan)).toContain('MAVEN_OPTS = "-Dmaven.repo.local=${WORKSPACE}/.cache/m2"');
  });

  it('Gradle example: GRADLE_USER_HOME cached on build.gradle.kts and the wrapper properties', () => {
    const plan = example('kotlin-spring-boot-gradle-kts');
    const verify = github(plan).jobs.verify;
    expect(verify.env.GRADLE_USER_HOME).toBe('${{ github.workspace }}/.cache/gradle');
    expect(uses(verify, 'actions/cache@').with.key).toContain("hashFiles('build.gradle.kts', 'gradle/wrapper/gradle-wrapper.properties')");
    expect(runs(verify)).toEqual(['./gradlew --no-daemon dependencies', './gradlew --no-daemon test']);
    const key = circleci(plan).jobs['shortlinks-verify'].steps[1].restore_cache.keys[0];
    expect(key).toBe('v1-shortlinks-java-{{ checksum "build.gradle.kts" }}-{{ checksum "gradle/wrapper/gradle-wrapper.properties" }}');
  });
});

describe('PHP, .NET, Ruby', () => {
  it('Laravel example: composer install with dev deps, phpunit, setup-php; the php image gets a verified composer', () => {
    const plan = example('php-laravel');
    const verify = github(plan).jobs.verify;
    expect(uses(verify, 'shivammathur/setup-php@').with['php-version']).toBe('8.2');
    expect(runs(verify)).toEqual(['composer install --optimize-autoloader --no-interaction', 'vendor/bin/phpunit']);
    const job = gitlab(plan)['php-laravel:verify'];
    expect(job.image).toBe('php:8.2-cli');
    expect(job.script[0]).toContain('sha384sum -c -');
    // The asset build needs Node: it stays in the image build.
    expect(job.script.join('\n')).not.toContain('npm run build');
  });

  it('.NET solution: NuGet cache keyed on the csproj, dotnet test, no publish to /app on the runner', () => {
    const plan = example('dotnet-solution');
    const verify = github(plan).jobs.verify;
    expect(uses(verify, 'actions/setup-dotnet@').with['dotnet-version']).toBe('8.0.x');
    expect(verify.env.NUGET_PACKAGES).toBe('${{ github.workspace }}/.cache/nuget');
    expect(uses(verify, 'actions/cache@').with.key).toContain("hashFiles('src/Shop.Api/Shop.Api.csproj')");
    expect(runs(verify)).toEqual(['dotnet restore src/Shop.Api/Shop.Api.csproj', 'dotnet test tests/Shop.Api.Tests/Shop.Api.Tests.csproj']);
    expect(gitlab(plan)['shop-api:verify'].image).toBe('mcr.microsoft.com/dotnet/sdk:8.0');
  });

  it('Ruby: bundler cache keyed on Gemfile.lock, setup-ruby with the plan version', () => {
    const plan = withChecks('ruby-sinatra', { test: 'bundle exec rspec' });
    const verify = github(plan).jobs.verify;
    expect(uses(verify, 'ruby/setup-ruby@').with).toEqual({ 'ruby-version': '3.3.4', 'bundler-cache': false });
    expect(verify.env.BUNDLE_PATH).toBe('${{ github.workspace }}/.cache/bundle');
    expect(uses(verify, 'actions/cache@').with.key).toContain("hashFiles('Gemfile.lock')");
    expect(runs(verify)).toEqual(['bundle install', 'bundle exec rspec']);
  });
});

describe('Rust, Elixir, Deno', () => {
  it('Rust workspace: toolchain from rust-toolchain.toml, cargo registry + target cached', () => {
    const plan = example('rust-actix-workspace');
    const verify = github(plan).jobs.verify;
    expect(runs(verify)).toEqual(['rustup toolchain install 1.82.0 --profile minimal', 'cargo fetch', 'cargo test -p api']);
    expect(verify.env).toEqual({ CARGO_HOME: '${{ github.workspace }}/.cache/cargo' });
    expect(uses(verify, 'actions/cache@').with.path.split('\n')).toEqual(['.cache/cargo/registry', '.cache/cargo/git', 'target']);
    expect(gitlab(plan)['api:verify'].image).toBe('rust:1.82.0');
  });

  it('Rust without a toolchain file: the plan version is forced, clippy installed when the lint uses it', () => {
    const plan = withChecks('rust-axum', { lint: 'cargo clippy --all-targets -- -D warnings' });
    const verify = github(plan).jobs.verify;
    expect(verify.env.RUSTUP_TOOLCHAIN).toBe('1.80');
    expect(runs(verify)[0]).toBe('rustup toolchain install 1.80 --profile minimal --component clippy');
  });

  it('Elixir: setup-beam with a matching OTP, deps/_build cached, all deps fetched (not --only prod)', () => {
    const plan = withChecks('elixir-phoenix', { test: 'mix test' });
    const verify = github(plan).jobs.verify;
    expect(uses(verify, 'erlef/setup-beam@').with).toEqual({ 'elixir-version': '1.17.3', 'otp-version': '27' });
    expect(runs(verify)).toEqual(['mix local.hex --force', 'mix local.rebar --force', 'mix deps.get', 'mix test']);
    expect(uses(verify, 'actions/cache@').with.path.split('\n')).toEqual(['deps', '_build', '.cache/mix']);
    expect(gitlab(plan)['elixir-phoenix:verify'].image).toBe('elixir:1.17.3');
  });

  it('Deno: DENO_DIR cached on deno.json, setup-deno', () => {
    const plan = withChecks('deno-hono', { test: 'deno test --allow-env' });
    const verify = github(plan).jobs.verify;
    expect(uses(verify, 'denoland/setup-deno@').with['deno-version']).toBe('2.0.2');
    expect(verify.env.DENO_DIR).toBe('${{ github.workspace }}/.cache/deno');
    expect(runs(verify)).toEqual(['deno install --entrypoint main.ts', 'deno test --allow-env']);
    expect(circleci(plan).jobs['deno-hono-verify'].docker[0].image).toBe('denoland/deno:2.0.2');
  });
});

describe('Bun', () => {
  const plan = withChecks('node-hono-bun', { lint: 'bun run lint', test: 'bun test' });

  it('GitHub: setup-bun pinned to its v2.2.0 commit with the plan version, cache in .cache/bun keyed on bun.lock', () => {
    const text = files(plan).find((f) => f.kind === 'github-actions')!.content;
    expect(text).toContain('uses: oven-sh/setup-bun@0c5077e51419868618aeaa5fe8019c62421857d6 # v2.2.0');
    const verify = github(plan).jobs.verify;
    expect(uses(verify, 'oven-sh/setup-bun@').with['bun-version']).toBe('1.1.34');
    expect(uses(verify, 'actions/setup-node@')).toBeUndefined();
    expect(verify.env.BUN_INSTALL_CACHE_DIR).toBe('${{ github.workspace }}/.cache/bun');
    const cache = uses(verify, 'actions/cache@').with;
    expect(cache.path).toBe('.cache/bun');
    expect(cache.key).toBe("${{ runner.os }}-link-shortener-bun-${{ hashFiles('bun.lock') }}");
    expect(runs(verify)).toEqual(['bun install --frozen-lockfile', 'bun run lint', 'bun test']);
  });

  it('GitLab, CircleCI and Jenkins run in oven/bun pinned to the plan version', () => {
    const gl = gitlab(plan);
    const job = Object.values(gl).find((j) => (j as Json).image === 'oven/bun:1.1.34') as Json;
    expect(job.variables.BUN_INSTALL_CACHE_DIR).toBe('$CI_PROJECT_DIR/.cache/bun');
    expect(job.cache).toEqual({ key: { files: ['bun.lock'], prefix: 'link-shortener-bun' }, paths: ['.cache/bun'] });
    expect(job.script).toEqual(['bun install --frozen-lockfile', 'bun run lint', 'bun test']);
    const cc = circleci(plan).jobs['link-shortener-verify'];
    expect(cc.docker[0].image).toBe('oven/bun:1.1.34');
    expect(JSON.stringify(cc.steps)).toContain('{{ checksum \\"bun.lock\\" }}');
    expect(JSON.stringify(cc.steps)).toContain('BUN_INSTALL_CACHE_DIR=$PWD/.cache/bun');
    const jf = jenkinsfile(plan);
    expect(jf).toContain("image 'oven/bun:1.1.34'");
    expect(jf).toContain('BUN_INSTALL_CACHE_DIR = "${WORKSPACE}/.cache/bun"');
    expect(jf).toContain('bun install --frozen-lockfile');
  });

  it('drops --production from the verify install and keeps the lockfile frozen', () => {
    const prod = structuredClone(plan);
    prod.services[0]!.commands.install = 'bun install --production';
    expect(runs(github(prod).jobs.verify)[0]).toBe('bun install --frozen-lockfile');
  });
});

it('every added action is pinned to a full SHA with a version comment', () => {
  const plans = [example('php-laravel'), example('dotnet-solution'), withChecks('elixir-phoenix', { test: 'mix test' }), withChecks('deno-hono', { test: 'deno test' }), example('java-spring-boot-maven'), example('python-fastapi-pipenv'), withChecks('ruby-sinatra', { test: 'bundle exec rspec' })];
  for (const plan of plans) {
    for (const line of files(plan).find((f) => f.kind === 'github-actions')!.content.split('\n').filter((l) => l.includes('uses:'))) {
      expect(line).toMatch(/uses: [\w./-]+@[0-9a-f]{40} # v?\d+\.\d+\.\d+$/);
    }
  }
});
