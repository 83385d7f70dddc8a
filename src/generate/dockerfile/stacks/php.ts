/**
 * PHP recipe: one container, Apache with mod_php (php:<v>-apache), listening on 8080 as a fixed
 * non-root uid. Why this design: php-fpm needs a second process or container (nginx) to speak HTTP,
 * and FrankenPHP changes the runtime semantics; Apache+mod_php is the official image, serves
 * .htaccess apps unchanged, and runs fine unprivileged once it listens on a high port (its run/lock
 * dirs are world-writable in the image). Composer runs in the composer image's stage, so the runtime
 * has no Composer and no dev packages. Laravel and Symfony get their writable dirs and caches.
 */
import type { ServicePlan } from '../../../plan/schema.js';
import type { StackRenderer } from './types.js';
import {
  type Block, cacheMount, comment, createUser, execForm, expose, httpHealthcheck, imageRef, isWorker, labels, portEnv, relativeTo,
  installPackages, renderDockerfile, run, stage, userLine, versionArg, writableDirs, cmd,
  noHealthcheck,
} from '../common.js';
import { runtimePackages } from '../packages.js';

export const COMPOSER_VERSION = '2.8';
export const PHP_EXTENSION_INSTALLER_VERSION = '2.7';
/** Apache listens here: a high port, so no root and no capabilities are needed. */
export const PHP_PORT = 8080;
const WEB_ROOT = '/var/www/html';

/** PHP extensions: `ext-*` entries of the plan's systemPackages, plus drivers for its backing services. */
function extensions(service: ServicePlan, laravel: boolean, symfony: boolean): string[] {
  const out = new Set<string>(['opcache']);
  for (const p of service.build.systemPackages) {
    const m = /^(?:php-)?ext-([a-z0-9_]+)$/.exec(p);
    if (m?.[1]) out.add(m[1]);
  }
  for (const b of service.backingServices) {
    if (b.kind === 'postgres') out.add('pdo_pgsql');
    if (b.kind === 'mysql' || b.kind === 'mariadb') out.add('pdo_mysql');
    if (b.kind === 'redis') out.add('redis');
  }
  if (laravel || symfony) for (const e of ['intl', 'zip', 'bcmath']) out.add(e);
  return [...out].sort();
}

