/**
 * commands.test / commands.lint across languages: the repo's own test runner and linter, with the
 * file that says so, and nothing when the repo configures none (CI must not run a tool the team never set up).
 */
import { describe, expect, it } from 'vitest';
import { onlyService, planOf, testdir } from '../../test/helpers.js';

const EXPRESS_JS = "const express = require('express');\nconst app = express();\napp.listen(process.env.PORT || 3000);\n";

function node(scripts: Record<string, string>, lock: Record<string, string> = { 'package-lock.json': '{"lockfileVersion":3}' }) {
  return onlyService({
    'package.json': { name: 'api', version: '1.0.0', scripts: { start: 'node server.js', ...scripts }, dependencies: { express: '^4.21.1' } },
    'server.js': EXPRESS_JS,
    ...lock,
  });
}

describe('node', () => {
  it('runs the package test and lint scripts through its package manager, with the script as evidence', () => {
    const s = node({ test: 'vitest run', lint: 'eslint .' });
    expect(s.commands).toMatchObject({ test: 'npm test', lint: 'npm run lint' });
    expect(s.evidence).toContainEqual({ fact: 'test', file: 'package.json', line: 6, note: '"test": "vitest run"' });
    expect(node({ test: 'jest' }, { 'pnpm-lock.yaml': "lockfileVersion: '9.0'\n" }).commands.test).toBe('pnpm test');
    expect(node({ test: 'jest' }, { 'yarn.lock': '# yarn lockfile v1\n' }).commands.test).toBe('yarn test');
    expect(node({ test: 'bun test' }, { 'bun.lock': '{}' }).commands.test).toBe('bun run test');
  });

  it('skips the npm init placeholder and packages without scripts', () => {
    expect(node({ test: 'echo "Error: no test specified" && exit 1' }).commands).toMatchObject({ test: null, lint: null });
  });

  it('scopes a workspace member to its package', () => {
    const plan = planOf(testdir({
      'package.json': { name: 'acme', private: true, workspaces: ['apps/*', 'packages/*'] },
      'package-lock.json': { lockfileVersion: 3 },
      'apps/api/package.json': { name: '@acme/api', scripts: { start: 'node index.js', test: 'node --test' }, dependencies: { express: '^4.21.1', '@acme/shared': '*' } },
      'apps/api/index.js': EXPRESS_JS,
      'packages/shared/package.json': { name: '@acme/shared', main: 'index.js' },
      'packages/shared/index.js': 'module.exports = {};\n',
    }));
    const api = plan.services.find((s) => s.path === 'apps/api')!;
    expect(api.build.context).toBe('');
    expect(api.commands.test).toBe('npm run test --workspace apps/api');
  });
});

describe('python', () => {
  const APP = 'from fastapi import FastAPI\napp = FastAPI()\n';
  it('uv: pytest and ruff from the dev group, run through uv', () => {
    const s = onlyService({
      'pyproject.toml': '[project]\nname = "api"\nrequires-python = ">=3.12"\ndependencies = ["fastapi>=0.115", "uvicorn>=0.32"]\n\n[dependency-groups]\ndev = [\n  "pytest>=8.3",\n  "ruff>=0.8",\n]\n',
      'uv.lock': 'version = 1\n',
      'main.py': APP,
    });
    expect(s.commands).toMatchObject({ test: 'uv run pytest', lint: 'uv run ruff check .' });
    expect(s.evidence).toContainEqual({ fact: 'test', file: 'pyproject.toml', line: 8, note: '"pytest>=8.3",' });
  });

  it('poetry: pytest configured in pyproject; pip: python -m pytest from requirements-dev.txt and ruff.toml', () => {
    const poetry = onlyService({
      'pyproject.toml': '[tool.poetry]\nname = "api"\nversion = "0.1.0"\n\n[tool.poetry.dependencies]\npython = "^3.12"\nfastapi = "^0.115"\n\n[tool.pytest.ini_options]\ntestpaths = ["tests"]\n',
      'poetry.lock': '# poetry\n',
      'main.py': APP,
    });
    expect(poetry.commands).toMatchObject({ test: 'poetry run pytest', lint: null });
    const pip = onlyService({ 'requirements.txt': 'flask==3.1.0\n', 'requirements-dev.txt': '-r requirements.txt\npytest==8.3.4\n', 'ruff.toml': 'line-length = 100\n', 'app.py': 'from flask import Flask\napp = Flask(__name__)\n' });
    expect(pip.commands).toMatchObject({ test: 'python -m pytest', lint: 'ruff check .' });
    expect(pip.evidence).toContainEqual({ fact: 'lint', file: 'ruff.toml', note: 'ruff.toml configures it' });
  });
});

