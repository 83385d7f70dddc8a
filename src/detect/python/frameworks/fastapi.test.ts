import { describe, expect, it } from 'vitest';
import { onlyService, planOf, testdir, type FileSpec } from '../../../../test/helpers.js';

describe('FastAPI', () => {
  it('serves the module that builds FastAPI() with uvicorn, health from @app.get', () => {
    const service = onlyService({
      'requirements.txt': 'fastapi==0.115.0\nuvicorn[standard]==0.30.6\n',
      'app/__init__.py': '',
      'app/main.py': 'from fastapi import FastAPI\n\napp = FastAPI(title="api")\n\n\n@app.get("/health")\nasync def health():\n    return {"status": "ok"}\n',
    });
    expect(service.framework).toBe('fastapi');
    expect(service.kind).toBe('server');
    expect(service.commands.start).toBe('uvicorn app.main:app --host 0.0.0.0 --port $PORT');
    expect(service.port).toEqual({ value: 8000, envVar: 'PORT', bindAddress: '0.0.0.0' });
    expect(service.health.path).toBe('/health');
    expect(service.evidence).toContainEqual({ fact: 'framework', file: 'app/main.py', line: 3, note: 'app = FastAPI(title="api")' });
    expect(service.evidence).toContainEqual({ fact: 'health', file: 'app/main.py', line: 6, note: '@app.get("/health")' });
  });

  it('uses `fastapi run` when fastapi[standard] is a dependency', () => {
    const service = onlyService({
      'pyproject.toml': '[project]\nname = "svc"\ndependencies = ["fastapi[standard]>=0.115"]\n\n[tool.uv]\ndev-dependencies = []\n',
      'app/__init__.py': '',
      'app/main.py': 'from fastapi import FastAPI\napp = FastAPI()\n',
    });
    expect(service.commands.start).toBe('fastapi run app/main.py --port $PORT');
    expect(service.packageManager?.name).toBe('uv');
    expect(service.commands.install).toBe('uv sync --no-dev');
  });

  it('uses `fastapi run` with fastapi-cli, but not for an app variable it cannot find', () => {
    const cli = onlyService({ 'requirements.txt': 'fastapi\nfastapi-cli\n', 'main.py': 'import fastapi\napi = fastapi.FastAPI()\n' });
    expect(cli.commands.start).toBe('fastapi run main.py --port $PORT');
    const named = onlyService({ 'requirements.txt': 'fastapi\nfastapi-cli\n', 'main.py': 'import fastapi\nserver = fastapi.FastAPI()\n' });
    expect(named.commands.start).toBe('uvicorn main:server --host 0.0.0.0 --port $PORT');
  });

  it('takes the port and env var from uvicorn.run in __main__', () => {
    const service = onlyService({
      'requirements.txt': 'fastapi\nuvicorn\n',
      'main.py': 'import os\nimport uvicorn\nfrom fastapi import FastAPI\n\napp = FastAPI()\n\nif __name__ == "__main__":\n    uvicorn.run(app, host="0.0.0.0", port=int(os.environ.get("PORT", 8080)))\n',
    });
    expect(service.port).toEqual({ value: 8080, envVar: 'PORT', bindAddress: '0.0.0.0' });
    expect(service.evidence.find((e) => e.fact === 'port')).toMatchObject({ file: 'main.py', line: 8 });
  });

  it('warns when the code binds 127.0.0.1 even though the start command binds 0.0.0.0', () => {
    const service = onlyService({
      'requirements.txt': 'fastapi\nuvicorn\n',
      'main.py': 'import uvicorn\nfrom fastapi import FastAPI\napp = FastAPI()\nif __name__ == "__main__":\n    uvicorn.run(app, host="127.0.0.1", port=8000)\n',
    });
    expect(service.port.bindAddress).toBe('0.0.0.0');
    expect(service.warnings.some((w) => w.includes('main.py:5 binds 127.0.0.1'))).toBe(true);
  });

  it('src layout: uvicorn --app-dir src', () => {
    const service = onlyService({
      'pyproject.toml': '[project]\nname = "svc"\ndependencies = ["fastapi", "uvicorn"]\n',
      'uv.lock': 'version = 1\n',
      'src/svc/__init__.py': '',
      'src/svc/api.py': 'from fastapi import FastAPI\napp = FastAPI()\n',
    });
    expect(service.commands.start).toBe('uvicorn svc.api:app --app-dir src --host 0.0.0.0 --port $PORT');
  });

  it('an app factory runs with uvicorn --factory', () => {
    const service = onlyService({
      'requirements.txt': 'fastapi\nuvicorn\n',
      'service/__init__.py': '',
      'service/app.py': 'from fastapi import FastAPI\n\ndef create_app() -> FastAPI:\n    app = FastAPI()\n    return app\n',
    });
    expect(service.commands.start).toBe('uvicorn service.app:create_app --factory --host 0.0.0.0 --port $PORT');
  });

  it('applies APIRouter and include_router prefixes to the health route', () => {
    const service = onlyService({
      'requirements.txt': 'fastapi\nuvicorn\n',
      'app/__init__.py': '',
      'app/main.py': 'from fastapi import FastAPI\nfrom app.routers import health\n\napp = FastAPI()\napp.include_router(health.router, prefix="/api")\n',
      'app/routers/__init__.py': '',
      'app/routers/health.py': 'from fastapi import APIRouter\n\nrouter = APIRouter(prefix="/v1")\n\n@router.get("/healthz")\ndef healthz():\n    return {}\n',
    });
    expect(service.health.path).toBe('/api/v1/healthz');
  });

  it('drops a health route mounted under a prefix it cannot read', () => {
    const service = onlyService({
      'requirements.txt': 'fastapi\nuvicorn\n',
      'app/main.py': 'from fastapi import FastAPI\nfrom app.core import settings\nfrom app.api.health import router as health_router\n\napp = FastAPI()\napp.include_router(health_router, prefix=settings.API_PREFIX)\n',
      'app/api/health.py': 'from fastapi import APIRouter\nrouter = APIRouter()\n@router.get("/health")\ndef health():\n    return {}\n',
    });
    expect(service.health.path).toBeNull();
  });

  it('climbs nested routers and reads a settings prefix; keeps a trailing slash', () => {
    const service = onlyService({
      'requirements.txt': 'fastapi[standard]\npydantic-settings\n',
      'app/__init__.py': '',
      'app/core/config.py': 'from pydantic_settings import BaseSettings\n\nclass Settings(BaseSettings):\n    API_V1_STR: str = "/api/v1"\n\nsettings = Settings()\n',
      'app/main.py': 'from fastapi import FastAPI\nfrom app.api.main import api_router\nfrom app.core.config import settings\n\napp = FastAPI()\napp.include_router(api_router, prefix=settings.API_V1_STR)\n',
      'app/api/__init__.py': '',
      'app/api/main.py': 'from fastapi import APIRouter\nfrom app.api.routes import utils\n\napi_router = APIRouter()\napi_router.include_router(utils.router)\n',
      'app/api/routes/__init__.py': '',
      'app/api/routes/utils.py': 'from fastapi import APIRouter\n\nrouter = APIRouter(prefix="/utils", tags=["utils"])\n\n@router.get("/health-check/")\nasync def health_check() -> bool:\n    return True\n',
    });
    expect(service.health.path).toBe('/api/v1/utils/health-check/');
    expect(service.commands.start).toBe('fastapi run app/main.py --port $PORT');
  });

  it('app built by a helper in main.py (src layout), alembic.ini under src/', () => {
    const service = onlyService({
      'pyproject.toml': '[project]\nname = "boiler"\ndependencies = ["fastapi", "uvicorn", "alembic", "asyncpg"]\n',
      'uv.lock': 'version = 1\n',
      'src/app/__init__.py': '',
      'src/app/main.py': 'from .core.setup import create_application\nfrom .api import router\n\napp = create_application(router=router)\n',
      'src/app/core/setup.py': 'from fastapi import FastAPI\n\ndef create_application(router):\n    application = FastAPI()\n    application.include_router(router)\n    return application\n',
      'src/alembic.ini': '[alembic]\nscript_location = migrations\n',
      'src/migrations/env.py': '',
    });
    expect(service.commands.start).toBe('uvicorn app.main:app --app-dir src --host 0.0.0.0 --port $PORT');
    expect(service.commands.migrate).toBe('cd src && alembic upgrade head');
    expect(service.backingServices).toEqual([{ kind: 'postgres', envVar: null }]);
  });

  it('SQLite as the local fallback beside a database server is dropped', () => {
    const service = onlyService({
      'requirements.txt': 'fastapi\nuvicorn\nsqlalchemy\npsycopg2-binary\n',
      'main.py': 'import os\nfrom fastapi import FastAPI\nDB = os.getenv("DATABASE_URL", "sqlite:///./dev.db")\napp = FastAPI()\n',
    });
    expect(service.backingServices).toEqual([{ kind: 'postgres', envVar: 'DATABASE_URL' }]);
  });

  it('a Procfile uvicorn without --host binds 127.0.0.1: warned', () => {
    const service = onlyService({
      'requirements.txt': 'fastapi\nuvicorn\n',
      Procfile: 'web: uvicorn main:app --port 8080\n',
      'main.py': 'from fastapi import FastAPI\napp = FastAPI()\n',
    });
    expect(service.commands.start).toBe('uvicorn main:app --port 8080');
    expect(service.port).toEqual({ value: 8080, envVar: null, bindAddress: '127.0.0.1' });
    expect(service.warnings.some((w) => w.includes('binds 127.0.0.1') && w.includes('uvicorn binds 127.0.0.1 by default'))).toBe(true);
  });

  it('a Procfile gunicorn -c config with uvicorn workers: port from the config bind', () => {
    const service = onlyService({
      'requirements.txt': 'fastapi\nuvicorn\ngunicorn\n',
      Procfile: 'web: gunicorn -c deploy/gunicorn_conf.py app.main:app\n',
      'app/main.py': 'from fastapi import FastAPI\napp = FastAPI()\n',
      'deploy/gunicorn_conf.py': 'worker_class = "uvicorn.workers.UvicornWorker"\nbind = "0.0.0.0:8081"\n',
    });
    expect(service.port).toEqual({ value: 8081, envVar: null, bindAddress: '0.0.0.0' });
    expect(service.evidence.find((e) => e.fact === 'port')).toEqual({ fact: 'port', file: 'deploy/gunicorn_conf.py', line: 2, note: 'bind = "0.0.0.0:8081"' });
  });

  it('warns when no ASGI server is declared', () => {
    const service = onlyService({ 'requirements.txt': 'fastapi\n', 'main.py': 'from fastapi import FastAPI\napp = FastAPI()\n' });
    expect(service.commands.start).toBe('uvicorn main:app --host 0.0.0.0 --port $PORT');
    expect(service.warnings.some((w) => w.includes('no ASGI server'))).toBe(true);
  });

  it('a package that depends on fastapi but builds no app is a library', () => {
    const service = firstService({
      'pyproject.toml': '[project]\nname = "fastapi-extras"\ndependencies = ["fastapi"]\n',
      'fastapi_extras/__init__.py': 'from fastapi import Depends\n\ndef paginate(): ...\n',
    });
    expect(service).toBeNull();
  });
});

