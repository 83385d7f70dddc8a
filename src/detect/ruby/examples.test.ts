import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXAMPLES_DIR, planOf } from '../../../test/helpers.js';

describe('Ruby examples', () => {
  it('ruby-rails: Puma web service plus a Sidekiq worker', () => {
    const plan = planOf(path.join(EXAMPLES_DIR, 'ruby-rails'));
    expect(plan.services.map((s) => s.name)).toEqual(['ruby-rails', 'ruby-rails-worker']);
    const [web, worker] = plan.services;
    expect(web).toMatchObject({
      language: 'ruby',
      framework: 'rails',
      kind: 'server',
      runtime: { name: 'ruby', version: '3.3.5', source: '.ruby-version' },
      commands: {
        install: 'bundle install',
        start: 'bundle exec puma -C config/puma.rb',
        migrate: 'bin/rails db:prepare',
        build: 'bundle exec bootsnap precompile app/ lib/ && SECRET_KEY_BASE_DUMMY=1 bundle exec rails assets:precompile',
      },
      port: { value: 3000, envVar: 'PORT' },
      health: { path: '/up' },
      build: { outputDir: null, features: ['bootsnap', 'rails-assets'] },
    });
    expect(web!.backingServices).toEqual([
      { kind: 'postgres', envVar: 'DATABASE_URL' },
      { kind: 'redis', envVar: 'REDIS_URL' },
    ]);
    expect(web!.env.filter((e) => e.required).map((e) => e.name).sort()).toEqual(['APP_HOST', 'DATABASE_URL', 'RAILS_MASTER_KEY', 'REDIS_URL']);
    expect(worker).toMatchObject({ kind: 'worker', commands: { start: 'bundle exec sidekiq -C config/sidekiq.yml', migrate: null }, port: { value: null }, health: { path: null } });
  });

  it('ruby-sinatra: config.ru under Puma on $PORT', () => {
    const plan = planOf(path.join(EXAMPLES_DIR, 'ruby-sinatra'));
    expect(plan.services).toHaveLength(1);
    expect(plan.services[0]).toMatchObject({
      language: 'ruby',
      framework: 'sinatra',
      kind: 'server',
      runtime: { version: '3.3.4', source: '.tool-versions' },
      packageManager: { name: 'bundler', lockfile: 'Gemfile.lock', version: '2.5.16' },
      commands: { install: 'bundle install', build: null, start: 'bundle exec puma -b tcp://0.0.0.0:$PORT config.ru', migrate: null },
      port: { value: 4567, envVar: 'PORT' },
      health: { path: '/healthz' },
      build: { outputDir: null },
      backingServices: [{ kind: 'redis', envVar: 'REDIS_URL' }],
    });
  });
});
