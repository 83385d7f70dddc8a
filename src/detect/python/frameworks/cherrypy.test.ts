import { describe, expect, it } from 'vitest';
import { onlyService } from '../../../../test/helpers.js';

const ROOT = 'import os\nimport cherrypy\n\n\nclass Root:\n    @cherrypy.expose\n    def health(self):\n        return "ok"\n\n\n';

describe('CherryPy', () => {
  it('quickstart with server.socket_port in the config dict: python app.py on that port', () => {
    const service = onlyService({
      'requirements.txt': 'CherryPy==18.10.0\n',
      'app.py': `${ROOT}if __name__ == "__main__":\n    cherrypy.config.update({\n        "server.socket_host": "0.0.0.0",\n        "server.socket_port": int(os.environ.get("PORT", 9090)),\n    })\n    cherrypy.quickstart(Root())\n`,
    });
    expect(service.framework).toBe('cherrypy');
    expect(service.commands.start).toBe('python app.py');
    expect(service.port).toEqual({ value: 9090, envVar: 'PORT', bindAddress: '0.0.0.0' });
    expect(service.evidence).toContainEqual({ fact: 'port', file: 'app.py', line: 14, note: '"server.socket_port": int(os.environ.get("PORT", 9090)),' });
  });

  it('CherryPy\'s defaults are 127.0.0.1:8080, flagged as unreachable', () => {
    const service = onlyService({ 'requirements.txt': 'cherrypy\n', 'app.py': `${ROOT}cherrypy.quickstart(Root())\n` });
    expect(service.port).toEqual({ value: 8080, envVar: null, bindAddress: '127.0.0.1' });
    expect(service.warnings.some((w) => w.includes('127.0.0.1'))).toBe(true);
  });
});