describe('go, rust', () => {
  it('go: go test when the module has tests, go vet always', () => {
    const files = { 'go.mod': 'module example.com/api\n\ngo 1.23\n', 'main.go': 'package main\n\nimport "net/http"\n\nfunc main() { http.ListenAndServe(":8080", nil) }\n' };
    expect(onlyService(files).commands).toMatchObject({ test: null, lint: 'go vet ./...' });
    const s = onlyService({ ...files, 'handler_test.go': 'package main\n' });
    expect(s.commands.test).toBe('go test ./...');
    expect(s.evidence).toContainEqual({ fact: 'test', file: 'handler_test.go', note: '1 _test.go file in the module' });
  });

  it('rust: cargo test --locked when tests exist, clippy only when configured', () => {
    const files = {
      'Cargo.toml': '[package]\nname = "api"\nversion = "0.1.0"\nedition = "2021"\n\n[dependencies]\naxum = "0.7"\n\n[lints.clippy]\npedantic = "warn"\n',
      'Cargo.lock': 'version = 3\n',
      'src/main.rs': 'fn main() {}\n\n#[cfg(test)]\nmod tests {\n    #[test]\n    fn works() {}\n}\n',
    };
    const s = onlyService(files);
    expect(s.commands).toMatchObject({ test: 'cargo test --locked', lint: 'cargo clippy --locked --all-targets -- -D warnings' });
    expect(s.evidence).toContainEqual({ fact: 'test', file: 'src/main.rs', line: 3, note: 'unit tests (#[test] / #[cfg(test)])' });
    expect(s.evidence).toContainEqual({ fact: 'lint', file: 'Cargo.toml', line: 9, note: '[lints.clippy] configures clippy' });
    expect(onlyService({ ...files, 'Cargo.toml': files['Cargo.toml'].split('\n[lints')[0]!, 'src/main.rs': 'fn main() {}\n' }).commands).toMatchObject({ test: null, lint: null });
  });
});

describe('jvm, ruby, php, dotnet, elixir', () => {
  it('maven through the wrapper when test sources exist', () => {
    const s = onlyService({
      'pom.xml': '<project><modelVersion>4.0.0</modelVersion><groupId>a</groupId><artifactId>api</artifactId><version>1</version><packaging>jar</packaging></project>\n',
      mvnw: '#!/bin/sh\n',
      'src/main/java/a/App.java': 'package a;\npublic class App { public static void main(String[] a) {} }\n',
      'src/test/java/a/AppTest.java': 'package a;\nclass AppTest {}\n',
    });
    expect(s.commands.test).toBe('./mvnw -B -ntp test');
    expect(s.evidence).toContainEqual({ fact: 'test', file: 'src/test/java/a/AppTest.java', note: 'test sources in src/test' });
  });

  it('ruby: rspec and rubocop from the Gemfile groups', () => {
    const s = onlyService({
      Gemfile: 'source "https://rubygems.org"\ngem "sinatra"\ngem "puma"\ngroup :development, :test do\n  gem "rspec"\n  gem "rubocop", require: false\nend\n',
      'app.rb': "require 'sinatra'\nget('/') { 'ok' }\n",
      'config.ru': "require './app'\nrun Sinatra::Application\n",
    });
    expect(s.commands).toMatchObject({ test: 'bundle exec rspec', lint: 'bundle exec rubocop' });
    expect(s.evidence).toContainEqual({ fact: 'test', file: 'Gemfile', line: 5, note: 'gem "rspec"' });
  });

  it('php: phpunit from require-dev, phpstan with its config', () => {
    const s = onlyService({
      'composer.json': { require: { php: '^8.3' }, 'require-dev': { 'phpunit/phpunit': '^11.0', 'phpstan/phpstan': '^2.0' } },
      'phpstan.neon': 'parameters:\n  level: 6\n',
      'public/index.php': "<?php\necho 'ok';\n",
    });
    expect(s.commands).toMatchObject({ test: 'vendor/bin/phpunit', lint: 'vendor/bin/phpstan analyse --no-progress' });
  });

  it('dotnet: dotnet test on the test projects', () => {
    const plan = planOf(testdir({
      'Api/Api.csproj': '<Project Sdk="Microsoft.NET.Sdk.Web"><PropertyGroup><TargetFramework>net8.0</TargetFramework></PropertyGroup></Project>\n',
      'Api/Program.cs': 'var app = WebApplication.CreateBuilder(args).Build();\napp.MapGet("/", () => "ok");\napp.Run();\n',
      'Api.Tests/Api.Tests.csproj': '<Project Sdk="Microsoft.NET.Sdk">\n  <ItemGroup>\n    <PackageReference Include="Microsoft.NET.Test.Sdk" Version="17.12.0" />\n  </ItemGroup>\n</Project>\n',
    }));
    const api = plan.services.find((s) => s.path === 'Api')!;
    expect(api.build.context).toBe('Api');
    expect(api.commands.test).toBe('dotnet test ../Api.Tests/Api.Tests.csproj');
    expect(api.evidence).toContainEqual({ fact: 'test', file: 'Api.Tests/Api.Tests.csproj', line: 3, note: 'test project (Microsoft.NET.Test.Sdk)' });
  });

  it('elixir: mix test with ExUnit files, credo when it is a dependency', () => {
    const s = onlyService({
      'mix.exs': 'defmodule Shop.MixProject do\n  use Mix.Project\n  def project, do: [app: :shop, version: "0.1.0", elixir: "~> 1.17", deps: deps()]\n  def application, do: [mod: {Shop.Application, []}]\n  defp deps do\n    [\n      {:plug_cowboy, "~> 2.7"},\n      {:credo, "~> 1.7", only: [:dev, :test], runtime: false}\n    ]\n  end\nend\n',
      'lib/shop/application.ex': 'defmodule Shop.Application do\nend\n',
      'test/shop_test.exs': 'defmodule ShopTest do\n  use ExUnit.Case\nend\n',
    });
    expect(s.commands).toMatchObject({ test: 'mix test', lint: 'mix credo --strict' });
    expect(s.evidence).toContainEqual({ fact: 'lint', file: 'mix.exs', line: 8, note: 'depends on credo' });
  });
});