export const render: StackRenderer = (service, inputs) => {
  const notes: string[] = [];
  const laravel = service.framework === 'laravel' || service.build.features.includes('laravel');
  const symfony = service.framework === 'symfony' || service.build.features.includes('symfony');
  if (inputs.baseImageFlavor && inputs.baseImageFlavor !== 'slim') notes.push(`${inputs.baseImageFlavor} not used for PHP: the Apache image is Debian-based`);
  if (service.port.value !== null && service.port.value !== PHP_PORT && !isWorker(service)) notes.push(`Apache listens on ${PHP_PORT} (non-root); the plan's port ${service.port.value} is for the development server`);
  const rel = relativeTo(service.build.context, service.path);
  const keep = (file: string): string => (rel === '' ? file : `${rel}/./${file}`);
  const docRoot = laravel || symfony ? 'public' : (service.build.outputDir ?? '');
  const documentRoot = docRoot === '' ? WEB_ROOT : `${WEB_ROOT}/${docRoot}`;
  const exts = extensions(service, laravel, symfony);
  const system = service.build.systemPackages.filter((p) => !/^(?:php-)?ext-/.test(p));
  const writable = laravel
    ? ['storage/app/public', 'storage/framework/cache/data', 'storage/framework/sessions', 'storage/framework/views', 'storage/logs', 'bootstrap/cache']
    : symfony ? ['var'] : [];
  const uid = inputs.nonRootUser.uid;
  const worker = isWorker(service);
  const port = worker ? null : PHP_PORT;
  const locked = Boolean(service.packageManager?.lockfile);
  notes.push(`Apache + mod_php on ${PHP_PORT}, document root ${documentRoot}; extensions: ${exts.join(', ')}`);

  const blocks: Block[] = [
    versionArg('PHP_VERSION', service.runtime.version),
    `ARG COMPOSER_VERSION=${COMPOSER_VERSION}`,
    '',
    comment('Composer only in a build stage: the runtime gets vendor/ without Composer or dev packages.'),
    `FROM ${imageRef('composer:${COMPOSER_VERSION}', inputs.registryMirror)} AS vendor`,
    'WORKDIR /app',
    `COPY --parents ${['composer.json', locked ? 'composer.lock' : 'composer.lock*'].map(keep).join(' ')} ./`,
    comment('Platform checks are skipped here because the extensions live in the runtime image; scripts run there too.'),
    run('composer install --no-dev --no-scripts --no-autoloader --prefer-dist --no-interaction --no-progress --ignore-platform-reqs', {
      mounts: [cacheMount('/tmp/cache', { id: 'composer' }), '--mount=type=secret,id=composer_auth,target=/tmp/auth.json'],
    }),
    comment('.dockerignore keeps vendor/, node_modules, .git and local env files out of the context.'),
    rel === '' ? 'COPY . .' : `COPY ${rel} ./`,
    run('composer dump-autoload --optimize --no-dev --no-scripts --no-interaction'),
    stage(imageRef('php:${PHP_VERSION}-apache-bookworm', inputs.registryMirror), 'runtime', [
      labels(service),
      `COPY --from=${imageRef(`mlocati/php-extension-installer:${PHP_EXTENSION_INSTALLER_VERSION}`, inputs.registryMirror)} /usr/bin/install-php-extensions /usr/local/bin/`,
      comment('install-php-extensions adds the build deps, compiles, then removes them and the apt lists.'),
      run(`install-php-extensions ${exts.join(' ')}`),
      installPackages('debian', runtimePackages('debian', system, notes)),
      'RUN cp "$PHP_INI_DIR/php.ini-production" "$PHP_INI_DIR/php.ini"',
      `ENV APACHE_DOCUMENT_ROOT=${documentRoot}`,
      laravel ? 'ENV APP_ENV=production LOG_CHANNEL=stderr' : symfony ? 'ENV APP_ENV=prod APP_DEBUG=0' : null,
      comment('Apache expands ${PORT} and ${APACHE_DOCUMENT_ROOT} from the environment at start.'),
      "COPY <<'EOF' /etc/apache2/sites-available/000-default.conf",
      '<VirtualHost *:${PORT}>',
      '    DocumentRoot ${APACHE_DOCUMENT_ROOT}',
      '    <Directory ${APACHE_DOCUMENT_ROOT}>',
      '        AllowOverride All',
      '        Require all granted',
      laravel || symfony ? '        FallbackResource /index.php' : null,
      '    </Directory>',
      '    ErrorLog /dev/stderr',
      '    CustomLog /dev/stdout combined',
      '</VirtualHost>',
      'EOF',
      run(["sed -i 's/^Listen 80$/Listen ${PORT}/' /etc/apache2/ports.conf", 'a2enmod rewrite headers']),
      createUser('debian', inputs.nonRootUser),
      'ENV APACHE_RUN_USER=' + inputs.nonRootUser.name + ' APACHE_RUN_GROUP=' + inputs.nonRootUser.name,
      `WORKDIR ${WEB_ROOT}`,
      comment('Code and vendor/ owned by root (read-only for the app); only the framework\'s cache/storage dirs are writable.'),
      `COPY --from=vendor /app ${WEB_ROOT}`,
      writableDirs(writable.map((d) => `${WEB_ROOT}/${d}`), uid),
      userLine(uid),
      portEnv({ ...service, port: { ...service.port, envVar: 'PORT' }, commands: { ...service.commands, start: null } }, port),
      expose(port),
      worker ? [comment('Worker: no port to probe; the orchestrator\'s restart policy supervises it.'), noHealthcheck()] : httpHealthcheck({ ...service, port: { ...service.port, value: PHP_PORT, envVar: 'PORT' } }, 'php', inputs.healthcheck, { port: PHP_PORT }),
      startCommand(service, { laravel, symfony, worker }),
    ], 'Runtime: Apache + mod_php as a fixed non-root uid on a high port.'),
  ];
  return { text: renderDockerfile(blocks), notes };
};

/** Framework caches need the runtime env, so they are built at start, then Apache replaces the shell. */
function startCommand(service: ServicePlan, options: { laravel: boolean; symfony: boolean; worker: boolean }): string {
  if (options.worker && service.commands.start) return cmd(service.commands.start);
  const warm = options.laravel ? 'php artisan optimize && ' : options.symfony ? 'php bin/console cache:warmup && ' : '';
  if (warm === '') return `CMD ${execForm(['apache2-foreground'])}`;
  return `CMD ${execForm(['sh', '-c', `${warm}exec apache2-foreground`])}`;
}
