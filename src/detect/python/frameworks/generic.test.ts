import { describe, expect, it } from 'vitest';
import { onlyService, planOf, testdir } from '../../../../test/helpers.js';

describe('any WSGI / ASGI app beside a declared server', () => {
  it('def application(environ, start_response) with gunicorn: gunicorn hello:application', () => {
    const service = onlyService({
      'requirements.txt': 'gunicorn==23.0.0\n',
      'hello.py': 'def application(environ, start_response):\n    start_response("200 OK", [("Content-Type", "text/plain")])\n    return [b"hello"]\n',
    });
    expect(service.framework).toBe('wsgi');
    expect(service.commands.start).toBe('gunicorn hello:application --bind 0.0.0.0:$PORT');
    expect(service.evidence).toContainEqual({ fact: 'framework', file: 'hello.py', line: 1, note: 'def application(environ, start_response): (WSGI app; gunicorn is a dependency)' });
  });

  it('async def app(scope, receive, send) with uvicorn: uvicorn main:app', () => {
    const service = onlyService({
      'requirements.txt': 'uvicorn==0.30.6\n',
      'main.py': 'async def app(scope, receive, send):\n    await send({"type": "http.response.start", "status": 200, "headers": []})\n    await send({"type": "http.response.body", "body": b"ok"})\n',
    });
    expect(service.framework).toBe('asgi');
    expect(service.commands.start).toBe('uvicorn main:app --host 0.0.0.0 --port $PORT');
  });

  it('app = Framework() of an unknown framework is named after its package; the gunicorn config decides the port', () => {
    const service = onlyService({
      'requirements.txt': 'heaven==0.2.4\ngunicorn==22.0.0\nuvicorn==0.29.0\n',
      'app.py': 'from heaven import Application\n\napp = Application()\n\nasync def hello(req, res, ctx):\n    res.body = "hi"\n\napp.GET("/", hello)\n',
      'service_conf.py': 'workers = 4\nbind = "0.0.0.0:8080"\nworker_class = "uvicorn.workers.UvicornWorker"\nkeepalive = 120\n',
    });
    expect(service.framework).toBe('heaven');
    expect(service.commands.start).toBe('gunicorn --config service_conf.py app:app');
    expect(service.port).toEqual({ value: 8080, envVar: null, bindAddress: '0.0.0.0' });
  });

  it('a TurboGears app object is named after the framework it imports', () => {
    const service = onlyService({
      'requirements.txt': 'TurboGears2==2.4.3\ngunicorn==22.0.0\n',
      'app.py': 'from tg import expose, TGController, AppConfig\n\nclass RootController(TGController):\n    @expose()\n    def index(self):\n        return "hi"\n\nconfig = AppConfig(minimal=True, root_controller=RootController())\napplication = config.make_wsgi_app()\n',
    });
    expect(service.framework).toBe('turbogears');
    expect(service.commands.start).toBe('gunicorn app:application --bind 0.0.0.0:$PORT');
  });

  it('a CLI app (app = typer.Typer()) beside uvicorn is not a web app', () => {
    const plan = planOf(testdir({
      'requirements.txt': 'typer\nuvicorn\n',
      'cli.py': 'import typer\n\napp = typer.Typer()\n\n@app.command()\ndef serve():\n    pass\n',
    }));
    expect(plan.services).toEqual([]);
  });

  it('no app server declared: not a service', () => {
    const plan = planOf(testdir({ 'requirements.txt': 'requests\n', 'hello.py': 'def application(environ, start_response):\n    return [b"x"]\n' }));
    expect(plan.services).toEqual([]);
  });
});
