/** Image names, in one place so every CI provider (and the docs) agree. */
import type { ProjectPlan, ServicePlan } from '../../plan/schema.js';

/** `<plan.name>-<service.name>`, lowercased and made safe for a registry repository path. */
export function imageName(plan: ProjectPlan, service: ServicePlan): string {
  const project = plan.name.toLowerCase().replace(/[^a-z0-9._-]+/g, '-').replace(/^[^a-z0-9]+|[^a-z0-9]+$/g, '');
  return project ? `${project}-${service.name}` : service.name;
}
