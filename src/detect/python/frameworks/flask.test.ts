import { describe, expect, it } from 'vitest';
import { onlyService } from '../../../../test/helpers.js';

describe('Flask', () => {
  it('app = Flask(__name__) served by gunicorn; health from @app.route; port from app.run', () => {
    const service = onlyService({
      'requirements.txt': 'Flask==3.0.3\ngunicorn==22.0.0\n',
      'app.py': 'import os\nfrom flask import Flask\n\napp = Flask(__name__)\n\n\n@app.route("/healthz")\ndef healthz():\n    return "ok"\n\n\nif __name__ == "__main__":\n    app.run(host="0.0.0.0", port=int(os.environ.get("PORT", 5000)))\n',
    });
    expect(service.framework).toBe('flask');
    expect(service.commands.start).toBe('gunicorn app:app --bind 0.0.0.0:$PORT');
    expect(service.port).toEqual({ value: 5000, envVar: 'PORT', bindAddress: '0.0.0.0' });
    expect(service.health.path).toBe('/healthz');
    expect(service.evidence).toContainEqual({ fact: 'health', file: 'app.py', line: 7, note: '@app.route("/healthz")' });
  });

  it('an app factory becomes gunicorn \'pkg:create_app()\'', () => {
    const service = onlyService({
      'requirements.txt': 'flask\ngunicorn\n',
      'shop/__init__.py': 'from flask import Flask\n\n\ndef create_app(config=None):\n    app = Flask(__name__)\n    from . import views\n    app.register_blueprint(views.bp)\n    return app\n',
      'shop/views.py': 'from flask import Blueprint\nbp = Blueprint("main", __name__, url_prefix="/api")\n\n@bp.get("/health")\ndef health():\n    return {"ok": True}\n',
    });
    expect(service.commands.start).toBe("gunicorn 'shop:create_app()' --bind 0.0.0.0:$PORT");
    expect(service.port).toEqual({ value: 8000, envVar: 'PORT', bindAddress: '0.0.0.0' });
    expect(service.health.path).toBe('/api/health');
  });

  it('wsgi.py that calls the factory wins over the factory itself', () => {
    const service = onlyService({
      'requirements.txt': 'flask\ngunicorn\n',
      'wsgi.py': 'from shop import create_app\n\napp = create_app()\n',
      'shop/__init__.py': 'from flask import Flask\n\ndef create_app():\n    return Flask(__name__)\n',
    });
    expect(service.commands.start).toBe('gunicorn wsgi:app --bind 0.0.0.0:$PORT');
  });

  it('without a WSGI server: flask run on 5000 with a warning', () => {
    const service = onlyService({ 'requirements.txt': 'flask\n', 'hello.py': 'from flask import Flask\napp = Flask(__name__)\n' });
    expect(service.commands.start).toBe('flask --app hello run --host 0.0.0.0 --port $PORT');
    expect(service.port).toEqual({ value: 5000, envVar: 'PORT', bindAddress: '0.0.0.0' });
    expect(service.warnings.some((w) => w.includes('flask run'))).toBe(true);
  });

  it('uwsgi and waitress when they are the declared server', () => {
    const uwsgi = onlyService({ 'requirements.txt': 'flask\nuwsgi\n', 'app.py': 'from flask import Flask\napp = Flask(__name__)\n' });
    expect(uwsgi.commands.start).toBe('uwsgi --http 0.0.0.0:$PORT --master --module app:app');
    expect(uwsgi.build.systemPackages).toEqual(['build-essential']);
    const waitress = onlyService({ 'requirements.txt': 'flask\nwaitress\n', 'app.py': 'from flask import Flask\napp = Flask(__name__)\n' });
    expect(waitress.commands.start).toBe('waitress-serve --listen=0.0.0.0:$PORT app:app');
    expect(waitress.port.value).toBe(8080);
  });

  it('uwsgi.ini decides the port', () => {
    const service = onlyService({
      'requirements.txt': 'flask\nuwsgi\n',
      'app.py': 'from flask import Flask\napp = Flask(__name__)\n',
      'uwsgi.ini': '[uwsgi]\nmodule = app:app\nmaster = true\nhttp = :8080\n',
    });
    expect(service.commands.start).toBe('uwsgi --ini uwsgi.ini');
    expect(service.port.value).toBe(8080);
    expect(service.evidence.find((e) => e.fact === 'port')).toMatchObject({ file: 'uwsgi.ini', line: 4 });
  });

  it('flask-migrate gives flask db upgrade', () => {
    const service = onlyService({
      'requirements.txt': 'flask\nflask-sqlalchemy\nflask-migrate\ngunicorn\n',
      'app.py': 'from flask import Flask\napp = Flask(__name__)\n',
      'migrations/env.py': '# alembic env\n',
      'migrations/alembic.ini': '[alembic]\n',
    });
    expect(service.commands.migrate).toBe('flask db upgrade');
    const factory = onlyService({
      'requirements.txt': 'flask\nflask-migrate\ngunicorn\n',
      'blog/__init__.py': 'from flask import Flask\ndef create_app():\n    return Flask(__name__)\n',
      'migrations/env.py': '# alembic env\n',
    });
    expect(factory.commands.migrate).toBe('flask --app blog db upgrade');
  });

  it('a Procfile web line wins as the start command and its flags give the port', () => {
    const service = onlyService({
      'requirements.txt': 'flask\ngunicorn\n',
      Procfile: 'web: gunicorn app:app --workers 2 --bind 0.0.0.0:5005\n',
      'app.py': 'from flask import Flask\napp = Flask(__name__)\n',
    });
    expect(service.commands.start).toBe('gunicorn app:app --workers 2 --bind 0.0.0.0:5005');
    expect(service.port).toEqual({ value: 5005, envVar: null, bindAddress: '0.0.0.0' });
    expect(service.evidence).toContainEqual({ fact: 'start', file: 'Procfile', line: 1, note: 'web: gunicorn app:app --workers 2 --bind 0.0.0.0:5005' });
  });

  it('a compound Procfile web line: the server is its last step', () => {
    const service = onlyService({
      'requirements.txt': 'flask\nflask-migrate\ngunicorn\n',
      Procfile: 'web: flask db upgrade; exec gunicorn -b :5001 app:app\n',
      'app.py': 'from flask import Flask\napp = Flask(__name__)\n',
    });
    expect(service.commands.start).toBe('flask db upgrade; exec gunicorn -b :5001 app:app');
    expect(service.port).toEqual({ value: 5001, envVar: null, bindAddress: '0.0.0.0' });
  });

  it('uwsgi given an ini file by path reads its http-socket', () => {
    const service = onlyService({
      'requirements.txt': 'flask\nuwsgi\n',
      Procfile: 'web: uwsgi ./etc/uwsgi.ini\n',
      'app.py': 'from flask import Flask\napp = Flask(__name__)\n',
      'etc/uwsgi.ini': '[uwsgi]\nhttp-socket=:$(PORT)\nmaster=true\nmodule=app:app\n',
    });
    expect(service.port).toEqual({ value: 8000, envVar: 'PORT', bindAddress: '0.0.0.0' });
  });

  it('a Procfile `python app.py` runs the code: port and bind from app.run, loopback warned', () => {
    const service = onlyService({
      'requirements.txt': 'flask\n',
      Procfile: 'web: python app.py\n',
      'app.py': 'from flask import Flask\napp = Flask(__name__)\nif __name__ == "__main__":\n    app.run(host="127.0.0.1", port=5050)\n',
    });
    expect(service.port).toEqual({ value: 5050, envVar: null, bindAddress: '127.0.0.1' });
    expect(service.warnings.some((w) => w.includes('binds 127.0.0.1 (app.py:4)'))).toBe(true);
  });
});
