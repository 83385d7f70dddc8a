/**
 * `devsquad observe [path] [--only sentry,dashboards,slo,health,logging,alerts,otel]`: the monitoring
 * engineer's files. Same contract as generate (dry run unless --write or --out, validated before
 * anything is written, a user's edits never overwritten), over the monitoring parts' registry.
 */
import { monitoringParts } from '../../../generate/monitoring/api.js';
import type { Io } from '../../io.js';
import { prewarmTypeScriptFor } from '../../../validate/typescript-jobs.js';
import { generate, type GenerateCommandOptions } from '../generate/index.js';

export type ObserveCommandOptions = Omit<GenerateCommandOptions, 'registry' | 'prepare' | 'ci' | 'cloud' | 'platform'>;

export async function observe(options: ObserveCommandOptions, io: Io): Promise<number> {
  // Sentry, health, logging and otel code for Node services goes through TypeScript: it loads on another
  // core while this one writes the parts that need no compiler.
  return generate({ ...options, registry: monitoringParts, prepare: prewarmTypeScriptFor }, io);
}
