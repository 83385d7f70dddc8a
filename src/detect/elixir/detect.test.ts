import { describe, expect, it } from 'vitest';
import { onlyService, planOf, testdir } from '../../../test/helpers.js';
import { elixirEnvReads, elixirPort } from './env.js';
import { parseMixExs, runtimeDeps } from './mix.js';

const mixExs = (app: string, deps: string, extra = '', application = `mod: {${camel(app)}.Application, []}`): string =>
  `defmodule ${camel(app)}.MixProject do
  use Mix.Project

  def project do
    [app: :${app}, version: "0.1.0", elixir: "~> 1.15", deps: deps()${extra}]
  end

  def application do
    [${application}, extra_applications: [:logger]]
  end

  defp deps do
    [
${deps}
    ]
  end
end
`;

function camel(app: string): string {
  return app.split('_').map((p) => p[0]!.toUpperCase() + p.slice(1)).join('');
}

const RUNTIME_EXS = `import Config
if System.get_env("PHX_SERVER") do
  config :shop, ShopWeb.Endpoint, server: true
end
if config_env() == :prod do
  database_url =
    System.get_env("DATABASE_URL") ||
      raise "DATABASE_URL is missing"
  secret_key_base = System.fetch_env!("SECRET_KEY_BASE")
  port = String.to_integer(System.get_env("PORT") || "4000")
  config :shop, ShopWeb.Endpoint, http: [ip: {0, 0, 0, 0, 0, 0, 0, 0}, port: port], secret_key_base: secret_key_base
end
`;

const PHOENIX = {
  'mix.exs': mixExs('shop', '      {:phoenix, "~> 1.7.14"},\n      {:ecto_sql, "~> 3.10"},\n      {:postgrex, ">= 0.0.0"},\n      {:floki, ">= 0.30.0", only: :test}'),
  'mix.lock': '%{\n  "phoenix": {:hex, :phoenix, "1.7.14", "abc", [:mix], [], "hexpm", "def"},\n}\n',
  'config/runtime.exs': RUNTIME_EXS,
  'lib/shop_web/router.ex': 'defmodule ShopWeb.Router do\n  use ShopWeb, :router\n  scope "/" do\n    get "/healthz", HealthController, :index\n  end\nend\n',
  'lib/shop/release.ex': 'defmodule Shop.Release do\n  def migrate do\n    :ok\n  end\nend\n',
  'assets/js/app.js': 'console.log(1)\n',
};

describe('Phoenix', () => {
  it('builds a release and starts it with bin/<app> start', () => {
    const s = onlyService(PHOENIX);
    expect(s).toMatchObject({ language: 'elixir', framework: 'phoenix', kind: 'server' });
    expect(s.commands).toEqual({
      install: 'mix deps.get --only prod --check-locked',
      build: 'mix assets.deploy && mix release',
      start: 'bin/shop start',
      migrate: 'bin/shop eval "Shop.Release.migrate"',
      test: null,
      lint: null,
    });
    expect(s.build.artifact).toBe('shop');
    expect(s.build.features).toEqual(['mix-release', 'phoenix']);
    expect(s.packageManager).toEqual({ name: 'mix', lockfile: 'mix.lock', version: null });
  });

  it('reads the port from config/runtime.exs', () => {
    const s = onlyService(PHOENIX);
    expect(s.port).toEqual({ value: 4000, envVar: 'PORT', bindAddress: '::' });
    expect(s.evidence).toContainEqual({ fact: 'port', file: 'config/runtime.exs', line: 10, note: 'port = String.to_integer(System.get_env("PORT") || "4000")' });
  });

  it('requires DATABASE_URL and SECRET_KEY_BASE as secrets and sets PHX_SERVER', () => {
    const s = onlyService(PHOENIX);
    expect(s.env).toContainEqual({ name: 'DATABASE_URL', required: true, secret: true, default: null });
    expect(s.env).toContainEqual({ name: 'SECRET_KEY_BASE', required: true, secret: true, default: null });
    expect(s.env).toContainEqual({ name: 'PHX_SERVER', required: true, secret: false, default: 'true' });
    expect(s.backingServices).toEqual([{ kind: 'postgres', envVar: 'DATABASE_URL' }]);
  });

  it('finds the health route in the router', () => {
    const s = onlyService(PHOENIX);
    expect(s.health.path).toBe('/healthz');
    expect(s.evidence).toContainEqual(expect.objectContaining({ fact: 'health', file: 'lib/shop_web/router.ex', line: 4 }));
  });

  it('falls back to mix ecto.migrate without a release module, and skips assets.deploy without assets', () => {
    const { 'lib/shop/release.ex': _r, 'assets/js/app.js': _a, ...files } = PHOENIX;
    const s = onlyService(files);
    expect(s.commands.migrate).toBe('mix ecto.migrate');
    expect(s.commands.build).toBe('mix release');
  });

  it('uses a release named in mix.exs', () => {
    const s = onlyService({ ...PHOENIX, 'mix.exs': mixExs('shop', '      {:phoenix, "~> 1.7"}', ',\n     releases: [storefront: [include_executables_for: [:unix], applications: [shop: :permanent]]]') });
    expect(s.commands.start).toBe('bin/storefront start');
    expect(s.build).toMatchObject({ artifact: 'storefront', target: 'storefront' });
  });

  it('warns about a loopback endpoint', () => {
    const s = onlyService({ ...PHOENIX, 'config/runtime.exs': 'import Config\nconfig :shop, ShopWeb.Endpoint, http: [ip: {127, 0, 0, 1}, port: String.to_integer(System.get_env("PORT") || "4000")]\n' });
    expect(s.port.bindAddress).toBe('127.0.0.1');
    expect(s.warnings.join(' ')).toMatch(/127\.0\.0\.1/);
  });
});

