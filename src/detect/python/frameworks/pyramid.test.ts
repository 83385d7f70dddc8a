import { describe, expect, it } from 'vitest';
import { onlyService } from '../../../../test/helpers.js';

const PACKAGE = [
  'from pyramid.config import Configurator',
  'from pyramid.view import view_config',
  '',
  '@view_config(route_name="health", renderer="json")',
  'def health(request):',
  '    return {"ok": True}',
  '',
  'def main(global_config, **settings):',
  '    with Configurator(settings=settings) as config:',
  '        config.add_route("health", "/health")',
  '        config.scan()',
  '    return config.make_wsgi_app()',
  '',
].join('\n');

const INI = '[app:main]\nuse = egg:shop\n\n[server:main]\nuse = egg:waitress#main\nlisten = *:6543\n';

describe('Pyramid', () => {
  it('a wsgi.py that loads the PasteDeploy app is served by gunicorn', () => {
    const service = onlyService({
      'requirements.txt': 'pyramid==2.0.2\ngunicorn==22.0.0\n',
      'shop/__init__.py': PACKAGE,
      'production.ini': INI,
      'wsgi.py': 'from paste.deploy import loadapp\n\napp = loadapp("config:production.ini", relative_to=".")\n',
    });
    expect(service.framework).toBe('pyramid');
    expect(service.commands.start).toBe('gunicorn wsgi:app --bind 0.0.0.0:$PORT');
  });

  it('only an ini file: pserve on the [server:main] port when gunicorn is not declared', () => {
    const service = onlyService({
      'setup.py': 'from setuptools import setup\nsetup(name="shop", install_requires=["pyramid", "waitress"])\n',
      'shop/__init__.py': PACKAGE,
      'production.ini': INI,
    });
    expect(service.commands.start).toBe('pserve production.ini');
    expect(service.port).toEqual({ value: 6543, envVar: null, bindAddress: '0.0.0.0' });
    expect(service.evidence).toContainEqual({ fact: 'port', file: 'production.ini', line: 6, note: 'listen = *:6543' });
  });

  it('an ini file and gunicorn: gunicorn --paste', () => {
    const service = onlyService({ 'requirements.txt': 'pyramid\ngunicorn\n', 'shop/__init__.py': PACKAGE, 'production.ini': INI });
    expect(service.commands.start).toBe('gunicorn --paste production.ini --bind 0.0.0.0:$PORT');
  });
});
