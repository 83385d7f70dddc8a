import { describe, expect, it } from 'vitest';
import { onlyService, planOf, testdir } from '../../../test/helpers.js';

const RAILS_APP = {
  'Gemfile': 'source "https://rubygems.org"\ngem "rails", "~> 7.1.3"\ngem "pg"\ngem "puma"\n',
  'config/application.rb': 'module Shop\n  class Application < Rails::Application\n  end\nend\n',
  'config/puma.rb': 'threads 3, 3\nport ENV.fetch("PORT") { 3000 }\n',
  'config/routes.rb': 'Rails.application.routes.draw do\n  get "up" => "rails/health#show", as: :rails_health_check\nend\n',
  'config/database.yml': 'default: &default\n  adapter: postgresql\nproduction:\n  <<: *default\n  database: shop\n',
  'config/credentials.yml.enc': 'abc--def--ghi',
  'bin/rails': '#!/usr/bin/env ruby\n',
  'config.ru': 'require_relative "config/environment"\nrun Rails.application\n',
};

describe('Rails', () => {
  it('starts Puma with config/puma.rb and reads its port', () => {
    const s = onlyService(RAILS_APP);
    expect(s).toMatchObject({ language: 'ruby', framework: 'rails', kind: 'server' });
    expect(s.commands.start).toBe('bundle exec puma -C config/puma.rb');
    expect(s.port).toEqual({ value: 3000, envVar: 'PORT', bindAddress: null });
    expect(s.evidence).toContainEqual({ fact: 'port', file: 'config/puma.rb', line: 2, note: 'port ENV.fetch("PORT") { 3000 }' });
  });

  it('finds the /up health route in config/routes.rb', () => {
    const s = onlyService(RAILS_APP);
    expect(s.health.path).toBe('/up');
    expect(s.evidence).toContainEqual(expect.objectContaining({ fact: 'health', file: 'config/routes.rb', line: 2 }));
  });

  it('turns the postgresql adapter into a postgres service reached through DATABASE_URL', () => {
    const s = onlyService(RAILS_APP);
    expect(s.backingServices).toContainEqual({ kind: 'postgres', envVar: 'DATABASE_URL' });
    expect(s.env).toContainEqual({ name: 'DATABASE_URL', required: true, secret: true, default: null });
    expect(s.build.systemPackages).toContain('libpq-dev');
    expect(s.commands.migrate).toBe('bin/rails db:prepare');
  });

  it('requires RAILS_MASTER_KEY as a secret when credentials are encrypted', () => {
    const s = onlyService(RAILS_APP);
    expect(s.env).toContainEqual({ name: 'RAILS_MASTER_KEY', required: true, secret: true, default: null });
    expect(s.env.some((e) => e.name === 'SECRET_KEY_BASE')).toBe(false);
  });

  it('requires SECRET_KEY_BASE when there are no credentials', () => {
    const { 'config/credentials.yml.enc': _omit, ...files } = RAILS_APP;
    const s = onlyService(files);
    expect(s.env).toContainEqual({ name: 'SECRET_KEY_BASE', required: true, secret: true, default: null });
  });

  it('falls back to `rails server` on $PORT without config/puma.rb', () => {
    const { 'config/puma.rb': _omit, ...files } = RAILS_APP;
    const s = onlyService(files);
    expect(s.commands.start).toBe('bundle exec rails server -b 0.0.0.0 -p $PORT');
    expect(s.port).toMatchObject({ value: 3000, envVar: 'PORT' });
  });

  it('uses the Procfile web line as the start command', () => {
    const s = onlyService({ ...RAILS_APP, 'Procfile': 'web: bundle exec rails server -p $PORT -e production\nrelease: bin/rails db:migrate\n' });
    expect(s.commands.start).toBe('bundle exec rails server -p $PORT -e production');
    expect(s.commands.migrate).toBe('bin/rails db:migrate');
    expect(s.port).toMatchObject({ value: 3000, envVar: 'PORT' });
    expect(s.evidence).toContainEqual({ fact: 'start', file: 'Procfile', line: 1, note: 'web: bundle exec rails server -p $PORT -e production' });
  });

  it('adds a Sidekiq worker service when config/sidekiq.yml exists', () => {
    const plan = planOf(testdir({ ...RAILS_APP, 'Gemfile': RAILS_APP.Gemfile + 'gem "sidekiq"\n', 'config/sidekiq.yml': ':concurrency: 5\n' }));
    expect(plan.services.map((s) => [s.name, s.kind, s.commands.start])).toEqual([
      [expect.stringMatching(/^devsquad-test-/), 'server', 'bundle exec puma -C config/puma.rb'],
      [expect.stringMatching(/-worker$/), 'worker', 'bundle exec sidekiq -C config/sidekiq.yml'],
    ]);
    const worker = plan.services[1]!;
    expect(worker.port).toEqual({ value: null, envVar: null, bindAddress: null });
    expect(worker.health.path).toBeNull();
    expect(worker.commands.migrate).toBeNull();
    expect(worker.backingServices.map((b) => b.kind)).toContain('redis');
  });

  it('reaches the database through DATABASE_URL even when database.yml reads POSTGRES_* variables', () => {
    const s = onlyService({ ...RAILS_APP, 'config/database.yml': 'default: &default\n  adapter: postgresql\n  user: <%= ENV.fetch("POSTGRES_USER") { nil } %>\n  password: <%= ENV["POSTGRES_PASSWORD"] %>\nproduction:\n  <<: *default\n' });
    expect(s.backingServices).toEqual([{ kind: 'postgres', envVar: 'DATABASE_URL' }]);
    expect(s.env).toContainEqual({ name: 'POSTGRES_PASSWORD', required: false, secret: true, default: null });
  });

  it('keeps a worker portless even when an existing Dockerfile EXPOSEs the web port', () => {
    const plan = planOf(testdir({ ...RAILS_APP, 'Procfile': 'web: bundle exec puma -C config/puma.rb\nworker: bundle exec sidekiq\n', 'Dockerfile': 'FROM ruby:3.3\nEXPOSE 3000\n' }));
    expect(plan.services.map((s) => [s.kind, s.port.value])).toEqual([
      ['server', 3000],
      ['worker', null],
    ]);
  });

  it('reads SQLite and trilogy adapters', () => {
    const sqlite = onlyService({ ...RAILS_APP, 'Gemfile': 'gem "rails"\ngem "sqlite3"\n', 'config/database.yml': 'production:\n  adapter: sqlite3\n  database: storage/production.sqlite3\n' });
    expect(sqlite.backingServices).toEqual([{ kind: 'sqlite', envVar: null }]);
    expect(sqlite.env.some((e) => e.name === 'DATABASE_URL')).toBe(false);
    expect(sqlite.warnings.join(' ')).toMatch(/volume/);
    const mysql = onlyService({ ...RAILS_APP, 'Gemfile': 'gem "rails"\ngem "trilogy"\n', 'config/database.yml': 'development:\n  adapter: sqlite3\nproduction:\n  adapter: trilogy\n' });
    expect(mysql.backingServices).toContainEqual({ kind: 'mysql', envVar: 'DATABASE_URL' });
  });

  it('adds asset and bootsnap build steps', () => {
    const s = onlyService({ ...RAILS_APP, 'Gemfile': RAILS_APP.Gemfile + 'gem "bootsnap", require: false\ngem "propshaft"\n' });
    expect(s.build.features).toEqual(['bootsnap', 'rails-assets']);
    expect(s.commands.build).toBe('bundle exec bootsnap precompile app/ lib/ && SECRET_KEY_BASE_DUMMY=1 bundle exec rails assets:precompile');
  });

  it('warns about a loopback bind in config/puma.rb', () => {
    const s = onlyService({ ...RAILS_APP, 'config/puma.rb': 'bind "tcp://127.0.0.1:3000"\n' });
    expect(s.port).toEqual({ value: 3000, envVar: null, bindAddress: '127.0.0.1' });
    expect(s.warnings.join(' ')).toMatch(/127\.0\.0\.1/);
  });

  it('records ENV reads with their evidence line', () => {
    const s = onlyService({ ...RAILS_APP, 'config/initializers/stripe.rb': 'Stripe.api_key = ENV.fetch("STRIPE_SECRET_KEY")\nStripe.log_level = ENV.fetch("STRIPE_LOG", "info")\n' });
    expect(s.env).toContainEqual({ name: 'STRIPE_SECRET_KEY', required: true, secret: true, default: null });
    expect(s.env).toContainEqual({ name: 'STRIPE_LOG', required: false, secret: false, default: 'info' });
    expect(s.evidence).toContainEqual(expect.objectContaining({ fact: 'env:STRIPE_SECRET_KEY', file: 'config/initializers/stripe.rb', line: 1 }));
  });
});

