import { describe, expect, it } from 'vitest';
import { onlyService, planOf, testdir } from '../../../test/helpers.js';

const FLASK = 'from flask import Flask\n\napp = Flask(__name__)\n\n@app.get("/health")\ndef health():\n    return "ok"\n';

describe('a committed container recipe', () => {
  it('its CMD is the start command; a literal bind port becomes $PORT and stays the port', () => {
    const service = onlyService({
      'requirements.txt': 'flask==3.0.3\ngunicorn==22.0.0\n',
      'app.py': FLASK,
      Dockerfile: 'FROM python:3.11-slim\nWORKDIR /app\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\nCOPY . .\nEXPOSE 8080\nCMD ["gunicorn", "--workers", "4", "--bind", "0.0.0.0:8080", "app:app"]\n',
    });
    expect(service.commands.start).toBe('gunicorn --workers 4 --bind 0.0.0.0:$PORT app:app');
    expect(service.port).toEqual({ value: 8080, envVar: 'PORT', bindAddress: '0.0.0.0' });
    expect(service.evidence).toContainEqual({ fact: 'start', file: 'Dockerfile', line: 7, note: 'CMD ["gunicorn", "--workers", "4", "--bind", "0.0.0.0:8080", "app:app"]' });
    expect(service.framework).toBe('flask');
    // no version in the manifests: the recipe's base image says which Python the team runs
    expect(service.runtime).toEqual({ name: 'python', version: '3.11', source: 'Dockerfile' });
  });

  it('a script with a --port flag gets --port=$PORT; the recipe\'s pip install files are installed', () => {
    const service = onlyService({
      'requirements.txt': 'tornado==6.4.1\n',
      'requirements-mongo.txt': '-r requirements.txt\nmotor==3.5.1\n',
      'server.py': 'import tornado.ioloop\nimport tornado.web\n\napp = tornado.web.Application([])\n\nif __name__ == "__main__":\n    app.listen(8888)\n    tornado.ioloop.IOLoop.current().start()\n',
      'api.dockerfile': 'FROM python:3.12\nADD ./ /api\nWORKDIR /api\nRUN pip3 install -r /api/requirements-mongo.txt\nEXPOSE 8080\nCMD python3 server.py --port=8080 --logging=error\n',
    });
    expect(service.commands.start).toBe('python3 server.py --port=$PORT --logging=error');
    expect(service.port.value).toBe(8080);
    expect(service.commands.install).toBe('pip install -r requirements-mongo.txt');
    expect(service.backingServices.map((b) => b.kind)).toEqual(['mongodb']);
  });

  it('makes a service of a project whose framework devsquad does not know, with EXPOSE as the port', () => {
    const service = onlyService({
      'requirements.txt': 'aioworkers==0.24.1\nasyncpg==0.29.0\n',
      'config.yaml': 'http:\n  port: 8080\n',
      'Dockerfile': 'FROM python:3.11\nCOPY . /srv\nWORKDIR /srv\nRUN pip install -r requirements.txt\nEXPOSE 8080\nCMD aioworkers aioworkers.net.web -c config.yaml\n',
    });
    expect(service.commands.start).toBe('aioworkers aioworkers.net.web -c config.yaml');
    expect(service.port.value).toBe(8080);
    expect(service.evidence).toContainEqual({ fact: 'port', file: 'Dockerfile', line: 5, note: 'EXPOSE 8080' });
  });

  it('picks the variant named after the service and runs in the WORKDIR below the copied folder', () => {
    const service = onlyService({
      'pyproject.toml': '[project]\nname = "shop"\nversion = "1.0.0"\ndependencies = ["sanic>=24"]\n',
      'src/main.py': 'from sanic import Sanic\napp = Sanic("shop")\nif __name__ == "__main__":\n    app.run("0.0.0.0", 8000)\n',
      'shop.dockerfile': 'FROM python:3.12-slim\nCOPY . /srv\nWORKDIR /srv/src\nRUN pip install /srv\nCMD ["python", "main.py"]\n',
      'shop-nginx.dockerfile': 'FROM nginx\nCMD ["nginx"]\n',
    });
    expect(service.commands.start).toBe('cd src && python main.py');
  });

  it('an ENTRYPOINT script ending in exec "$@" hands over to CMD', () => {
    const service = onlyService({
      'requirements.txt': 'flask\ngunicorn\n',
      'app.py': FLASK,
      'docker-entrypoint.sh': '#!/bin/sh\nset -e\nflask db upgrade || true\nexec "$@"\n',
      Dockerfile: 'FROM python:3.12\nCOPY . /app\nWORKDIR /app\nENTRYPOINT ["./docker-entrypoint.sh"]\nCMD ["gunicorn", "-b", ":5000", "app:app"]\n',
    });
    expect(service.commands.start).toBe('gunicorn -b :$PORT app:app');
    expect(service.port).toEqual({ value: 5000, envVar: 'PORT', bindAddress: '0.0.0.0' });
  });

  it('is not used when it runs code the build downloads, or a dev server, or when devsquad wrote it', () => {
    const downloaded = planOf(testdir({
      'requirements.txt': 'gunicorn\n',
      Dockerfile: 'FROM python:2.7\nCOPY . /srv\nWORKDIR /srv\nRUN git clone https://example.com/web2py.git web2py\nEXPOSE 8080\nCMD gunicorn web2py.wsgi:application\n',
    }));
    expect(downloaded.services).toEqual([]);
    const reload = onlyService({
      'requirements.txt': 'fastapi\nuvicorn\n',
      'main.py': 'from fastapi import FastAPI\napp = FastAPI()\n',
      Dockerfile: 'FROM python:3.12\nCOPY . /app\nCMD ["uvicorn", "main:app", "--reload", "--port", "80"]\n',
    });
    expect(reload.commands.start).toBe('uvicorn main:app --host 0.0.0.0 --port $PORT');
    const generated = onlyService({
      'requirements.txt': 'flask\ngunicorn\n',
      'app.py': FLASK,
      Dockerfile: '# syntax=docker/dockerfile:1\n# generated by devsquad from the plan of x; edit freely\nFROM python:3.12\nCMD ["gunicorn", "-b", "0.0.0.0:9999", "app:app"]\n',
    });
    expect(generated.commands.start).toBe('gunicorn app:app --bind 0.0.0.0:$PORT');
  });

  it('a Procfile web line still wins', () => {
    const service = onlyService({
      'requirements.txt': 'flask\ngunicorn\n',
      'app.py': FLASK,
      Procfile: 'web: gunicorn app:app --bind 0.0.0.0:$PORT --workers 3\n',
      Dockerfile: 'FROM python:3.12\nCOPY . /app\nCMD ["gunicorn", "-b", "0.0.0.0:8080", "app:app"]\n',
    });
    expect(service.commands.start).toBe('gunicorn app:app --bind 0.0.0.0:$PORT --workers 3');
  });

  it('ENV PORT=… is the port of a command that reads $PORT; a privileged port is flagged', () => {
    const service = onlyService({
      'requirements.txt': 'fastapi\nuvicorn\n',
      'main.py': 'import os\nfrom fastapi import FastAPI\napp = FastAPI()\n',
      Dockerfile: 'FROM python:3.12\nCOPY . /app\nWORKDIR /app\nENV PORT=9000\nCMD ["sh", "-c", "uvicorn main:app --host 0.0.0.0 --port $PORT"]\n',
    });
    expect(service.commands.start).toBe("sh -c 'uvicorn main:app --host 0.0.0.0 --port $PORT'");
    expect(service.port).toEqual({ value: 9000, envVar: 'PORT', bindAddress: '0.0.0.0' });
    expect(service.evidence).toContainEqual({ fact: 'port', file: 'Dockerfile', line: 4, note: 'ENV PORT=9000' });
    const privileged = onlyService({
      'requirements.txt': 'fastapi\nuvicorn\n',
      'main.py': 'from fastapi import FastAPI\napp = FastAPI()\n',
      Dockerfile: 'FROM python:3.12\nCOPY . /app\nCMD ["uvicorn", "main:app", "--host", "0.0.0.0", "--port", "80"]\n',
    });
    expect(privileged.commands.start).toBe('uvicorn main:app --host 0.0.0.0 --port $PORT');
    expect(privileged.port.value).toBe(80);
    expect(privileged.warnings.some((w) => w.includes('below 1024'))).toBe(true);
  });

  it('a server run from a virtualenv path is run from PATH', () => {
    const service = onlyService({
      'requirements.txt': 'fastapi\nuvicorn\n',
      'main.py': 'from fastapi import FastAPI\napp = FastAPI()\n',
      Dockerfile: 'FROM python:3.12 AS build\nRUN python -m venv /opt/venv\nFROM python:3.12-slim\nCOPY --from=build /opt/venv /opt/venv\nCOPY . /app\nCMD ["/opt/venv/bin/uvicorn", "main:app", "--host", "0.0.0.0", "--port", "8000"]\n',
    });
    expect(service.commands.start).toBe('uvicorn main:app --host 0.0.0.0 --port $PORT');
    expect(service.port).toEqual({ value: 8000, envVar: 'PORT', bindAddress: '0.0.0.0' });
  });
});
