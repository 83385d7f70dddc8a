import { describe, expect, it } from 'vitest';
import { PLANS } from '../fixtures.js';
import { inputs } from '../generate.js';
import { render } from './php.js';

const lines = (text: string): string[] => text.split('\n');

describe('php recipe', () => {
  it('Laravel: composer stage, Apache on 8080 as the app uid, public/ root, writable storage, optimize at start', () => {
    const { text, notes } = render(PLANS.laravel(), inputs.parse({}));
    const l = lines(text);
    expect(l).toContain('FROM composer:${COMPOSER_VERSION} AS vendor');
    expect(text).toContain('composer install --no-dev --no-scripts --no-autoloader --prefer-dist');
    expect(l).toContain('FROM php:${PHP_VERSION}-apache-bookworm AS runtime');
    expect(l).toContain('RUN install-php-extensions bcmath gd intl opcache zip');
    expect(l).toContain('ENV APACHE_DOCUMENT_ROOT=/var/www/html/public');
    expect(l).toContain('<VirtualHost *:${PORT}>');
    expect(l).toContain('        FallbackResource /index.php');
    expect(text).toContain("sed -i 's/^Listen 80$/Listen ${PORT}/' /etc/apache2/ports.conf");
    expect(text).toContain('chown -R 10001:10001 /var/www/html/storage/app/public');
    expect(l).toContain('USER 10001:10001');
    expect(l).toContain('ENV PORT=8080');
    expect(l).toContain('EXPOSE 8080');
    expect(text).toContain(`"php", "-r", "exit(@file_get_contents('http://127.0.0.1:'.(getenv('PORT')?:'8080').'/up')===false?1:0);"`);
    expect(l.at(-2)).toBe('CMD ["sh", "-c", "php artisan optimize && exec apache2-foreground"]');
    expect(notes.join('\n')).toContain('plan\'s port 8000 is for the development server');
    expect(text).toMatchSnapshot();
  });

  it('Symfony: APP_ENV=prod, var/ writable, cache warmup at start', () => {
    const l = lines(render(PLANS.symfony(), inputs.parse({})).text);
    expect(l).toContain('ENV APP_ENV=prod APP_DEBUG=0');
    expect(l).toContain('RUN mkdir -p /var/www/html/var && chown -R 10001:10001 /var/www/html/var');
    expect(l).toContain('CMD ["sh", "-c", "php bin/console cache:warmup && exec apache2-foreground"]');
  });

  it('plain PHP: document root from the plan, apache2-foreground in exec form', () => {
    const l = lines(render(PLANS.plainPhp(), inputs.parse({})).text);
    expect(l).toContain('ENV APACHE_DOCUMENT_ROOT=/var/www/html/public');
    expect(l).not.toContain('        FallbackResource /index.php');
    expect(l).toContain('CMD ["apache2-foreground"]');
    expect(l).toContain('COPY --parents composer.json composer.lock* ./');
  });
});
