/**
 * The secrets the plan found, per service, and how each provider names them remotely. A name used by
 * several services is listed once (first service in plan order) in the example file.
 */
import { z } from 'zod';
import type { ServicePlan } from '../../../plan/schema.js';

export const PROVIDERS = ['vault', 'aws', 'gcp', 'azure', 'doppler', 'sops'] as const;
export type Provider = (typeof PROVIDERS)[number];

export const inputs = z.object({
  /** Where the secrets live: vault (default), aws, gcp, azure, doppler, sops. */
  provider: z.enum(PROVIDERS).default('vault'),
  /** Kubernetes namespace for the External Secrets manifests. */
  namespace: z.string().regex(/^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/).default('default'),
});
export type SecretsInputs = z.infer<typeof inputs>;

export interface ServiceSecrets {
  service: ServicePlan;
  names: string[];
}

export function secretsByService(services: readonly ServicePlan[]): ServiceSecrets[] {
  return services.map((service) => ({ service, names: [...new Set(service.env.filter((e) => e.secret).map((e) => e.name))].sort() }));
}

export function allSecretNames(services: readonly ServicePlan[]): string[] {
  return [...new Set(secretsByService(services).flatMap((s) => s.names))].sort();
}

/** The provider-side key of one service's secrets. */
export function remoteKey(provider: Provider, project: string, service: string, name: string): { key: string; property?: string } {
  switch (provider) {
    case 'vault':
    case 'aws':
      return { key: `${project}/${service}`, property: name };
    case 'gcp':
      return { key: `${project}-${service}-${name.toLowerCase().replace(/_/g, '-')}` };
    case 'azure':
      return { key: `${service}-${name.toLowerCase().replace(/_/g, '-')}` };
    default:
      return { key: name };
  }
}
