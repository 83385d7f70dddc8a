// Placeholder until the Docker Compose generator lands in this session.
import { z } from 'zod';
import type { GenerateContext, GeneratedFile } from '../types.js';

export const inputs = z.object({});
export type ComposeInputs = z.infer<typeof inputs>;

export function generate(_context: GenerateContext, _inputs: ComposeInputs): GeneratedFile[] {
  return [];
}
