/**
 * Which services call which: an env var named after another service (`USERS_API_URL`,
 * `AUTH_SERVICE_HOST`) or a URL default pointing at its name makes a dependency. This is what
 * compose `depends_on` and Kubernetes wiring read.
 */
import type { ServicePlan } from './schema.js';
import { addEvidence } from './service.js';

export function linkServiceDependencies(services: ServicePlan[]): void {
  if (services.length < 2) return;
  for (const service of services) {
    for (const env of service.env) {
      if (!/(_URL|_URI|_HOST|_ADDR|_ADDRESS|_ENDPOINT|_BASE_URL)$/.test(env.name)) continue;
      const stem = env.name.replace(/_(BASE_URL|URL|URI|HOST|ADDR|ADDRESS|ENDPOINT)$/, '').toLowerCase().replace(/_/g, '-');
      for (const other of services) {
        if (other === service || service.dependsOn.includes(other.name)) continue;
        const names = [other.name, other.name.replace(/-(service|svc|server|app)$/, '')];
        const viaName = names.some((n) => stem === n || stem === `${n}-service` || stem === `${n}-api` && n !== 'api' || stem === `${n}-svc`);
        const viaDefault = env.default !== null && new RegExp(`//${other.name}(:|/|$)`).test(env.default);
        if (viaName || viaDefault) {
          service.dependsOn.push(other.name);
          addEvidence(service, `dependsOn:${other.name}`, '(plan)', `${env.name} points at service ${other.name}`);
        }
      }
    }
    service.dependsOn.sort();
  }
}
