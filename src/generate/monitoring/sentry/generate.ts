/** Placeholder: the Sentry family is being built. */
import { z } from 'zod';
import type { GenerateContext, GeneratedFile } from '../../types.js';

export const inputs = z.object({});
export type SentryInputs = z.infer<typeof inputs>;

export function generate(_context: GenerateContext, _options: SentryInputs): GeneratedFile[] {
  return [];
}
