import { describe, expect, it } from 'vitest';
import { onlyService, planOf, testdir } from '../../../test/helpers.js';
import { phpEnvReads, symfonyEnvReads } from './env.js';

const LARAVEL = {
  'artisan': '#!/usr/bin/env php\n<?php\n',
  'composer.json': { require: { php: '^8.2', 'laravel/framework': '^11.0', 'ext-gd': '*', 'ext-mbstring': '*' } },
  'public/index.php': '<?php\nrequire __DIR__."/../vendor/autoload.php";\n',
  'bootstrap/app.php': "<?php\nreturn Application::configure(basePath: dirname(__DIR__))\n    ->withRouting(\n        web: __DIR__.'/../routes/web.php',\n        health: '/up',\n    )->create();\n",
  'routes/web.php': "<?php\nRoute::get('/', fn () => 'hi');\n",
  'database/migrations/2024_01_01_000000_create_users_table.php': '<?php\n',
  '.env.example': 'APP_NAME=Shop\nAPP_ENV=local\nAPP_KEY=\nDB_CONNECTION=pgsql\nDB_HOST=127.0.0.1\nDB_PASSWORD=\nCACHE_STORE=redis\nREDIS_CLIENT=phpredis\nREDIS_HOST=127.0.0.1\nMEMCACHED_HOST=127.0.0.1\n',
  'config/database.php': "<?php\nreturn ['host' => env('DB_HOST', '127.0.0.1'), 'memcached' => env('MEMCACHED_PERSISTENT_ID'), 'x' => env('DYNAMODB_ENDPOINT'), 'ssl' => env('MYSQL_ATTR_SSL_CA'), 'm' => env('MEMCACHED_HOST', '127.0.0.1')];\n",
  'config/billing.php': "<?php\nreturn ['secret' => env('STRIPE_SECRET'), 'currency' => env('BILLING_CURRENCY', 'eur')];\n",
};

describe('Laravel', () => {
  it('serves public/ through php-fpm on 8080 with the /up health route', () => {
    const s = onlyService(LARAVEL);
    expect(s).toMatchObject({ language: 'php', framework: 'laravel', kind: 'server' });
    expect(s.commands.start).toBe('php-fpm');
    expect(s.build.outputDir).toBe('public');
    expect(s.build.features).toEqual(['laravel', 'php-fpm']);
    expect(s.port).toEqual({ value: 8080, envVar: null, bindAddress: null });
    expect(s.health.path).toBe('/up');
    expect(s.evidence).toContainEqual({ fact: 'health', file: 'bootstrap/app.php', line: 5, note: "health: '/up'," });
  });

  it('installs without dev packages and migrates with artisan', () => {
    const s = onlyService(LARAVEL);
    expect(s.commands.install).toBe('composer install --no-dev --optimize-autoloader --no-interaction');
    expect(s.commands.migrate).toBe('php artisan migrate --force');
    expect(s.packageManager).toEqual({ name: 'composer', lockfile: null, version: null });
    expect(s.warnings.join(' ')).toMatch(/No composer\.lock/);
  });

  it('reads the PHP version from require.php', () => {
    const s = onlyService(LARAVEL);
    expect(s.runtime).toEqual({ name: 'php', version: '8.2', source: 'composer.json' });
  });

  it('picks backing services from the configured drivers, not every REDIS_/MEMCACHED_ line', () => {
    const s = onlyService(LARAVEL);
    expect(s.backingServices).toEqual([
      { kind: 'postgres', envVar: 'DB_HOST' },
      { kind: 'redis', envVar: 'REDIS_HOST' },
    ]);
    expect(s.build.systemPackages).toEqual(['php-ext-gd', 'php-ext-pdo_pgsql', 'php-ext-redis']);
  });

  it('requires APP_KEY and DB_PASSWORD as secrets; keeps DB_CONNECTION as plain config', () => {
    const s = onlyService(LARAVEL);
    expect(s.env).toContainEqual({ name: 'APP_KEY', required: true, secret: true, default: null });
    expect(s.env).toContainEqual({ name: 'DB_PASSWORD', required: true, secret: true, default: null });
    expect(s.env).toContainEqual({ name: 'DB_CONNECTION', required: false, secret: false, default: 'pgsql' });
    expect(s.env.some((e) => e.name === 'APP_ENV')).toBe(false);
  });

  it("reads env() in the app's own config files but not stock variables it never declares", () => {
    const s = onlyService(LARAVEL);
    expect(s.env).toContainEqual({ name: 'STRIPE_SECRET', required: false, secret: true, default: null });
    expect(s.env).toContainEqual({ name: 'BILLING_CURRENCY', required: false, secret: false, default: 'eur' });
    expect(s.env.some((e) => e.name === 'DYNAMODB_ENDPOINT' || e.name === 'MEMCACHED_PERSISTENT_ID')).toBe(false);
    expect(s.evidence).toContainEqual(expect.objectContaining({ fact: 'env:STRIPE_SECRET', file: 'config/billing.php', line: 2 }));
  });

  it('builds Vite assets with the lockfile-strict install', () => {
    const s = onlyService({ ...LARAVEL, 'package.json': { private: true, scripts: { build: 'vite build' }, devDependencies: { vite: '^5.0.0', 'laravel-vite-plugin': '^1.0.0' } }, 'package-lock.json': '{}' });
    expect(s.commands.build).toBe('npm ci && npm run build');
    expect(s.language).toBe('php');
  });

  it('falls back to a health route in routes/', () => {
    const s = onlyService({ ...LARAVEL, 'bootstrap/app.php': '<?php\n', 'routes/web.php': "<?php\nRoute::get('/healthz', fn () => 'ok');\n" });
    expect(s.health.path).toBe('/healthz');
  });

  it('adds queue workers from the Procfile', () => {
    const plan = planOf(testdir({ ...LARAVEL, 'Procfile': 'web: heroku-php-apache2 public/\nworker: php artisan queue:work --tries=3\n' }));
    expect(plan.services.map((s) => [s.kind, s.commands.start])).toEqual([
      ['server', 'php-fpm'],
      ['worker', 'php artisan queue:work --tries=3'],
    ]);
    expect(plan.services[1]!.name).toMatch(/-worker$/);
    expect(plan.services[1]!.build.features).toEqual(['laravel']);
  });
});

