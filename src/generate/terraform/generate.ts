/**
 * Terraform for the plan's services, per cloud: AWS (aws/), Google Cloud (gcp/), Azure (azure/) and
 * Hetzner Cloud (hetzner/). AWS keeps the top of deploy/terraform/ (where it has always been); every
 * other cloud writes under deploy/terraform/<cloud>/, so any combination of clouds yields disjoint
 * paths. Every file is built as an HCL object model (hcl.ts) and serialised last.
 */
import { z } from 'zod';
import { DsqError } from '../../core/errors.js';
import type { GenerateContext, GeneratedFile } from '../types.js';
import { generateAws } from './aws/index.js';
import { generateAzure } from './azure/index.js';
import { generateGcp } from './gcp/index.js';
import { generateHetzner } from './hetzner/index.js';
import { projectSlug } from './names.js';

export const CLOUDS = ['aws', 'gcp', 'azure', 'hetzner'] as const;
export const IMPLEMENTED_CLOUDS: readonly string[] = ['aws', 'gcp', 'azure', 'hetzner'];
export const ENVIRONMENTS = ['dev', 'staging', 'production'] as const;

/** Where the Terraform tree goes, relative to the repository root. */
export const TERRAFORM_ROOT = 'deploy/terraform';

const S3_BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

export const inputs = z.object({
  /** Clouds to generate for. */
  cloud: z.array(z.enum(CLOUDS)).min(1).default(['aws']),
  /** AWS region of every environment. */
  region: z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'an AWS region such as eu-west-1').default('eu-west-1'),
  /** Bucket holding the Terraform state: S3 (aws), GCS (gcp), Object Storage (hetzner). A placeholder: create your own and set it. */
  stateBucket: z.string().regex(S3_BUCKET, 'a valid S3 bucket name').optional(),
  /** DynamoDB table that locks the state (a placeholder: create your own and set it). */
  lockTable: z.string().regex(/^[A-Za-z0-9_.-]{3,255}$/, 'a valid DynamoDB table name').optional(),
  /** Google Cloud region. */
  gcpRegion: z.string().regex(/^[a-z]+-[a-z]+\d+$/, 'a Google Cloud region such as europe-west1').default('europe-west1'),
  /** Google Cloud project id; without it Terraform asks for var.project_id. */
  gcpProject: z.string().regex(/^[a-z][a-z0-9-]{4,28}[a-z0-9]$/, 'a Google Cloud project id (6-30 lowercase letters, digits, dashes)').optional(),
  /** Azure location (region). */
  azureLocation: z.string().regex(/^[a-z][a-z0-9]{2,30}$/, 'an Azure location such as westeurope').default('westeurope'),
  /** Azure subscription id; without it Terraform asks for var.subscription_id. */
  azureSubscriptionId: z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, 'an Azure subscription id (a lowercase GUID)').optional(),
  /** Resource group of the Azure state storage account (a placeholder). */
  azureStateResourceGroup: z.string().regex(/^[A-Za-z0-9._()-]{1,89}[A-Za-z0-9_()-]$/, 'an Azure resource group name').default('change-me-tfstate'),
  /** Storage account of the Azure state (a placeholder: 3-24 lowercase letters and digits). */
  azureStateStorageAccount: z.string().regex(/^[a-z0-9]{3,24}$/, 'an Azure storage account name (3-24 lowercase letters and digits)').optional(),
  /** Hetzner Cloud location. */
  hetznerLocation: z.enum(['fsn1', 'nbg1', 'hel1', 'ash', 'hil', 'sin']).default('fsn1'),
  /** S3-compatible endpoint of the Hetzner state bucket (Hetzner Object Storage by default). */
  hetznerStateEndpoint: z.string().regex(/^https:\/\/[a-z0-9.-]+(:\d+)?$/, 'an https:// endpoint such as https://fsn1.your-objectstorage.com').default('https://fsn1.your-objectstorage.com'),
  /** Environments, one Terraform root each. */
  environments: z.array(z.enum(ENVIRONMENTS)).min(1).default([...ENVIRONMENTS]),
});
export type TerraformInputs = z.infer<typeof inputs>;

export function generate(context: GenerateContext, options: TerraformInputs): GeneratedFile[] {
  const missing = options.cloud.filter((c) => !IMPLEMENTED_CLOUDS.includes(c));
  if (missing.length > 0) {
    throw new DsqError('DSQ_ERR_CLI_USAGE', {
      detail: `Terraform for ${missing.join(', ')} is not implemented yet. Implemented: ${IMPLEMENTED_CLOUDS.join(', ')}.`,
    });
  }
  const slug = projectSlug(context.plan);
  // Keep the environments in their canonical order whatever order the user listed them in.
  const environments = ENVIRONMENTS.filter((e) => options.environments.includes(e));
  const stateBucket = options.stateBucket ?? `change-me-${slug}-tfstate`;
  const out: GeneratedFile[] = [];
  // Canonical cloud order, each cloud once, whatever the user listed.
  for (const cloud of CLOUDS.filter((c) => options.cloud.includes(c))) {
    if (cloud === 'aws') {
      out.push(...generateAws(context, { region: options.region, stateBucket, lockTable: options.lockTable ?? 'change-me-terraform-locks', environments, root: TERRAFORM_ROOT }));
    } else if (cloud === 'gcp') {
      out.push(...generateGcp(context, { region: options.gcpRegion, projectId: options.gcpProject, stateBucket, environments, root: TERRAFORM_ROOT }));
    } else if (cloud === 'azure') {
      out.push(...generateAzure(context, {
        location: options.azureLocation,
        subscriptionId: options.azureSubscriptionId,
        stateResourceGroup: options.azureStateResourceGroup,
        stateStorageAccount: options.azureStateStorageAccount ?? 'changemetfstate',
        environments,
        root: TERRAFORM_ROOT,
      }));
    } else {
      out.push(...generateHetzner(context, { location: options.hetznerLocation, stateBucket, stateEndpoint: options.hetznerStateEndpoint, environments, root: TERRAFORM_ROOT }));
    }
  }
  return out;
}
