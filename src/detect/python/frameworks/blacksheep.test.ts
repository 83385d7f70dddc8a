import { describe, expect, it } from 'vitest';
import { onlyService } from '../../../../test/helpers.js';

describe('BlackSheep', () => {
  it('app = Application() from blacksheep runs under the declared uvicorn', () => {
    const service = onlyService({
      'requirements.txt': 'blacksheep==2.0.7\nuvicorn==0.30.6\n',
      'app.py': 'from blacksheep import Application, get\n\napp = Application()\n\n@get("/health")\nasync def health():\n    return "ok"\n',
    });
    expect(service.framework).toBe('blacksheep');
    expect(service.commands.start).toBe('uvicorn app:app --host 0.0.0.0 --port $PORT');
    expect(service.health.path).toBe('/health');
  });
});
