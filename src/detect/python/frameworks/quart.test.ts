import { describe, expect, it } from 'vitest';
import { onlyService } from '../../../../test/helpers.js';

describe('Quart', () => {
  it('app = Quart(__name__) runs under hypercorn, which Quart brings', () => {
    const service = onlyService({
      'requirements.txt': 'quart==0.19.6\n',
      'app.py': 'from quart import Quart\n\napp = Quart(__name__)\n\n@app.route("/health")\nasync def health():\n    return {"ok": True}\n\nif __name__ == "__main__":\n    app.run()\n',
    });
    expect(service.framework).toBe('quart');
    expect(service.commands.start).toBe('hypercorn app:app --bind 0.0.0.0:$PORT');
    expect(service.port).toEqual({ value: 8000, envVar: 'PORT', bindAddress: '0.0.0.0' });
    expect(service.warnings.filter((w) => w.includes('server'))).toEqual([]);
  });

  it('a hypercorn config file beside it gives the bind and the port', () => {
    const service = onlyService({
      'requirements.txt': 'quart\nhypercorn\nuvicorn\n',
      'app.py': 'from quart import Quart\napp = Quart(__name__)\n',
      'hypercorn_conf.py': 'workers = 4\nbind = ["0.0.0.0:8080"]\nworker_class = "uvloop"\n',
    });
    expect(service.commands.start).toBe('hypercorn --config file:hypercorn_conf.py app:app');
    expect(service.port).toEqual({ value: 8080, envVar: null, bindAddress: '0.0.0.0' });
    expect(service.evidence).toContainEqual({ fact: 'port', file: 'hypercorn_conf.py', line: 2, note: 'bind = ["0.0.0.0:8080"]' });
  });
});
