/**
 * `devsquad harden [path] [--only headers,rate-limit,secrets,auth]`: the security engineer's fixes,
 * written for the detected framework and for the edge. Same contract as generate (dry run unless
 * --write or --out, validated before anything is written, a user's edits never overwritten), over
 * the hardening parts' registry.
 */
import { hardeningParts } from '../../../generate/security/api.js';
import type { Io } from '../../io.js';
import { generate, type GenerateCommandOptions } from '../generate/index.js';

export type HardenCommandOptions = Omit<GenerateCommandOptions, 'registry' | 'ci' | 'cloud' | 'platform'>;

export async function harden(options: HardenCommandOptions, io: Io): Promise<number> {
  return generate({ ...options, registry: hardeningParts }, io);
}
