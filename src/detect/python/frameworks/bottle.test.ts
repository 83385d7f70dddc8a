import { describe, expect, it } from 'vitest';
import { onlyService } from '../../../../test/helpers.js';

const APP = 'import os\nfrom bottle import Bottle, run\n\napp = Bottle()\n\n@app.route("/health")\ndef health():\n    return {"ok": True}\n';

describe('Bottle', () => {
  it('app = Bottle() with gunicorn declared: gunicorn app:app, and gunicorn_conf.py decides the port', () => {
    const service = onlyService({
      'requirements.txt': 'bottle==0.12.25\ngunicorn==22.0.0\n',
      'app.py': APP,
      'gunicorn_conf.py': 'import multiprocessing\n\nworkers = multiprocessing.cpu_count() * 2\nbind = "0.0.0.0:8080"\nkeepalive = 120\n',
    });
    expect(service.framework).toBe('bottle');
    expect(service.commands.start).toBe('gunicorn --config gunicorn_conf.py app:app');
    expect(service.port).toEqual({ value: 8080, envVar: null, bindAddress: '0.0.0.0' });
    expect(service.evidence).toContainEqual({ fact: 'port', file: 'gunicorn_conf.py', line: 4, note: 'bind = "0.0.0.0:8080"' });
    expect(service.health.path).toBe('/health');
  });

  it('without a WSGI server, the script\'s run(…) starts it on the port it names', () => {
    const service = onlyService({
      'requirements.txt': 'bottle\n',
      'app.py': `${APP}\nif __name__ == "__main__":\n    run(app, host="0.0.0.0", port=int(os.environ.get("PORT", 8080)))\n`,
    });
    expect(service.commands.start).toBe('python app.py');
    expect(service.port).toEqual({ value: 8080, envVar: 'PORT', bindAddress: '0.0.0.0' });
  });
});
