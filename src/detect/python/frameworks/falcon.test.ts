import { describe, expect, it } from 'vitest';
import { onlyService } from '../../../../test/helpers.js';

const RESOURCE = 'class Health:\n    def on_get(self, req, resp):\n        resp.media = {"ok": True}\n\n';

describe('Falcon', () => {
  it('wsgi = app = falcon.App() is a WSGI app for the declared gunicorn', () => {
    const service = onlyService({
      'requirements.txt': 'falcon==3.1.3\ngunicorn==22.0.0\n',
      'app.py': `import falcon\n\n${RESOURCE}wsgi = app = falcon.App()\napp.add_route("/healthz", Health())\n`,
    });
    expect(service.framework).toBe('falcon');
    expect(service.commands.start).toBe('gunicorn app:app --bind 0.0.0.0:$PORT');
    expect(service.port).toEqual({ value: 8000, envVar: 'PORT', bindAddress: '0.0.0.0' });
    expect(service.evidence).toContainEqual({ fact: 'framework', file: 'app.py', line: 7, note: 'wsgi = app = falcon.App()' });
    expect(service.health.path).toBe('/healthz');
  });

  it('falcon.asgi.App() is served by uvicorn', () => {
    const service = onlyService({
      'requirements.txt': 'falcon\nuvicorn[standard]\n',
      'api/main.py': `import falcon.asgi\n\n${RESOURCE}app = falcon.asgi.App()\n`,
      'api/__init__.py': '',
    });
    expect(service.commands.start).toBe('uvicorn api.main:app --host 0.0.0.0 --port $PORT');
  });

  it('no WSGI server declared: gunicorn with a warning to add it', () => {
    const service = onlyService({ 'requirements.txt': 'falcon\n', 'app.py': 'import falcon\napp = falcon.App()\n' });
    expect(service.commands.start).toBe('gunicorn app:app --bind 0.0.0.0:$PORT');
    expect(service.warnings.some((w) => w.includes('add gunicorn'))).toBe(true);
  });
});
