import { describe, expect, it } from 'vitest';
import { onlyService } from '../../../../test/helpers.js';

describe('Litestar', () => {
  it('app = Litestar(...) with litestar[standard]: uvicorn', () => {
    const service = onlyService({
      'pyproject.toml': '[project]\nname = "catalog"\nversion = "0.1.0"\nrequires-python = ">=3.12"\ndependencies = ["litestar[standard]>=2.12"]\n',
      'src/catalog/__init__.py': '',
      'src/catalog/app.py': 'from litestar import Litestar, get\n\n@get("/healthz")\nasync def health() -> dict:\n    return {"ok": True}\n\napp = Litestar(route_handlers=[health])\n',
    });
    expect(service.framework).toBe('litestar');
    expect(service.commands.start).toBe('uvicorn catalog.app:app --app-dir src --host 0.0.0.0 --port $PORT');
    expect(service.health.path).toBe('/healthz');
    expect(service.warnings.filter((w) => w.includes('ASGI'))).toEqual([]);
  });

  it('gunicorn and uvicorn in a requirements variant: gunicorn with uvicorn workers and both files installed', () => {
    const service = onlyService({
      'requirements.txt': 'litestar==2.12.1\nasyncpg==0.29.0\n',
      'requirements-gunicorn.txt': '-r requirements.txt\ngunicorn==23.0.0\nuvicorn==0.30.6\n',
      'app.py': 'from litestar import Litestar, get\n\n@get("/json")\nasync def hello() -> dict:\n    return {"message": "hi"}\n\napp = Litestar(route_handlers=[hello])\n',
      'litestar_conf.py': 'import multiprocessing\n\nworkers = multiprocessing.cpu_count()\nbind = "0.0.0.0:8080"\nkeepalive = 120\n',
    });
    expect(service.commands.start).toBe('gunicorn --config litestar_conf.py --worker-class uvicorn.workers.UvicornWorker app:app');
    expect(service.commands.install).toBe('pip install -r requirements-gunicorn.txt');
    expect(service.port).toEqual({ value: 8080, envVar: null, bindAddress: '0.0.0.0' });
    expect(service.evidence).toContainEqual({ fact: 'install', file: 'requirements-gunicorn.txt', note: 'requirements-gunicorn.txt declares gunicorn, uvicorn (the start command needs it)' });
  });
});
