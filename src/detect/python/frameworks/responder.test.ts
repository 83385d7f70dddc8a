import { describe, expect, it } from 'vitest';
import { onlyService } from '../../../../test/helpers.js';

describe('Responder', () => {
  it('api = responder.API() runs under uvicorn, which Responder brings', () => {
    const service = onlyService({
      'requirements.txt': 'responder==2.0.7\n',
      'api.py': 'import responder\n\napi = responder.API()\n\n@api.route("/health")\ndef health(req, resp):\n    resp.media = {"ok": True}\n',
    });
    expect(service.framework).toBe('responder');
    expect(service.commands.start).toBe('uvicorn api:api --host 0.0.0.0 --port $PORT');
    expect(service.warnings.filter((w) => w.includes('ASGI'))).toEqual([]);
  });
});
