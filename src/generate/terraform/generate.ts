// Placeholder: the Terraform generator is being written in this session.
import { z } from 'zod';
import type { GenerateContext, GeneratedFile } from '../types.js';

export const inputs = z.object({});
export type TerraformInputs = z.infer<typeof inputs>;

export function generate(_context: GenerateContext, _inputs: TerraformInputs): GeneratedFile[] {
  return [];
}