describe('Ruby version', () => {
  const app = { 'config.ru': 'run ->(env) { [200, {}, ["ok"]] }\n' };
  it('reads .ruby-version', () => {
    const s = onlyService({ ...app, 'Gemfile': 'gem "puma"\n', '.ruby-version': 'ruby-3.3.0\n' });
    expect(s.runtime).toEqual({ name: 'ruby', version: '3.3.0', source: '.ruby-version' });
  });
  it('reads an exact `ruby` directive in the Gemfile', () => {
    const s = onlyService({ ...app, 'Gemfile': 'ruby "3.2.2"\ngem "puma"\n' });
    expect(s.runtime).toEqual({ name: 'ruby', version: '3.2.2', source: 'Gemfile' });
  });
  it('reads .tool-versions and mise.toml', () => {
    expect(onlyService({ ...app, 'Gemfile': 'gem "puma"\n', '.tool-versions': 'nodejs 20.1.0\nruby 3.1.4\n' }).runtime.version).toBe('3.1.4');
    expect(onlyService({ ...app, 'Gemfile': 'gem "puma"\n', 'mise.toml': '[tools]\nruby = "3.3.4"\n' }).runtime.version).toBe('3.3.4');
  });
  it("reads Gemfile.lock's RUBY VERSION", () => {
    const s = onlyService({ ...app, 'Gemfile': 'gem "puma"\n', 'Gemfile.lock': 'DEPENDENCIES\n  puma\n\nRUBY VERSION\n   ruby 3.3.1p55\n\nBUNDLED WITH\n   2.5.9\n' });
    expect(s.runtime).toEqual({ name: 'ruby', version: '3.3.1', source: 'Gemfile.lock' });
    expect(s.packageManager).toEqual({ name: 'bundler', lockfile: 'Gemfile.lock', version: '2.5.9' });
  });
  it('reduces a constraint to major.minor', () => {
    expect(onlyService({ ...app, 'Gemfile': 'ruby "~> 3.2.0"\ngem "puma"\n' }).runtime.version).toBe('3.2');
  });
  it('defaults with a warning', () => {
    const s = onlyService({ ...app, 'Gemfile': 'gem "puma"\n' });
    expect(s.runtime).toEqual({ name: 'ruby', version: '3.3', source: 'default' });
    expect(s.warnings.join(' ')).toMatch(/No Ruby version found.*3\.3/);
    expect(s.warnings.join(' ')).toMatch(/No Gemfile\.lock/);
  });
});