describe('Elixir version', () => {
  const files = { 'lib/app.ex': 'defmodule App do\nend\n' };
  it('reads .tool-versions', () => {
    const s = onlyService({ ...files, 'mix.exs': mixExs('app', '      {:jason, "~> 1.4"}'), '.tool-versions': 'erlang 26.2.5\nelixir 1.16.3-otp-26\n' });
    expect(s.runtime).toEqual({ name: 'elixir', version: '1.16.3', source: '.tool-versions' });
    expect(s.evidence).toContainEqual(expect.objectContaining({ fact: 'runtime', note: 'elixir 1.16.3-otp-26 (erlang 26.2.5)' }));
  });
  it('reduces the mix.exs requirement to major.minor', () => {
    const s = onlyService({ ...files, 'mix.exs': mixExs('app', '      {:jason, "~> 1.4"}') });
    expect(s.runtime).toEqual({ name: 'elixir', version: '1.15', source: 'mix.exs' });
    expect(s.commands.install).toBe('mix deps.get --only prod');
  });
  it('defaults with a warning', () => {
    const s = onlyService({ ...files, 'mix.exs': 'defmodule App.MixProject do\n  def project, do: [app: :app, deps: []]\n  def application, do: [mod: {App.Application, []}]\nend\n' });
    expect(s.runtime).toEqual({ name: 'elixir', version: '1.17', source: 'default' });
    expect(s.warnings.join(' ')).toMatch(/No Elixir version found/);
  });
});

