import { describe, expect, it } from 'vitest';
import { monitoringParts } from '../../../generate/monitoring/api.js';
import { MONITORING_PART_NAMES } from './register.js';

describe('observe --help part list', () => {
  it('names every monitoring part of the registry, in its order', () => {
    expect(MONITORING_PART_NAMES).toEqual([...monitoringParts.keys()]);
  });
});