describe('Sinatra and Rack', () => {
  it('runs a modular Sinatra app with config.ru under Puma on $PORT, port from `set :port`', () => {
    const s = onlyService({
      'Gemfile': 'gem "sinatra"\ngem "puma"\n',
      'config.ru': 'require_relative "app"\nrun App\n',
      'app.rb': 'class App < Sinatra::Base\n  set :port, ENV.fetch("PORT", 8080)\n  get "/health" do\n    "ok"\n  end\nend\n',
    });
    expect(s.framework).toBe('sinatra');
    expect(s.commands.start).toBe('bundle exec puma -b tcp://0.0.0.0:$PORT config.ru');
    expect(s.port).toEqual({ value: 8080, envVar: 'PORT', bindAddress: null });
    expect(s.health.path).toBe('/health');
    expect(s.evidence).toContainEqual(expect.objectContaining({ fact: 'port', file: 'app.rb', line: 2 }));
  });

  it('uses rackup with the Rack default port 9292 when there is no Puma', () => {
    const s = onlyService({ 'Gemfile': 'gem "sinatra"\ngem "rackup"\n', 'config.ru': 'require "./app"\nrun Sinatra::Application\n', 'app.rb': 'require "sinatra"\nget("/") { "hi" }\n' });
    expect(s.commands.start).toBe('bundle exec rackup -o 0.0.0.0 -p $PORT');
    expect(s.port).toEqual({ value: 9292, envVar: 'PORT', bindAddress: null });
    expect(s.warnings.join(' ')).not.toMatch(/rackup/);
  });

  it('warns when Rack 3 has no rackup gem', () => {
    const s = onlyService({ 'Gemfile': 'gem "rack"\n', 'config.ru': 'run ->(env) { [200, {}, ["ok"]] }\n' });
    expect(s.framework).toBeNull();
    expect(s.warnings.join(' ')).toMatch(/gem "rackup"/);
  });

  it('starts a classic Sinatra app without config.ru from its file, default port 4567', () => {
    const s = onlyService({ 'Gemfile': 'gem "sinatra"\n', 'app.rb': 'require "sinatra"\nget "/" do\n  "hi"\nend\n' });
    expect(s.commands.start).toBe('bundle exec ruby app.rb -o 0.0.0.0 -p $PORT');
    expect(s.port).toEqual({ value: 4567, envVar: 'PORT', bindAddress: null });
  });
});

