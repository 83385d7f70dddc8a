/**
 * Inputs of the platform family. Flat (the CLI sets them as `--input platform.awsRegion=…`), each
 * with a default. Account and project ids default to `${…}` placeholders that `envsubst` fills at
 * deploy time, so no file carries a made-up id that looks real.
 */
import { z } from 'zod';
import { PLATFORMS } from './common.js';

export const inputs = z.object({
  /**
   * Platforms to write for. Unset or empty: every platform that can run at least one of the
   * selected services (Vercel and Cloudflare only for the stacks they host; the container
   * platforms for every service with an image).
   */
  platforms: z.array(z.enum(PLATFORMS)).default([]),
  /** Environment name in resource names and secret paths (matches the Terraform environments). */
  environment: z.string().regex(/^[a-z][a-z0-9-]{0,15}$/).default('production'),
  /** Image tag every file deploys; the default placeholder is filled by `envsubst` in CI. */
  imageTag: z.string().min(1).default('${IMAGE_TAG}'),
  awsRegion: z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'an AWS region such as eu-west-1').default('eu-west-1'),
  awsAccountId: z.string().regex(/^(\d{12}|\$\{[A-Z_]+\})$/, 'a 12-digit account id or a ${VAR} placeholder').default('${AWS_ACCOUNT_ID}'),
  gcpRegion: z.string().regex(/^[a-z]+-[a-z]+\d$/, 'a GCP region such as europe-west1').default('europe-west1'),
  gcpProjectId: z.string().regex(/^([a-z][a-z0-9-]{4,28}[a-z0-9]|\$\{[A-Z_]+\})$/).default('${GCP_PROJECT_ID}'),
  /** Artifact Registry repository the Cloud Run images live in. */
  gcpRepository: z.string().regex(/^[a-z][a-z0-9-]{0,62}$/).default('apps'),
  /** Fly.io primary region (three-letter code). */
  flyRegion: z.string().regex(/^[a-z]{3}$/).default('ams'),
  /** Render region. */
  renderRegion: z.enum(['oregon', 'ohio', 'virginia', 'frankfurt', 'singapore']).default('frankfurt'),
  /** Render instance type of every service and data store. */
  renderPlan: z.enum(['free', 'starter', 'standard', 'pro']).default('starter'),
  /** Cloudflare Workers compatibility date (fixed, so output is reproducible). */
  compatibilityDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).default('2025-01-15'),
});
export type PlatformInputs = z.infer<typeof inputs>;
