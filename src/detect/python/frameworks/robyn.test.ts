import { describe, expect, it } from 'vitest';
import { onlyService } from '../../../../test/helpers.js';

describe('Robyn', () => {
  it('app.start(host, port=…) in the script: python app.py on that port', () => {
    const service = onlyService({
      'requirements.txt': 'robyn==0.62.0\n',
      'app.py': 'from robyn import Robyn\n\napp = Robyn(__file__)\n\n@app.get("/health")\ndef health():\n    return "ok"\n\nif __name__ == "__main__":\n    app.start(host="0.0.0.0", port=8090)\n',
    });
    expect(service.framework).toBe('robyn');
    expect(service.commands.start).toBe('python app.py');
    expect(service.port).toEqual({ value: 8090, envVar: null, bindAddress: '0.0.0.0' });
    expect(service.evidence).toContainEqual({ fact: 'port', file: 'app.py', line: 10, note: 'app.start(host="0.0.0.0", port=8090)' });
    expect(service.health.path).toBe('/health');
  });

  it('app.start() alone: Robyn\'s 127.0.0.1:8080, flagged', () => {
    const service = onlyService({ 'requirements.txt': 'robyn\n', 'main.py': 'from robyn import Robyn\napp = Robyn(__file__)\napp.start()\n' });
    expect(service.commands.start).toBe('python main.py');
    expect(service.port).toEqual({ value: 8080, envVar: null, bindAddress: '127.0.0.1' });
    expect(service.warnings.some((w) => w.includes('127.0.0.1'))).toBe(true);
  });
});