describe('Jekyll', () => {
  it('is a static site built into _site and served on 8080', () => {
    const s = onlyService({ 'Gemfile': 'gem "jekyll", "~> 4.3"\n', '_config.yml': 'title: Notes\n', 'index.md': '# Hi\n' });
    expect(s).toMatchObject({ language: 'ruby', framework: 'jekyll', kind: 'static' });
    expect(s.commands.build).toBe('bundle exec jekyll build');
    expect(s.commands.start).toBeNull();
    expect(s.build.outputDir).toBe('_site');
    expect(s.port.value).toBe(8080);
    expect(s.health.path).toBe('/');
  });
});

describe('not services', () => {
  it('treats a gem as a library', () => {
    const plan = planOf(testdir({ 'Gemfile': 'source "https://rubygems.org"\ngemspec\n', 'mygem.gemspec': 'Gem::Specification.new do |s|\nend\n', 'lib/mygem.rb': 'module Mygem; end\n' }));
    expect(plan.services).toEqual([]);
  });
  it('treats a tooling-only Gemfile (fastlane) as a library', () => {
    const plan = planOf(testdir({ 'Gemfile': 'gem "fastlane"\ngem "cocoapods"\n' }));
    expect(plan.services).toEqual([]);
  });
  it('does not throw on a broken Gemfile', () => {
    const plan = planOf(testdir({ 'Gemfile': 'gem "rails\n  group :x do\nend end end\n', 'config/application.rb': 'class A < Rails::Application; end\n' }));
    expect(plan.services).toHaveLength(1);
    expect(plan.services[0]!.framework).toBe('rails');
  });
});

describe('Procfile-only Ruby programs', () => {
  it('makes a worker service from a Procfile without a web process', () => {
    const s = onlyService({ 'Gemfile': 'gem "sneakers"\n', 'Procfile': 'worker: bundle exec ruby consumer.rb\n', 'consumer.rb': 'puts ENV.fetch("AMQP_URL")\n' });
    expect(s.kind).toBe('worker');
    expect(s.commands.start).toBe('bundle exec ruby consumer.rb');
    expect(s.backingServices).toContainEqual({ kind: 'rabbitmq', envVar: 'AMQP_URL' });
  });
});
