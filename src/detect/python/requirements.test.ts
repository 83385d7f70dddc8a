import { describe, expect, it } from 'vitest';
import { onlyService, planOf, testdir } from '../../../test/helpers.js';

const FLASK = 'from flask import Flask\n\napp = Flask(__name__)\n';

describe('requirement file variants', () => {
  it('count for detection; the variant that declares the server is installed with requirements.txt', () => {
    const service = onlyService({
      'requirements.txt': 'Flask==3.0.3\npsycopg2==2.9.9\n',
      'requirements-gunicorn.txt': 'gunicorn==23.0.0\n',
      'requirements-uwsgi.txt': 'uwsgi==2.0.26\n',
      'app.py': FLASK,
    });
    expect(service.commands.start).toBe('gunicorn app:app --bind 0.0.0.0:$PORT');
    expect(service.commands.install).toBe('pip install -r requirements.txt -r requirements-gunicorn.txt');
    expect(service.evidence).toContainEqual({ fact: 'install', file: 'requirements-gunicorn.txt', note: 'requirements-gunicorn.txt declares gunicorn (the start command needs it)' });
    expect(service.build.systemPackages).toEqual(['build-essential', 'libpq-dev']);
  });

  it('a variant that includes requirements.txt is installed alone', () => {
    const service = onlyService({
      'requirements.txt': 'Flask==3.0.3\n',
      'requirements-gunicorn.txt': '-r requirements.txt\ngunicorn==23.0.0\n',
      'app.py': FLASK,
    });
    expect(service.commands.install).toBe('pip install -r requirements-gunicorn.txt');
  });

  it('a directory with only requirements_<variant>.txt is a Python project; dev files are not', () => {
    const service = onlyService({ 'requirements_prod.txt': 'flask\ngunicorn\n', 'requirements_dev.txt': 'pytest\n', 'app.py': FLASK });
    expect(service.commands.install).toBe('pip install -r requirements_prod.txt');
    const devOnly = planOf(testdir({ 'requirements-dev.txt': 'flask\ngunicorn\n', 'app.py': FLASK }));
    expect(devOnly.services).toEqual([]);
  });

  it('dev and test requirement files do not make a library a service', () => {
    const plan = planOf(testdir({
      'requirements.txt': 'requests\n',
      'requirements-test.txt': 'uvicorn\npytest\n',
      'client.py': 'import requests\n\ndef app(environ, start_response):\n    return []\n',
    }));
    expect(plan.services).toEqual([]);
  });
});
