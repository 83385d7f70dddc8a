import { describe, expect, it } from 'vitest';
import { inContext, numericVersion, planProbe, programArgs } from './compiled.js';
import { options, plan } from './compiled-testing.js';

describe('compiled-stack helpers', () => {
  it('reads the numeric part of versions written many ways', () => {
    expect(numericVersion('1.23')).toBe('1.23');
    expect(numericVersion('go1.22.5')).toBe('1.22.5');
    expect(numericVersion('net8.0', 2)).toBe('8.0');
    expect(numericVersion('v21.0.2', 1)).toBe('21');
    expect(numericVersion('stable')).toBeNull();
  });

  it('maps repo paths into the build context', () => {
    expect(inContext('', 'services/api')).toBe('services/api');
    expect(inContext('services/api', 'services/api')).toBe('.');
    expect(inContext('backend', 'backend/libs/core')).toBe('libs/core');
  });

  it('keeps the arguments of the built program and fixes $PORT, but not a toolchain runner\'s', () => {
    const notes: string[] = [];
    const service = plan('go', '1.23', { port: { value: 8080 }, commands: { start: './bin/api serve --addr ":${PORT}"' } });
    expect(programArgs(service, 'api', notes)).toEqual(['serve', '--addr', ':8080']);
    expect(notes.join('\n')).toMatch(/fixed to 8080/);
    expect(programArgs(plan('go', '1.23', { commands: { start: 'go run ./cmd/api' } }), 'api', [])).toEqual([]);
  });

  it('leaves CMD out with a note when the arguments need a shell (the runtime has none)', () => {
    const notes: string[] = [];
    const service = plan('rust', '1.83', { port: { value: 3000 }, commands: { start: 'api serve --db $DATABASE_URL' } });
    expect(programArgs(service, 'api', notes)).toEqual([]);
    expect(notes.join('\n')).toMatch(/needs a shell/);
  });

  it('uses the image\'s own tools before copying busybox', () => {
    const service = plan('go', '1.23', { port: { value: 8080 }, health: { path: '/health' } });
    expect(planProbe(service, options(), { curl: true }).healthcheck).toContain('CMD ["curl", "-fsS", "-o", "/dev/null", "http://127.0.0.1:8080/health"]');
    expect(planProbe(service, options(), { curl: true }).stage).toBeNull();
    const bare = planProbe(service, options(), {});
    expect(bare.arg).toBe('ARG BUSYBOX_VERSION=1.37');
    expect(bare.copy).toBe('COPY --from=probe /bin/busybox /usr/local/bin/wget');
  });

  it('uses the plan\'s healthcheck timings', () => {
    const service = plan('go', '1.23', { port: { value: 8080 }, health: { path: '/health' } });
    const probe = planProbe(service, options({ healthcheck: { interval: '10s', timeout: '2s', retries: 5, startPeriod: '1m' } }), { wget: true });
    expect(probe.healthcheck).toMatch(/^HEALTHCHECK --interval=10s --timeout=2s --start-period=1m --retries=5 \\/);
  });
});
