import { describe, expect, it } from 'vitest';
import { onlyService, planOf, testdir } from '../../../test/helpers.js';

const FLASK = 'from flask import Flask\napp = Flask(__name__)\n';

describe('python workers', () => {
  it('a Procfile worker line becomes <name>-worker with the same build', () => {
    const plan = planOf(testdir({
      'pyproject.toml': '[project]\nname = "shop"\ndependencies = ["flask", "gunicorn", "celery[redis]"]\n',
      'uv.lock': 'version = 1\n',
      Procfile: 'web: gunicorn app:app\nworker: celery -A tasks worker --concurrency 2\nrelease: flask db upgrade\n',
      'app.py': FLASK,
      'tasks.py': 'from celery import Celery\napp = Celery("tasks", broker="redis://redis:6379/0")\n',
    }));
    expect(plan.services.map((s) => [s.name, s.kind, s.commands.start])).toEqual([
      ['shop', 'server', 'gunicorn app:app'],
      ['shop-worker', 'worker', 'celery -A tasks worker --concurrency 2'],
    ]);
    const [web, worker] = plan.services;
    expect(web!.port).toEqual({ value: 8000, envVar: 'PORT', bindAddress: '0.0.0.0' });
    expect(web!.commands.migrate).toBe('flask db upgrade');
    expect(worker!.port).toEqual({ value: null, envVar: null, bindAddress: null });
    expect(worker!.health.path).toBeNull();
    expect(worker!.commands.migrate).toBeNull();
    expect(worker!.commands.install).toBe('uv sync --locked --no-dev');
    expect(worker!.backingServices).toEqual([{ kind: 'redis', envVar: null }]);
    expect(worker!.evidence).toContainEqual({ fact: 'start', file: 'Procfile', line: 2, note: 'worker: celery -A tasks worker --concurrency 2' });
  });

  it('a Celery app without a Procfile adds a celery worker service', () => {
    const plan = planOf(testdir({
      'requirements.txt': 'django\ngunicorn\ncelery\nredis\n',
      'manage.py': 'import os\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "proj.settings")\n',
      'proj/__init__.py': 'from .celery import app as celery_app\n',
      'proj/settings.py': 'WSGI_APPLICATION = "proj.wsgi.application"\nCELERY_BROKER_URL = "redis://localhost:6379/0"\n',
      'proj/celery.py': 'import os\nfrom celery import Celery\n\napp = Celery("proj")\napp.config_from_object("django.conf:settings", namespace="CELERY")\n',
    }));
    expect(plan.services.map((s) => [s.name, s.kind, s.commands.start])).toEqual([
      [expect.any(String), 'server', 'gunicorn proj.wsgi:application --bind 0.0.0.0:$PORT'],
      [expect.stringMatching(/-worker$/), 'worker', 'celery -A proj worker --loglevel=info'],
    ]);
  });

  it('a repo with only a worker process is one worker service', () => {
    const service = onlyService({
      'requirements.txt': 'rq\nredis\n',
      Procfile: 'worker: rq worker --url $REDIS_URL\n',
      'jobs.py': 'def send_email(to): ...\n',
    });
    expect(service.kind).toBe('worker');
    expect(service.commands.start).toBe('rq worker --url $REDIS_URL');
    expect(service.port.value).toBeNull();
  });

  it('a Celery-only project is a worker', () => {
    const service = onlyService({
      'requirements.txt': 'celery[redis]\n',
      'worker/__init__.py': '',
      'worker/tasks.py': 'from celery import Celery\ncelery = Celery(__name__, broker="redis://redis:6379/0")\n',
    });
    expect(service.kind).toBe('worker');
    expect(service.commands.start).toBe('celery -A worker.tasks worker --loglevel=info');
    expect(service.backingServices).toEqual([{ kind: 'redis', envVar: null }]);
  });

  it('celery[redis] names the broker, carried by CELERY_BROKER_URL', () => {
    const service = onlyService({
      'requirements.txt': 'celery[redis]==5.4.0\n',
      'worker.py': 'import os\nfrom celery import Celery\napp = Celery("worker", broker=os.environ["CELERY_BROKER_URL"])\n',
    });
    expect(service.backingServices).toEqual([{ kind: 'redis', envVar: 'CELERY_BROKER_URL' }]);
    expect(service.evidence).toContainEqual({ fact: 'backing:redis', file: 'requirements.txt', line: 1, note: 'celery[redis] uses redis as its broker' });
  });

  it('a Procfile that runs node beside a docs requirements.txt is not a Python service', () => {
    const plan = planOf(testdir({ 'requirements.txt': 'mkdocs\nmkdocs-material\n', Procfile: 'web: node server.js\n' }));
    expect(plan.services.filter((s) => s.language === 'python')).toEqual([]);
  });
});
