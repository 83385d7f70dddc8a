/**
 * The slo part's numbers users rely on: burn-rate factors (the workbook's for 30 days, computed for
 * other windows), allowed downtime, SLIs per service kind, and inputs that must fail loudly.
 */
import { describe, expect, it } from 'vitest';
import { onlyService, planOf, testdir } from '../../../../test/helpers.js';
import { BURN_RATE_ALERTS, allowedDowntime, burnFactor } from './burn-rate.js';
import { generate, inputs } from './generate.js';
import { leMatcher, slisFor } from './sli.js';

const factors = (window: string): number[] => BURN_RATE_ALERTS.map((a) => burnFactor(a, window));

describe('burn-rate factors', () => {
  it('are 14.4, 6, 3 and 1 for a 30-day window', () => expect(factors('30d')).toEqual([14.4, 6, 3, 1]));
  it('keep the consumed-budget fractions for other windows', () => {
    expect(factors('28d')).toEqual([13.44, 5.6, 2.8, 0.933]);
    expect(factors('7d')).toEqual([3.36, 1.4, 0.7, 0.233]);
  });
});

describe('allowed downtime', () => {
  it('is 43m 12s for 99.9% over 30 days and 1h 40m per week at 99% (two units shown)', () => {
    expect(allowedDowntime(99.9, 720)).toBe('43m 12s');
    expect(allowedDowntime(99, 168)).toBe('1h 40m');
  });
});

describe('SLIs', () => {
  const server = (): ReturnType<typeof onlyService> => onlyService({ 'package.json': { name: 'api', dependencies: { express: '4.21.2' } }, 'server.js': "const app = require('express')();\napp.listen(3000);\n" });

  it('gives a server availability and latency on the contract metric', () => {
    const slis = slisFor(server(), inputs.parse({ latencyThreshold: 0.25 }));
    expect(slis.map((s) => s.kind)).toEqual(['availability', 'latency']);
    expect(slis[0]!.errorRatio('5m')).toContain('http_response_status_code=~"5.."');
    expect(slis[1]!.errorRatio('1h')).toContain('http_server_request_duration_seconds_bucket{service="api", le=~"0\\\\.25"}[1h]');
  });

  it('matches integer bucket bounds as clients write them (1 and 1.0)', () => {
    expect(leMatcher(1)).toBe('~1(\\\\.0)?');
  });

  it('rejects a latency threshold that is not a bucket bound, and a window out of range', () => {
    expect(inputs.safeParse({ latencyThreshold: 0.3 }).success).toBe(false);
    expect(inputs.safeParse({ window: '3d' }).success).toBe(false);
    expect(inputs.safeParse({ objective: 100 }).success).toBe(false);
  });
});

describe('generate', () => {
  it('writes nothing for a static site', () => {
    const plan = planOf(testdir({ 'index.html': '<h1>hi</h1>\n' }));
    expect(generate({ plan, services: plan.services, version: 't' }, inputs.parse({}))).toEqual([]);
  });
});
