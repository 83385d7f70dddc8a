import { describe, expect, it } from 'vitest';
import { onlyService, planOf, testdir } from '../../../../test/helpers.js';

describe('aiohttp', () => {
  it('a script calling web.run_app is run as it is, on the port it names', () => {
    const service = onlyService({
      'requirements.txt': 'aiohttp==3.10.5\nasyncpg==0.29.0\n',
      'server.py': [
        'import os',
        'from aiohttp import web',
        '',
        'async def health(request):',
        '    return web.json_response({"ok": True})',
        '',
        'def create_app():',
        '    app = web.Application()',
        '    app.router.add_get("/healthz", health)',
        '    return app',
        '',
        'if __name__ == "__main__":',
        '    web.run_app(create_app(), host="0.0.0.0", port=int(os.environ.get("PORT", 8081)))',
        '',
      ].join('\n'),
    });
    expect(service.framework).toBe('aiohttp');
    expect(service.commands.start).toBe('python server.py');
    expect(service.port).toEqual({ value: 8081, envVar: 'PORT', bindAddress: '0.0.0.0' });
    expect(service.evidence).toContainEqual({ fact: 'framework', file: 'server.py', line: 8, note: 'app = web.Application()' });
    expect(service.health.path).toBe('/healthz');
    expect(service.backingServices.map((b) => b.kind)).toEqual(['postgres']);
  });

  it('a package module with relative imports runs with python -m, on run_app\'s default 8080', () => {
    const service = onlyService({
      'requirements.txt': 'aiohttp\n',
      'app/__init__.py': '',
      'app/main.py': 'from aiohttp import web\n\ndef create_app():\n    return web.Application()\n',
      'app/server.py': 'from aiohttp import web\nfrom .main import create_app\n\nif __name__ == "__main__":\n    web.run_app(create_app())\n',
    });
    expect(service.commands.start).toBe('python -m app.server');
    expect(service.port).toEqual({ value: 8080, envVar: null, bindAddress: '0.0.0.0' });
  });

  it('an app factory without a run script is served by gunicorn with aiohttp\'s worker', () => {
    const service = onlyService({
      'requirements.txt': 'aiohttp\ngunicorn\n',
      'app.py': 'from aiohttp import web\n\nasync def create_app():\n    app = web.Application()\n    return app\n',
    });
    expect(service.commands.start).toBe('gunicorn --worker-class aiohttp.GunicornWebWorker app:create_app --bind 0.0.0.0:$PORT');
    expect(service.port).toEqual({ value: 8000, envVar: 'PORT', bindAddress: '0.0.0.0' });
  });

  it('aiohttp used only as an HTTP client is not a web app', () => {
    const plan = planOf(testdir({
      'requirements.txt': 'aiohttp\n',
      'fetch.py': 'import aiohttp\n\nasync def fetch(url):\n    async with aiohttp.ClientSession() as session:\n        return await session.get(url)\n',
    }));
    expect(plan.services).toEqual([]);
  });
});
