import { describe, expect, it } from 'vitest';
import { onlyService } from '../../../../test/helpers.js';

const APP = 'from emmett import App\n\napp = App(__name__)\n\n@app.route("/health")\nasync def health():\n    return "ok"\n';

describe('Emmett', () => {
  it('app = App(__name__) is served by `emmett serve` on $PORT', () => {
    const service = onlyService({ 'requirements.txt': 'emmett==2.5.13\n', 'app.py': APP });
    expect(service.framework).toBe('emmett');
    expect(service.commands.start).toBe('emmett -a app.py serve --host 0.0.0.0 --port $PORT');
    expect(service.port).toEqual({ value: 8000, envVar: 'PORT', bindAddress: '0.0.0.0' });
  });

  it('a run script through emmett-core\'s server is the start command, on its port', () => {
    const service = onlyService({
      'requirements.txt': 'emmett55[orjson]>=1.2,<1.3\n',
      'app.py': APP.replace('from emmett import App', 'from emmett55 import App'),
      'run.py': 'from emmett_core.server import run\n\nif __name__ == "__main__":\n    run("rsgi", ("app", "app"), host="0.0.0.0", port=8080, workers=2)\n',
    });
    expect(service.framework).toBe('emmett55');
    expect(service.commands.start).toBe('python run.py');
    expect(service.port).toEqual({ value: 8080, envVar: null, bindAddress: '0.0.0.0' });
  });
});
