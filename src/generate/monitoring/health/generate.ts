/** Placeholder: the Health family is being built. */
import { z } from 'zod';
import type { GenerateContext, GeneratedFile } from '../../types.js';

export const inputs = z.object({});
export type HealthInputs = z.infer<typeof inputs>;

export function generate(_context: GenerateContext, _options: HealthInputs): GeneratedFile[] {
  return [];
}
