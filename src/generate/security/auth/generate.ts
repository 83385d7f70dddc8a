/** Placeholder: the Authentication part is being built. */
import { z } from 'zod';
import type { GenerateContext, GeneratedFile } from '../../types.js';

export const inputs = z.object({});
export type AuthInputs = z.infer<typeof inputs>;

export function generate(_context: GenerateContext, _options: AuthInputs): GeneratedFile[] {
  return [];
}
