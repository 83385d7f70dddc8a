/**
 * Names shared by every Ansible file: the project slug (compose project, /opt directory, systemd
 * unit), the image name of a service (`<project>-<service>`, as compose names it) and the fact file
 * that remembers the previous release for rollback.yml.
 */
import type { ProjectPlan, ServicePlan } from '../../plan/schema.js';
import { serviceName } from '../../plan/service.js';

/** The repository name as a DNS-label-safe slug (the compose project name). */
export function projectSlug(plan: ProjectPlan): string {
  return serviceName(plan.name);
}

/** The image a service runs: `<project>-<service>`, or `<project>` when they share the name (as compose does). */
export function imageName(plan: ProjectPlan, service: ServicePlan): string {
  const project = projectSlug(plan);
  return service.name === project ? project : `${project}-${service.name}`;
}

/** An identifier usable as an Ansible variable or fact name. */
export function ident(name: string): string {
  const out = name.toLowerCase().replace(/[^a-z0-9_]+/g, '_').replace(/^_+|_+$/g, '');
  return /^[a-z_]/.test(out) ? out : `_${out}`;
}

/** The Ansible Vault variable that carries an env var's secret value: DATABASE_URL → vault_database_url. */
export function vaultVar(envName: string): string {
  return `vault_${ident(envName)}`;
}

/** Directory generated files go to. */
export const ROOT = 'deploy/ansible';
