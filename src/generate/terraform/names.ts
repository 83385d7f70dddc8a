/**
 * Names shared by every Terraform file: the project slug AWS resource names start with, the image
 * name (`<project>-<service>`, the same for every cloud) and HCL identifiers for plan services.
 */
import type { ProjectPlan, ServicePlan } from '../../plan/schema.js';

/** Longest slug: leaves room for `-production-<service>` inside AWS's 63-character names. */
const SLUG_MAX = 24;

/**
 * The repository folder name as an AWS-safe slug: lowercase letters, digits and single dashes,
 * starting with a letter (RDS, ElastiCache and ALB names require that).
 */
export function projectSlug(plan: ProjectPlan): string {
  const slug = plan.name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  const lettered = /^[a-z]/.test(slug) ? slug : `app-${slug}`.replace(/-$/, '');
  return lettered.slice(0, SLUG_MAX).replace(/-+$/, '');
}

/** The container image name for a service: `<project>-<service>`. */
export function imageName(plan: ProjectPlan, service: ServicePlan): string {
  return `${projectSlug(plan)}-${service.name}`;
}

/** An HCL identifier for a plan service (module "service_api", output "api_url"). */
export function hclIdent(name: string): string {
  return name.replace(/[^A-Za-z0-9_]/g, '_');
}
