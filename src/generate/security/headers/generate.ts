/** Placeholder: the Security headers part is being built. */
import { z } from 'zod';
import type { GenerateContext, GeneratedFile } from '../../types.js';

export const inputs = z.object({});
export type HeadersInputs = z.infer<typeof inputs>;

export function generate(_context: GenerateContext, _options: HeadersInputs): GeneratedFile[] {
  return [];
}
