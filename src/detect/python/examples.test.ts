import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXAMPLES_DIR, planOf } from '../../../test/helpers.js';
import type { ServicePlan } from '../../plan/schema.js';

function summary(service: ServicePlan): Record<string, unknown> {
  return {
    name: service.name,
    path: service.path,
    framework: service.framework,
    packageManager: service.packageManager?.name ?? null,
    install: service.commands.install,
    start: service.commands.start,
    port: service.port.value,
    health: service.health.path,
    kind: service.kind,
    migrate: service.commands.migrate,
  };
}

function servicesOf(example: string): ServicePlan[] {
  return planOf(path.join(EXAMPLES_DIR, example)).services;
}

describe('python examples', () => {
  it('python-fastapi-uv', () => {
    const [service, ...rest] = servicesOf('python-fastapi-uv');
    expect(rest).toEqual([]);
    expect(summary(service!)).toEqual({
      name: 'notes-api', path: '', framework: 'fastapi', packageManager: 'uv', install: 'uv sync --no-dev',
      start: 'uvicorn app.main:app --host 0.0.0.0 --port $PORT', port: 8000, health: '/healthz', kind: 'server', migrate: 'alembic upgrade head',
    });
    expect(service!.runtime).toEqual({ name: 'python', version: '3.12', source: '.python-version' });
    expect(service!.backingServices).toEqual([{ kind: 'postgres', envVar: 'DATABASE_URL' }]);
    expect(service!.env.find((e) => e.name === 'DATABASE_URL')).toMatchObject({ required: true, secret: true });
  });

  it('python-django-poetry', () => {
    const services = servicesOf('python-django-poetry');
    expect(services.map(summary)).toEqual([
      {
        name: 'bookshelf', path: '', framework: 'django', packageManager: 'poetry', install: 'poetry install --only main --no-root',
        start: 'gunicorn config.wsgi:application --bind 0.0.0.0:$PORT --workers 3 --access-logfile -', port: 8000, health: '/health/', kind: 'server',
        migrate: 'python manage.py migrate --noinput',
      },
      {
        name: 'bookshelf-worker', path: '', framework: 'django', packageManager: 'poetry', install: 'poetry install --only main --no-root',
        start: 'celery -A config worker --loglevel=info', port: null, health: null, kind: 'worker', migrate: null,
      },
    ]);
    const web = services[0]!;
    expect(web.build.features).toEqual(['django']);
    expect([...web.backingServices].sort((a, b) => a.kind.localeCompare(b.kind))).toEqual([{ kind: 'postgres', envVar: 'DATABASE_URL' }, { kind: 'redis', envVar: 'REDIS_URL' }]);
    expect(web.env.find((e) => e.name === 'DJANGO_SECRET_KEY')).toMatchObject({ required: true, secret: true });
  });

  it('python-flask-requirements', () => {
    const [service, ...rest] = servicesOf('python-flask-requirements');
    expect(rest).toEqual([]);
    expect(summary(service!)).toEqual({
      name: 'python-flask-requirements', path: '', framework: 'flask', packageManager: 'pip', install: 'pip install -r requirements.txt',
      start: "gunicorn 'todo:create_app()' --bind 0.0.0.0:$PORT --workers 2", port: 8000, health: '/healthz', kind: 'server', migrate: null,
    });
    expect(service!.runtime).toEqual({ name: 'python', version: '3.12.4', source: 'runtime.txt' });
    expect(service!.backingServices).toEqual([{ kind: 'redis', envVar: 'REDIS_URL' }]);
  });

  it('python-streamlit', () => {
    const [service, ...rest] = servicesOf('python-streamlit');
    expect(rest).toEqual([]);
    expect(summary(service!)).toEqual({
      name: 'python-streamlit', path: '', framework: 'streamlit', packageManager: 'pip', install: 'pip install -r requirements.txt',
      start: 'streamlit run streamlit_app.py --server.port $PORT --server.address 0.0.0.0', port: 8501, health: '/_stcore/health', kind: 'server', migrate: null,
    });
    expect(service!.build.features).toEqual(['streamlit']);
  });

  it('python-starlette-pdm', () => {
    const [service, ...rest] = servicesOf('python-starlette-pdm');
    expect(rest).toEqual([]);
    expect(summary(service!)).toEqual({
      name: 'status-board', path: '', framework: 'starlette', packageManager: 'pdm', install: 'pdm install --prod',
      start: 'uvicorn app:app --host 0.0.0.0 --port $PORT', port: 8000, health: '/healthz', kind: 'server', migrate: null,
    });
    expect(service!.runtime).toEqual({ name: 'python', version: '3.12', source: 'pyproject.toml' });
  });

  it('python-fastapi-pipenv', () => {
    const [service, ...rest] = servicesOf('python-fastapi-pipenv');
    expect(rest).toEqual([]);
    expect(summary(service!)).toEqual({
      name: 'python-fastapi-pipenv', path: '', framework: 'fastapi', packageManager: 'pipenv', install: 'pipenv install --system --skip-lock',
      start: 'fastapi run main.py --port $PORT', port: 8000, health: '/health', kind: 'server', migrate: null,
    });
    expect(service!.runtime).toEqual({ name: 'python', version: '3.12', source: 'Pipfile' });
    expect(service!.backingServices).toEqual([{ kind: 'redis', envVar: 'REDIS_URL' }]);
  });

  it('python-uv-workspace', () => {
    const plan = planOf(path.join(EXAMPLES_DIR, 'python-uv-workspace'));
    expect(plan.monorepo?.tools).toEqual(['uv-workspace']);
    expect(plan.services.map(summary)).toEqual([
      {
        name: 'acme-api', path: 'services/api', framework: 'fastapi', packageManager: 'uv', install: 'uv sync --no-dev --package acme-api',
        start: 'uvicorn acme_api.main:app --host 0.0.0.0 --port $PORT', port: 8000, health: '/healthz', kind: 'server', migrate: null,
      },
      {
        name: 'acme-worker', path: 'services/worker', framework: null, packageManager: 'uv', install: 'uv sync --no-dev --package acme-worker',
        start: 'celery -A acme_worker.tasks worker --loglevel=info', port: null, health: null, kind: 'worker', migrate: null,
      },
    ]);
    for (const service of plan.services) {
      expect(service.build.context).toBe('');
      expect(service.build.workspacePackages).toEqual(['packages/common']);
      expect(service.build.features).toEqual(['uv-workspace']);
      expect(service.backingServices.map((b) => b.kind)).toContain('postgres');
      expect(service.env.find((e) => e.name === 'DATABASE_URL')).toMatchObject({ required: true, secret: true });
    }
  });
});
