import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXAMPLES_DIR, planOf } from '../../../test/helpers.js';

describe('PHP examples', () => {
  it('php-laravel: php-fpm web service plus a queue worker', () => {
    const plan = planOf(path.join(EXAMPLES_DIR, 'php-laravel'));
    expect(plan.services.map((s) => s.name)).toEqual(['php-laravel', 'php-laravel-worker']);
    const [web, worker] = plan.services;
    expect(web).toMatchObject({
      language: 'php',
      framework: 'laravel',
      kind: 'server',
      runtime: { name: 'php', version: '8.2', source: 'composer.json' },
      commands: {
        install: 'composer install --no-dev --optimize-autoloader --no-interaction',
        build: 'npm install && npm run build',
        start: 'php-fpm',
        migrate: 'php artisan migrate --force',
      },
      port: { value: 8080, envVar: null },
      health: { path: '/up' },
      build: { outputDir: 'public', features: ['laravel', 'php-fpm'], systemPackages: ['php-ext-intl', 'php-ext-pdo_pgsql'] },
      backingServices: [{ kind: 'postgres', envVar: 'DB_HOST' }],
    });
    expect(web!.env.filter((e) => e.required).map((e) => e.name).sort()).toEqual(['APP_KEY', 'DB_PASSWORD']);
    expect(web!.env.map((e) => e.name)).toEqual(expect.arrayContaining(['TASKS_WEBHOOK_URL', 'TASKS_PAGE_SIZE']));
    expect(worker).toMatchObject({ kind: 'worker', commands: { start: 'php artisan queue:work --tries=3 --max-time=3600', migrate: null }, port: { value: null } });
  });

  it('php-symfony: php-fpm with Doctrine migrations', () => {
    const plan = planOf(path.join(EXAMPLES_DIR, 'php-symfony'));
    expect(plan.services).toHaveLength(1);
    const s = plan.services[0]!;
    expect(s).toMatchObject({
      language: 'php',
      framework: 'symfony',
      kind: 'server',
      runtime: { version: '8.2' },
      commands: { build: null, start: 'php-fpm', migrate: 'php bin/console doctrine:migrations:migrate --no-interaction' },
      port: { value: 8080 },
      health: { path: '/healthz' },
      build: { outputDir: 'public', features: ['symfony', 'php-fpm'], systemPackages: ['php-ext-pdo_pgsql'] },
      backingServices: [{ kind: 'postgres', envVar: 'DATABASE_URL' }],
    });
    expect(s.env).toEqual([
      { name: 'APP_SECRET', required: true, secret: true, default: null },
      { name: 'DATABASE_URL', required: true, secret: true, default: null },
      { name: 'LOW_STOCK_THRESHOLD', required: false, secret: false, default: '5' },
    ]);
  });

  it('php-plain: public/ document root, no framework', () => {
    const plan = planOf(path.join(EXAMPLES_DIR, 'php-plain'));
    expect(plan.services).toHaveLength(1);
    const s = plan.services[0]!;
    expect(s).toMatchObject({
      language: 'php',
      framework: null,
      kind: 'server',
      runtime: { version: '8.3' },
      packageManager: { name: 'composer', lockfile: 'composer.lock' },
      commands: { start: 'php-fpm', migrate: null, build: null },
      port: { value: 8080 },
      health: { path: '/healthz' },
      build: { outputDir: 'public', features: ['php-fpm'], systemPackages: ['php-ext-pdo_mysql'] },
      backingServices: [{ kind: 'mysql', envVar: 'DB_DSN' }],
    });
    expect(s.env.filter((e) => e.required).map((e) => e.name)).toEqual(['DB_PASSWORD']);
    expect(s.warnings).toEqual([]);
  });
});
