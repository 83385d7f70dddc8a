import { describe, expect, it } from 'vitest';
import { onlyService } from '../../../../test/helpers.js';

const APP = [
  'import os',
  'from sanic import Sanic',
  'from sanic.response import json',
  '',
  'app = Sanic("orders")',
  '',
  '@app.get("/health")',
  'async def health(request):',
  '    return json({"ok": True})',
  '',
].join('\n');

describe('Sanic', () => {
  it('app.run(host, port) in the __main__ block: the script is the start command, on its port', () => {
    const service = onlyService({
      'requirements.txt': 'sanic==24.6.0\n',
      'server.py': `${APP}\nif __name__ == "__main__":\n    app.run("0.0.0.0", 8001, access_log=False)\n`,
    });
    expect(service.framework).toBe('sanic');
    expect(service.commands.start).toBe('python server.py');
    expect(service.port).toEqual({ value: 8001, envVar: null, bindAddress: '0.0.0.0' });
    expect(service.evidence).toContainEqual({ fact: 'port', file: 'server.py', line: 12, note: 'app.run("0.0.0.0", 8001, access_log=False)' });
    expect(service.health.path).toBe('/health');
  });

  it('app.run() with Sanic\'s defaults listens on 127.0.0.1:8000: flagged', () => {
    const service = onlyService({ 'requirements.txt': 'sanic\n', 'server.py': `${APP}\nif __name__ == "__main__":\n    app.run()\n` });
    expect(service.port).toEqual({ value: 8000, envVar: null, bindAddress: '127.0.0.1' });
    expect(service.warnings.some((w) => w.includes('127.0.0.1'))).toBe(true);
  });

  it('without a run call, the Sanic CLI serves the app on $PORT', () => {
    const service = onlyService({ 'requirements.txt': 'sanic\n', 'server.py': APP });
    expect(service.commands.start).toBe('sanic server:app --host 0.0.0.0 --port $PORT');
    expect(service.port).toEqual({ value: 8000, envVar: 'PORT', bindAddress: '0.0.0.0' });
  });
});
