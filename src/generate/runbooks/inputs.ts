/**
 * Typed inputs of the runbooks family (`inputs.parse({})` gives the defaults); readme.md documents them.
 * strategy/rollouts/namespace mirror the kubernetes family's inputs so the runbooks describe the
 * objects and hooks that family writes with the same values.
 */
import { z } from 'zod';

export const inputs = z.object({
  /**
   * Where the app runs: Kubernetes (the kubernetes + kustomize families), the Helm chart, Docker
   * Compose, or a terraform cloud: AWS ECS, GCP Cloud Run, Azure Container Apps, Hetzner servers.
   */
  target: z.enum(['kubernetes', 'helm', 'compose', 'aws', 'gcp', 'azure', 'hetzner']).default('kubernetes'),
  /** Same as the kubernetes input: rolling, blue-green or canary. */
  strategy: z.enum(['rolling', 'blue-green', 'canary']).default('rolling'),
  /** Same as the kubernetes input: Argo Rollouts (true) or plain Deployments (false). */
  rollouts: z.boolean().default(true),
  /** Same as the kubernetes input: namespace prefix (default: the project name). */
  namespace: z.string().regex(/^[a-z0-9]([a-z0-9-]{0,50}[a-z0-9])?$/).optional(),
  /** Same as the terraform input: AWS region. */
  region: z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/).default('eu-west-1'),
});
export type RunbooksInputs = z.infer<typeof inputs>;
