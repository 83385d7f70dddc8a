/**
 * Names the Terraform clouds (gcp, azure, hetzner) and the Helm chart give what they create, for the
 * runbooks' commands. The parts come from those families' own helpers (projectSlug, imageName,
 * secretSlug, chartDir); the compositions below mirror their HCL expressions, which the terraform
 * family builds inline (`"${local.name}-<service>"` with local.name = `<slug>-<env>`).
 */
import { createHash } from 'node:crypto';
import type { ProjectPlan, ServicePlan } from '../../plan/schema.js';
import { chartDir } from '../helm/generate.js';
import { imageName, projectSlug } from '../terraform/names.js';
import { secretSlug } from '../terraform/shared/common.js';

/** The environment every runbook command shows (the others differ only in this word). */
export const ENV = 'staging';

/** `<slug>-<env>`: the terraform roots' local.name. */
export function envName(plan: ProjectPlan, env = ENV): string {
  return `${projectSlug(plan)}-${env}`;
}

/** `<slug>-<env>-<service>`: Cloud Run service, Artifact Registry repository, Hetzner service label. */
export function serviceName(plan: ProjectPlan, service: ServicePlan, env = ENV): string {
  return `${envName(plan, env)}-${service.name}`;
}

export function image(plan: ProjectPlan, service: ServicePlan): string {
  return imageName(plan, service);
}

/** Secret Manager secret id: `<service name>-<ENV_VAR>` (gcp/service.ts `${var.name}-${each.key}`). */
export function gcpSecretId(plan: ProjectPlan, service: ServicePlan, key: string, env = ENV): string {
  return `${serviceName(plan, service, env)}-${key}`;
}

/**
 * Container App name: `${trimsuffix(substr(var.name, 0, 25), "-")}-${substr(md5(var.name), 0, 6)}`
 * (azure/service.ts), computed here the way Terraform does so `az containerapp` gets the real name.
 */
export function azureAppName(plan: ProjectPlan, service: ServicePlan, env = ENV): string {
  const full = serviceName(plan, service, env);
  const head = full.slice(0, 25);
  const trimmed = head.endsWith('-') ? head.slice(0, -1) : head;
  return `${trimmed}-${createHash('md5').update(full).digest('hex').slice(0, 6)}`;
}

export function azureResourceGroup(plan: ProjectPlan, env = ENV): string {
  return `rg-${envName(plan, env)}`;
}

/** ACR repository: `<env>/<image>` (azure/environment.ts image_name). */
export function azureRepository(plan: ProjectPlan, service: ServicePlan, env = ENV): string {
  return `${env}/${imageName(plan, service)}`;
}

/** Key Vault secret: `<secretSlug(service)>-<lowercased, dashed env var>` (azure/service.ts). */
export function azureSecretName(service: ServicePlan, key: string): string {
  return `${secretSlug(service.name)}-${key.toLowerCase().replace(/_/g, '-')}`;
}

/** The chart directory and the release / namespace names of the helm family. */
export function helmChart(plan: ProjectPlan): { dir: string; release: string; namespace: (env: string) => string } {
  const dir = chartDir({ plan, services: [], version: '' });
  const release = dir.slice(dir.lastIndexOf('/') + 1);
  return { dir, release, namespace: (env) => `${release}-${env}` };
}
