import { describe, expect, it } from 'vitest';
import { onlyService } from '../../../../test/helpers.js';

const HANDLERS = [
  'import tornado.ioloop',
  'import tornado.web',
  '',
  'class HealthHandler(tornado.web.RequestHandler):',
  '    def get(self):',
  '        self.write({"ok": True})',
  '',
].join('\n');

describe('Tornado', () => {
  it('app.listen(port): the script runs as it is and the port comes from the call', () => {
    const service = onlyService({
      'requirements.txt': 'tornado==6.4.1\n',
      'server.py': `${HANDLERS}\ndef make_app():\n    return tornado.web.Application([(r"/healthz", HealthHandler)])\n\nif __name__ == "__main__":\n    app = make_app()\n    app.listen(8888)\n    tornado.ioloop.IOLoop.current().start()\n`,
    });
    expect(service.framework).toBe('tornado');
    expect(service.commands.start).toBe('python server.py');
    expect(service.port.value).toBe(8888);
    expect(service.evidence).toContainEqual({ fact: 'port', file: 'server.py', line: 13, note: 'app.listen(8888)' });
    expect(service.health.path).toBe('/healthz');
  });

  it('define("port", default=…) makes --port a flag: the start command passes $PORT', () => {
    const service = onlyService({
      'requirements_mongo.txt': 'tornado\nmotor\n',
      'server.py': `${HANDLERS}from tornado.options import define, options\n\ndefine("port", default=8000, type=int, help="port")\n\napplication = tornado.web.Application([(r"/health", HealthHandler)])\n\nif __name__ == "__main__":\n    tornado.options.parse_command_line()\n    application.listen(options.port)\n    tornado.ioloop.IOLoop.current().start()\n`,
    });
    expect(service.commands.start).toBe('python server.py --port=$PORT');
    expect(service.commands.install).toBe('pip install -r requirements_mongo.txt');
    expect(service.port).toEqual({ value: 8000, envVar: 'PORT', bindAddress: null });
    expect(service.evidence).toContainEqual({ fact: 'port', file: 'server.py', line: 9, note: 'define("port", default=8000, type=int, help="port") (reads $PORT)' });
  });
});