describe('Plug, workers, libraries, umbrellas', () => {
  it('plans a Bandit + Plug app with the port from its child spec', () => {
    const s = onlyService({
      'mix.exs': mixExs('hook', '      {:bandit, "~> 1.5"},\n      {:plug, "~> 1.16"}'),
      'lib/hook/application.ex': 'defmodule Hook.Application do\n  def start(_t, _a) do\n    children = [{Bandit, plug: Hook.Router, port: 8080}]\n    Supervisor.start_link(children, strategy: :one_for_one)\n  end\nend\n',
      'lib/hook/router.ex': 'defmodule Hook.Router do\n  use Plug.Router\n  get "/health" do\n    send_resp(conn, 200, "ok")\n  end\nend\n',
    });
    expect(s).toMatchObject({ framework: 'plug', kind: 'server', port: { value: 8080, envVar: null }, health: { path: '/health' } });
    expect(s.build.features).toEqual(['mix-release']);
  });

  it('plans an OTP app without a web server as a worker', () => {
    const s = onlyService({ 'mix.exs': mixExs('consumer', '      {:broadway_rabbitmq, "~> 0.8"}'), 'lib/consumer.ex': 'defmodule Consumer do\n  @url System.get_env("AMQP_URL")\nend\n' });
    expect(s.kind).toBe('worker');
    expect(s.commands.start).toBe('bin/consumer start');
    expect(s.port.value).toBeNull();
    expect(s.backingServices).toContainEqual({ kind: 'rabbitmq', envVar: 'AMQP_URL' });
  });

  it('treats a library and an escript as libraries', () => {
    expect(planOf(testdir({ 'mix.exs': mixExs('money', '      {:decimal, "~> 2.0"}', '', 'extra_applications: [:crypto]') })).services).toEqual([]);
    expect(planOf(testdir({ 'mix.exs': mixExs('cli', '      {:jason, "~> 1.4"}', ',\n     escript: [main_module: Cli]', 'extra_applications: [:crypto]') })).services).toEqual([]);
  });

  it('deploys an umbrella as one release from its root', () => {
    const plan = planOf(
      testdir({
        'mix.exs': 'defmodule Platform.MixProject do\n  use Mix.Project\n  def project do\n    [apps_path: "apps", version: "0.1.0", deps: [], releases: [platform: [applications: [core: :permanent, web: :permanent]]]]\n  end\nend\n',
        'apps/core/mix.exs': mixExs('core', '      {:ecto_sql, "~> 3.10"},\n      {:postgrex, ">= 0.0.0"}'),
        'apps/core/lib/core/release.ex': 'defmodule Core.Release do\n  def migrate, do: :ok\nend\n',
        'apps/web/mix.exs': mixExs('web', '      {:phoenix, "~> 1.7"},\n      {:core, in_umbrella: true}'),
        'apps/web/lib/web/router.ex': 'defmodule Web.Router do\n  get "/health", Web.Health, :show\nend\n',
        'config/runtime.exs': 'import Config\nport = String.to_integer(System.get_env("PORT") || "4001")\n',
      }),
    );
    expect(plan.services).toHaveLength(1);
    const s = plan.services[0]!;
    expect(s).toMatchObject({ path: '', framework: 'phoenix', port: { value: 4001 }, health: { path: '/health' } });
    expect(s.commands.start).toBe('bin/platform start');
    expect(s.commands.migrate).toBe('bin/platform eval "Core.Release.migrate"');
    expect(s.backingServices).toEqual([{ kind: 'postgres', envVar: null }]);
    expect(s.evidence).toContainEqual(expect.objectContaining({ fact: 'backing:postgres', file: 'apps/core/mix.exs' }));
  });

  it('does not throw on a broken mix.exs', () => {
    const plan = planOf(testdir({ 'mix.exs': 'defmodule Broken do\n  def project, do: [app: :broken, deps: [{:phoenix,' }));
    expect(plan.services.length).toBeLessThanOrEqual(1);
  });
});

describe('parsers', () => {
  it('reads deps with only:, app, elixir, releases and the assets.deploy alias', () => {
    const mix = parseMixExs(
      mixExs('shop', '      {:phoenix, "~> 1.7"},\n      # {:commented, "~> 1.0"},\n      {:credo, "~> 1.7", only: [:dev, :test], runtime: false},\n      {:local, path: "../local"}', ',\n     aliases: ["assets.deploy": ["esbuild default --minify", "phx.digest"]]'),
    );
    expect(mix).toMatchObject({ app: 'shop', elixir: '~> 1.15', elixirLine: 5, mod: 'Shop.Application', appsPath: null, assetsDeploy: true, releases: [] });
    expect(mix.deps.map((d) => d.name)).toEqual(['phoenix', 'credo', 'local']);
    expect(runtimeDeps(mix).map((d) => d.name)).toEqual(['phoenix', 'local']);
  });

  it('classifies System.get_env reads', () => {
    const reads = elixirEnvReads('a = System.get_env("A") || raise "x"\nb = System.fetch_env!("B")\nc = System.get_env("C", "3")\nd = System.get_env("D") || "4"\ne = System.get_env("E")\n');
    expect(reads.map((r) => [r.name, r.hasDefault, r.default])).toEqual([
      ['A', false, null],
      ['B', false, null],
      ['C', true, '3'],
      ['D', true, '4'],
      ['E', true, null],
    ]);
  });

  it('ignores database ports when looking for the listen port', () => {
    expect(elixirPort('db_port = String.to_integer(System.get_env("DATABASE_PORT") || "5432")\nconfig :a, A.Repo, port: 5432\n')).toBeNull();
    expect(elixirPort('config :a, A.Endpoint, http: [port: 4010]\n')).toMatchObject({ port: 4010, envVar: null });
  });
});
