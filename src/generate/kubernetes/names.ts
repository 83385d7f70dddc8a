/**
 * Names shared by every Kubernetes object of a service: the image reference, labels and selectors,
 * and the container port (the one compose and the Dockerfile use).
 */
import type { ProjectPlan, ServicePlan } from '../../plan/schema.js';
import { containerPort } from '../compose/generate.js';
import { NGINX_HEALTH_PATH } from '../dockerfile/nginx.js';

/** A DNS label from any project name (repository folder names may hold dots, capitals, underscores). */
export function dnsLabel(raw: string): string {
  const label = raw.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40).replace(/-+$/, '');
  return label === '' ? 'app' : label;
}

export function projectName(plan: ProjectPlan): string {
  return dnsLabel(plan.name);
}

/** `<registry>/<project>-<service>` without the tag: the name kustomize `images:` entries match. */
export function imageName(plan: ProjectPlan, service: ServicePlan, registry: string): string {
  return `${registry.replace(/\/$/, '')}/${projectName(plan)}-${service.name}`;
}

export function imageRef(plan: ProjectPlan, service: ServicePlan, registry: string, tag: string): string {
  return `${imageName(plan, service, registry)}:${tag}`;
}

export function selectorLabels(plan: ProjectPlan, service: ServicePlan): Record<string, string> {
  return { 'app.kubernetes.io/name': service.name, 'app.kubernetes.io/part-of': projectName(plan) };
}

export function labels(plan: ProjectPlan, service: ServicePlan): Record<string, string> {
  return { ...selectorLabels(plan, service), 'app.kubernetes.io/component': service.kind };
}

/** The port the container listens on, or null (workers, servers whose port is unknown). */
export function podPort(service: ServicePlan): number | null {
  return containerPort(service);
}

/** The HTTP health path, or null for a TCP check. Static images serve nginx's built-in route. */
export function healthPath(service: ServicePlan): string | null {
  if (service.kind === 'static') return service.health.path ?? NGINX_HEALTH_PATH;
  return service.health.path;
}

/** Whether the service gets a Service (and an Ingress): it serves HTTP on a known port. */
export function serves(service: ServicePlan): boolean {
  return service.kind !== 'worker' && podPort(service) !== null;
}
