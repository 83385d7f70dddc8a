/**
 * Terraform for the plan's services, per cloud. AWS is implemented (see aws/); the other clouds the
 * issue names are refused with a usage error that says what exists, rather than writing a half
 * implementation. Every file is built as an HCL object model (hcl.ts) and serialised last.
 */
import { z } from 'zod';
import { DsqError } from '../../core/errors.js';
import type { GenerateContext, GeneratedFile } from '../types.js';
import { generateAws } from './aws/index.js';
import { projectSlug } from './names.js';

export const CLOUDS = ['aws', 'gcp', 'azure', 'hetzner'] as const;
export const IMPLEMENTED_CLOUDS: readonly string[] = ['aws'];
export const ENVIRONMENTS = ['dev', 'staging', 'production'] as const;

/** Where the Terraform tree goes, relative to the repository root. */
export const TERRAFORM_ROOT = 'deploy/terraform';

const S3_BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

export const inputs = z.object({
  /** Clouds to generate for. Only aws is implemented; the others are refused with a clear message. */
  cloud: z.array(z.enum(CLOUDS)).min(1).default(['aws']),
  /** AWS region of every environment. */
  region: z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'an AWS region such as eu-west-1').default('eu-west-1'),
  /** S3 bucket holding the Terraform state (a placeholder: create your own and set it). */
  stateBucket: z.string().regex(S3_BUCKET, 'a valid S3 bucket name').optional(),
  /** DynamoDB table that locks the state (a placeholder: create your own and set it). */
  lockTable: z.string().regex(/^[A-Za-z0-9_.-]{3,255}$/, 'a valid DynamoDB table name').optional(),
  /** Environments, one Terraform root each. */
  environments: z.array(z.enum(ENVIRONMENTS)).min(1).default([...ENVIRONMENTS]),
});
export type TerraformInputs = z.infer<typeof inputs>;

export function generate(context: GenerateContext, options: TerraformInputs): GeneratedFile[] {
  const missing = options.cloud.filter((c) => !IMPLEMENTED_CLOUDS.includes(c));
  if (missing.length > 0) {
    throw new DsqError('DSQ_ERR_CLI_USAGE', {
      detail: `Terraform for ${missing.join(', ')} is not implemented yet. Implemented: ${IMPLEMENTED_CLOUDS.join(', ')} (--cloud aws).`,
    });
  }
  const slug = projectSlug(context.plan);
  // Keep the environments in their canonical order whatever order the user listed them in.
  const environments = ENVIRONMENTS.filter((e) => options.environments.includes(e));
  return generateAws(context, {
    region: options.region,
    stateBucket: options.stateBucket ?? `change-me-${slug}-tfstate`,
    lockTable: options.lockTable ?? 'change-me-terraform-locks',
    environments,
    root: TERRAFORM_ROOT,
  });
}
