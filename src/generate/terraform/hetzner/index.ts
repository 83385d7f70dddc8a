/**
 * Hetzner Cloud: modules (network, service; data when a service needs a database or Redis) and one
 * root per environment, under deploy/terraform/hetzner/. Module files do not depend on the plan;
 * roots carry every plan fact.
 */
import type { ServicePlan } from '../../../plan/schema.js';
import type { GenerateContext, GeneratedFile } from '../../types.js';
import { headerComment } from '../../types.js';
import { dataNeeds, serviceFacts, type DataNeeds } from '../aws/facts.js';
import type { EnvironmentName } from '../aws/environment.js';
import { evidenceOf, moduleToFiles } from '../shared/common.js';
import { hetznerDataModule, hetznerNetworkModule } from './data.js';
import { hetznerEnvironmentRoot } from './environment.js';
import { hetznerReadme } from './readme.js';
import { hetznerServiceModule } from './service.js';

export interface HetznerOptions {
  location: string;
  stateBucket: string;
  stateEndpoint: string;
  environments: readonly EnvironmentName[];
  root: string;
}

function dataNotes(needs: DataNeeds): string[] {
  const stores = [needs.engine, needs.redis ? 'redis' : null].filter(Boolean).join(' and ');
  return stores ? [`${stores} as containers on one data server with a Hetzner volume (no managed databases on Hetzner Cloud): schedule volume snapshots or dumps yourself`] : [];
}

function serviceNotes(service: ServicePlan, needs: DataNeeds): string[] {
  const facts = serviceFacts(service, needs);
  if (facts.port === null) return [`${service.name}: a worker on its own servers, no load balancer`];
  const check = service.health.path || service.kind === 'static' ? `GET ${facts.healthPath} (2xx/3xx)` : 'GET / accepting anything below 500 (no health route in the plan)';
  return [`${service.name}: load balancer health check ${check} on port ${facts.port}; HTTP on port 80 until ${hclName(service)}_domains is set`];
}

const hclName = (service: ServicePlan): string => service.name.replace(/[^A-Za-z0-9_]/g, '_');

export function generateHetzner(context: GenerateContext, options: HetznerOptions): GeneratedFile[] {
  const { plan, services } = context;
  const header = headerComment('#', `the plan of ${plan.name}`);
  const needs = dataNeeds(services);
  const base = `${options.root}/hetzner`;
  const out: GeneratedFile[] = [
    ...moduleToFiles(`${base}/modules/network`, hetznerNetworkModule(header), { notes: ['private network and subnet'] }),
    ...moduleToFiles(`${base}/modules/service`, hetznerServiceModule(header), { notes: ['servers with cloud-init (Docker, compose, .env), firewall with SSH from an allowlist only, load balancer with the plan\'s health check'] }),
  ];
  if (needs.engine || needs.redis) out.push(...moduleToFiles(`${base}/modules/data`, hetznerDataModule(header), { notes: dataNotes(needs) }));
  const notes = [
    `state in ${options.stateEndpoint}/${options.stateBucket} with an S3 lock file (needs Terraform 1.10+; the bucket name is a placeholder)`,
    ...dataNotes(needs),
    ...services.flatMap((s) => serviceNotes(s, needs)),
  ];
  for (const env of options.environments) {
    const root = hetznerEnvironmentRoot({ plan, services, env, location: options.location, stateBucket: options.stateBucket, stateEndpoint: options.stateEndpoint, needs, header });
    out.push(...moduleToFiles(`${base}/environments/${env}`, root, { notes, evidence: evidenceOf(services) }));
  }
  out.push({ path: `${base}/README.md`, content: hetznerReadme({ plan, services, environments: options.environments, options, needs }), kind: 'markdown', generator: 'terraform' });
  return out;
}