describe('Symfony', () => {
  const SYMFONY = {
    'composer.json': { require: { php: '>=8.2', 'symfony/framework-bundle': '7.1.*', 'doctrine/doctrine-bundle': '^2.12', 'doctrine/doctrine-migrations-bundle': '^3.3' } },
    'bin/console': '#!/usr/bin/env php\n<?php\n',
    'public/index.php': '<?php\n',
    '.env': 'APP_ENV=dev\nAPP_SECRET=\nDATABASE_URL="mysql://app:app@127.0.0.1:3306/app?serverVersion=8.0"\nMESSENGER_TRANSPORT_DSN=redis://localhost:6379/messages\n',
    'config/packages/doctrine.yaml': "doctrine:\n  dbal:\n    url: '%env(resolve:DATABASE_URL)%'\n",
    'config/packages/app.yaml': "parameters:\n  mailer: '%env(MAILER_FROM)%'\n",
    'config/routes/health.yaml': 'health:\n  path: /health\n  controller: App\\Controller\\Health\n',
    'config/packages/debug.yaml': "when@dev:\n  debug:\n    dump_destination: 'tcp://%env(VAR_DUMPER_SERVER)%'\n",
    'config/packages/test/mailer.yaml': "framework:\n  mailer:\n    dsn: '%env(TEST_MAILER_DSN)%'\n",
    'config/packages/translation.yaml': "framework:\n  translator:\n    providers:\n#      crowdin:\n#        dsn: '%env(CROWDIN_DSN)%'\n",
  };

  it('serves public/ through php-fpm and migrates with Doctrine', () => {
    const s = onlyService(SYMFONY);
    expect(s).toMatchObject({ language: 'php', framework: 'symfony', kind: 'server' });
    expect(s.commands.start).toBe('php-fpm');
    expect(s.build.outputDir).toBe('public');
    expect(s.build.features).toEqual(['symfony', 'php-fpm']);
    expect(s.port.value).toBe(8080);
    expect(s.commands.migrate).toBe('php bin/console doctrine:migrations:migrate --no-interaction');
    expect(s.health.path).toBe('/health');
  });

  it('reads .env defaults and %env()% placeholders; URL schemes name backing services', () => {
    const s = onlyService(SYMFONY);
    expect(s.env).toContainEqual({ name: 'APP_SECRET', required: true, secret: true, default: null });
    expect(s.env).toContainEqual({ name: 'DATABASE_URL', required: true, secret: true, default: null });
    expect(s.env).toContainEqual({ name: 'MAILER_FROM', required: true, secret: false, default: null });
    expect(s.env.some((e) => ['VAR_DUMPER_SERVER', 'TEST_MAILER_DSN', 'CROWDIN_DSN'].includes(e.name))).toBe(false);
    expect(s.backingServices).toEqual([
      { kind: 'mysql', envVar: 'DATABASE_URL' },
      { kind: 'redis', envVar: 'MESSENGER_TRANSPORT_DSN' },
    ]);
    expect(s.build.systemPackages).toContain('php-ext-pdo_mysql');
  });

  it('has no migrate command without the migrations bundle', () => {
    const s = onlyService({ ...SYMFONY, 'composer.json': { require: { 'symfony/framework-bundle': '7.1.*' } } });
    expect(s.commands.migrate).toBeNull();
    expect(s.runtime.source).toBe('default');
    expect(s.warnings.join(' ')).toMatch(/No PHP version found.*8\.3/);
  });
});

