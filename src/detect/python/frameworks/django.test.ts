import { describe, expect, it } from 'vitest';
import { onlyService, planOf, testdir } from '../../../../test/helpers.js';

const MANAGE = (settings: string): string =>
  `#!/usr/bin/env python\nimport os\nimport sys\n\n\ndef main():\n    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "${settings}")\n    from django.core.management import execute_from_command_line\n    execute_from_command_line(sys.argv)\n\n\nif __name__ == "__main__":\n    main()\n`;

describe('Django', () => {
  it('reads WSGI_APPLICATION from the settings manage.py names, and the health route from ROOT_URLCONF', () => {
    const service = onlyService({
      'requirements.txt': 'Django==5.0.7\ngunicorn==22.0.0\npsycopg2==2.9.9\n',
      'manage.py': MANAGE('mysite.settings'),
      'mysite/__init__.py': '',
      'mysite/settings.py': 'ROOT_URLCONF = "mysite.urls"\nWSGI_APPLICATION = "mysite.wsgi.application"\nDATABASES = {\n    "default": {\n        "ENGINE": "django.db.backends.postgresql",\n        "NAME": "app",\n    }\n}\n',
      'mysite/wsgi.py': 'import os\nfrom django.core.wsgi import get_wsgi_application\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "mysite.settings")\napplication = get_wsgi_application()\n',
      'mysite/urls.py': 'from django.urls import include, path\n\nurlpatterns = [\n    path("api/", include("api.urls")),\n]\n',
      'api/__init__.py': '',
      'api/urls.py': 'from django.urls import path\nfrom . import views\n\nurlpatterns = [\n    path("healthz/", views.healthz),\n]\n',
      'api/views.py': 'from django.http import JsonResponse\n\ndef healthz(request):\n    return JsonResponse({"ok": True})\n',
    });
    expect(service.framework).toBe('django');
    expect(service.commands.start).toBe('gunicorn mysite.wsgi:application --bind 0.0.0.0:$PORT');
    expect(service.commands.migrate).toBe('python manage.py migrate --noinput');
    expect(service.port).toEqual({ value: 8000, envVar: 'PORT', bindAddress: '0.0.0.0' });
    expect(service.health.path).toBe('/api/healthz/');
    expect(service.evidence).toContainEqual({ fact: 'health', file: 'api/urls.py', line: 5, note: 'path("healthz/", views.healthz),' });
    expect(service.evidence).toContainEqual({ fact: 'start', file: 'mysite/settings.py', line: 2, note: 'WSGI_APPLICATION = "mysite.wsgi.application" (gunicorn is a dependency)' });
    expect(service.build.features).toContain('django');
    expect(service.build.target).toBe('manage.py');
    expect(service.build.systemPackages).toEqual(['build-essential', 'libpq-dev']);
    expect(service.backingServices).toEqual([{ kind: 'postgres', envVar: null }]);
  });

  it('follows split settings (config.settings.production star-imports base) and reads django-environ', () => {
    const service = onlyService({
      'requirements/base.txt': 'django>=5.0\ndjango-environ\ngunicorn\n',
      'requirements/production.txt': '-r base.txt\nsentry-sdk\n',
      'manage.py': MANAGE('config.settings.local'),
      'config/__init__.py': '',
      'config/settings/__init__.py': '',
      'config/settings/base.py': 'import environ\n\nenv = environ.Env(DEBUG=(bool, False), CACHE_TIMEOUT=(int, 300))\nSECRET_KEY = env("DJANGO_SECRET_KEY")\nDATABASES = {"default": env.db("DATABASE_URL", default="postgres:///app")}\nWSGI_APPLICATION = "config.wsgi.application"\nROOT_URLCONF = "config.urls"\n',
      'config/settings/local.py': 'from .base import *  # noqa\nDEBUG = True\n',
      'config/settings/production.py': 'from .base import *  # noqa\nREDIS_URL = env("REDIS_URL")\n',
      'config/wsgi.py': 'import os\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")\n',
      'config/urls.py': 'from django.urls import path\nfrom . import views\nurlpatterns = [path("health/", views.health)]\n',
      'config/views.py': 'def health(request): ...\n',
    });
    expect(service.commands.install).toBe('pip install -r requirements/production.txt');
    expect(service.commands.start).toBe('gunicorn config.wsgi:application --bind 0.0.0.0:$PORT');
    expect(service.health.path).toBe('/health/');
    const env = Object.fromEntries(service.env.map((e) => [e.name, e]));
    expect(env.DJANGO_SECRET_KEY).toMatchObject({ required: true, secret: true });
    expect(env.DATABASE_URL).toMatchObject({ required: false, secret: true });
    expect(env.REDIS_URL).toMatchObject({ required: true });
    expect(env.CACHE_TIMEOUT).toMatchObject({ required: false, default: '300' });
    expect(env.DEBUG).toBeUndefined(); // a platform variable, not configuration
    expect(service.backingServices).toContainEqual({ kind: 'postgres', envVar: 'DATABASE_URL' });
    expect(service.backingServices).toContainEqual({ kind: 'redis', envVar: 'REDIS_URL' });
  });

  it('Channels: ASGI_APPLICATION served by daphne', () => {
    const service = onlyService({
      'requirements.txt': 'django\nchannels\ndaphne\n',
      'manage.py': MANAGE('chat.settings'),
      'chat/settings.py': 'INSTALLED_APPS = ["daphne", "channels", "django.contrib.admin"]\nWSGI_APPLICATION = "chat.wsgi.application"\nASGI_APPLICATION = "chat.asgi.application"\n',
      'chat/asgi.py': 'application = None\n',
      'chat/wsgi.py': 'application = None\n',
    });
    expect(service.commands.start).toBe('daphne -b 0.0.0.0 -p $PORT chat.asgi:application');
    expect(service.port).toEqual({ value: 8000, envVar: 'PORT', bindAddress: '0.0.0.0' });
  });

  it('Channels with uvicorn', () => {
    const service = onlyService({
      'requirements.txt': 'django\nchannels\nuvicorn[standard]\n',
      'manage.py': MANAGE('chat.settings'),
      'chat/settings.py': 'ASGI_APPLICATION = "chat.asgi.application"\n',
      'chat/asgi.py': 'application = None\n',
    });
    expect(service.commands.start).toBe('uvicorn chat.asgi:application --host 0.0.0.0 --port $PORT');
  });

  it('dj_database_url and a mysql engine; mysqlclient needs the client library', () => {
    const service = onlyService({
      'requirements.txt': 'django\ngunicorn\ndj-database-url\nmysqlclient\n',
      'manage.py': MANAGE('site.settings'),
      'site/settings.py': 'import dj_database_url\nDATABASES = {"default": dj_database_url.config(conn_max_age=600)}\n',
      'site/wsgi.py': 'application = None\n',
    });
    expect(service.commands.start).toBe('gunicorn site.wsgi:application --bind 0.0.0.0:$PORT');
    expect(service.env).toContainEqual({ name: 'DATABASE_URL', required: true, secret: true, default: null });
    expect(service.backingServices).toEqual([{ kind: 'mysql', envVar: 'DATABASE_URL' }]);
    expect(service.build.systemPackages).toEqual(['build-essential', 'default-libmysqlclient-dev', 'pkg-config']);
  });

  it('without a production server falls back to runserver with a warning', () => {
    const service = onlyService({ 'requirements.txt': 'django\n', 'manage.py': MANAGE('site.settings'), 'site/settings.py': 'WSGI_APPLICATION = "site.wsgi.application"\n' });
    expect(service.commands.start).toBe('python manage.py runserver 0.0.0.0:$PORT');
    expect(service.port).toEqual({ value: 8000, envVar: 'PORT', bindAddress: '0.0.0.0' });
    expect(service.warnings.some((w) => w.includes('runserver'))).toBe(true);
  });

  it('manage.py one folder below the manifest: --chdir and the migrate path follow it', () => {
    const plan = planOf(testdir({
      'requirements.txt': 'django\ngunicorn\n',
      'src/manage.py': MANAGE('shop.settings'),
      'src/shop/settings.py': 'WSGI_APPLICATION = "shop.wsgi.application"\n',
      'src/shop/wsgi.py': 'application = None\n',
    }));
    expect(plan.services).toHaveLength(1);
    const service = plan.services[0]!;
    expect(service.path).toBe('');
    expect(service.commands.start).toBe('gunicorn --chdir src shop.wsgi:application --bind 0.0.0.0:$PORT');
    expect(service.commands.migrate).toBe('python src/manage.py migrate --noinput');
    expect(service.build.target).toBe('src/manage.py');
  });

  it('gunicorn.conf.py bind decides the port', () => {
    const service = onlyService({
      'requirements.txt': 'django\ngunicorn\n',
      'manage.py': MANAGE('site.settings'),
      'site/settings.py': 'WSGI_APPLICATION = "site.wsgi.application"\n',
      'site/wsgi.py': 'application = None\n',
      'gunicorn.conf.py': 'import os\nworkers = 3\nbind = f"0.0.0.0:{os.getenv(\'PORT\', \'9000\')}"\n',
    });
    expect(service.commands.start).toBe('gunicorn --config gunicorn.conf.py site.wsgi:application');
    expect(service.port).toEqual({ value: 9000, envVar: 'PORT', bindAddress: '0.0.0.0' });
    expect(service.evidence.find((e) => e.fact === 'port')).toMatchObject({ file: 'gunicorn.conf.py', line: 3 });
  });

  it('django-health-check mounted with include("health_check.urls")', () => {
    const service = onlyService({
      'requirements.txt': 'django\ngunicorn\ndjango-health-check\n',
      'manage.py': MANAGE('site.settings'),
      'site/settings.py': 'ROOT_URLCONF = "site.urls"\nWSGI_APPLICATION = "site.wsgi.application"\n',
      'site/urls.py': 'from django.urls import include, path, re_path\nurlpatterns = [\n    re_path(r"^ht/", include("health_check.urls")),\n]\n',
    });
    expect(service.health.path).toBe('/ht/');
  });
});
