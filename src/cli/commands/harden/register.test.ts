import { describe, expect, it } from 'vitest';
import { hardeningParts } from '../../../generate/security/api.js';
import { HARDENING_PART_NAMES } from './register.js';

describe('harden --help part list', () => {
  it('names every hardening part of the registry, in its order', () => {
    expect(HARDENING_PART_NAMES).toEqual([...hardeningParts.keys()]);
  });
});