describe('plain PHP', () => {
  it('serves public/index.php with public/ as document root', () => {
    const s = onlyService({ 'composer.json': { require: { php: '^8.3', 'ext-pdo_pgsql': '*' } }, 'public/index.php': "<?php\n$db = getenv('DATABASE_URL');\n" });
    expect(s).toMatchObject({ language: 'php', framework: null, kind: 'server' });
    expect(s.build.outputDir).toBe('public');
    expect(s.commands.start).toBe('php-fpm');
    expect(s.port.value).toBe(8080);
    expect(s.env).toContainEqual({ name: 'DATABASE_URL', required: true, secret: true, default: null });
    expect(s.backingServices).toEqual([{ kind: 'postgres', envVar: 'DATABASE_URL' }]);
  });

  it('serves an index.php at the root with no composer.json', () => {
    const s = onlyService({ 'index.php': "<?php echo 'hi';\n", 'healthz.php': "<?php echo 'ok';\n" });
    expect(s.build.outputDir).toBe('.');
    expect(s.packageManager).toBeNull();
    expect(s.commands.install).toBeNull();
    expect(s.health.path).toBe('/healthz.php');
  });

  it('recognises Slim and its routes', () => {
    const s = onlyService({ 'composer.json': { require: { 'slim/slim': '^4.14', 'robmorgan/phinx': '^0.16' } }, 'public/index.php': "<?php\n$app->get('/health', fn ($req, $res) => $res);\n" });
    expect(s.framework).toBe('slim');
    expect(s.health.path).toBe('/health');
    expect(s.commands.migrate).toBe('vendor/bin/phinx migrate');
  });

  it('takes config.platform.php as the exact version and .tool-versions next', () => {
    expect(onlyService({ 'composer.json': { require: { php: '^8.1' }, config: { platform: { php: '8.2.15' } } }, 'index.php': '<?php\n' }).runtime.version).toBe('8.2.15');
    expect(onlyService({ 'composer.json': { require: { php: '^8.1' } }, '.tool-versions': 'php 8.3.12\n', 'index.php': '<?php\n' }).runtime.version).toBe('8.3.12');
  });

  it('does not make every WordPress folder with an index.php a service', () => {
    const plan = planOf(testdir({ 'index.php': '<?php\n', 'wp-settings.php': '<?php\n', 'wp-content/index.php': '<?php // Silence is golden.\n', 'wp-content/plugins/index.php': '<?php\n' }));
    expect(plan.services).toHaveLength(1);
    expect(plan.services[0]!.framework).toBe('wordpress');
  });
});

describe('not services', () => {
  it('treats a Composer library as a library', () => {
    const plan = planOf(testdir({ 'composer.json': { name: 'acme/money', type: 'library', require: { php: '^8.1' } }, 'src/Money.php': '<?php\n' }));
    expect(plan.services).toEqual([]);
  });
  it('does not throw on a broken composer.json', () => {
    const plan = planOf(testdir({ 'composer.json': '{ "require": ', 'public/index.php': '<?php\n' }));
    expect(plan.services).toHaveLength(1);
    expect(plan.diagnostics.map((d) => d.code)).toContain('DSQ_ERR_MANIFEST_PARSE');
  });
});

describe('phpEnvReads', () => {
  it('classifies getenv / $_ENV / env() reads', () => {
    const reads = phpEnvReads(
      [
        '<?php',
        "$a = getenv('API_TOKEN');",
        "$b = getenv('REGION') ?: 'eu-west-1';",
        "$c = $_ENV['QUEUE_NAME'] ?? 'jobs';",
        "$d = $_SERVER['REQUEST_URI'];",
        "// $e = getenv('COMMENTED');",
        "$f = env('MAIL_FROM', 'noreply@example.com');",
        "if (isset($_ENV['FEATURE_X'])) {}",
      ].join('\n'),
    );
    expect(reads.map((r) => [r.name, r.hasDefault, r.default, r.line])).toEqual([
      ['API_TOKEN', false, null, 2],
      ['REGION', true, 'eu-west-1', 3],
      ['QUEUE_NAME', true, 'jobs', 4],
      ['MAIL_FROM', true, 'noreply@example.com', 7],
      ['FEATURE_X', true, null, 8],
    ]);
  });
  it('reads Symfony %env()% placeholders with processors', () => {
    expect(symfonyEnvReads("url: '%env(resolve:DATABASE_URL)%'\nport: '%env(int:SMTP_PORT)%'\n").map((r) => r.name)).toEqual(['DATABASE_URL', 'SMTP_PORT']);
  });
});