describe('Starlette', () => {
  it('serves Starlette() with uvicorn and reads Route("/healthz")', () => {
    const service = onlyService({
      'requirements.txt': 'starlette==0.38.2\nuvicorn==0.30.6\n',
      'app.py': 'from starlette.applications import Starlette\nfrom starlette.responses import JSONResponse\nfrom starlette.routing import Route\n\nasync def healthz(request):\n    return JSONResponse({"ok": True})\n\napp = Starlette(routes=[Route("/healthz", healthz)])\n',
    });
    expect(service.framework).toBe('starlette');
    expect(service.commands.start).toBe('uvicorn app:app --host 0.0.0.0 --port $PORT');
    expect(service.port.value).toBe(8000);
    expect(service.health.path).toBe('/healthz');
  });

  it('hypercorn when it is the declared server', () => {
    const service = onlyService({ 'requirements.txt': 'starlette\nhypercorn\n', 'app.py': 'from starlette.applications import Starlette\napp = Starlette()\n' });
    expect(service.commands.start).toBe('hypercorn app:app --bind 0.0.0.0:$PORT');
    expect(service.port).toEqual({ value: 8000, envVar: 'PORT', bindAddress: '0.0.0.0' });
  });
});

/** The first service, or null when the repository has none. */
function firstService(files: Record<string, FileSpec>): unknown {
  const plan = planOf(testdir(files));
  return plan.services[0] ?? null;
}
