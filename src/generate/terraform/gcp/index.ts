/**
 * GCP: modules (service; network and data when a service needs a database or Redis) and one root per
 * environment, under deploy/terraform/gcp/. Module files do not depend on the plan; roots carry every
 * plan fact.
 */
import type { GenerateContext, GeneratedFile } from '../../types.js';
import { headerComment } from '../../types.js';
import { dataNeeds, serviceFacts, type DataNeeds } from '../aws/facts.js';
import type { EnvironmentName } from '../aws/environment.js';
import { evidenceOf, moduleToFiles } from '../shared/common.js';
import { gcpDataModule, gcpNetworkModule } from './data.js';
import { gcpEnvironmentRoot } from './environment.js';
import { gcpReadme } from './readme.js';
import { gcpServiceModule } from './service.js';
import type { ServicePlan } from '../../../plan/schema.js';

export interface GcpOptions {
  region: string;
  projectId: string | undefined;
  stateBucket: string;
  environments: readonly EnvironmentName[];
  root: string;
}

function dataNotes(needs: DataNeeds): string[] {
  const notes: string[] = [];
  if (needs.engine) notes.push(`Cloud SQL ${needs.engine === 'postgres' ? 'PostgreSQL 16' : 'MySQL 8.0'}: the plan's services use ${needs.engine}${needs.engine === 'mariadb' ? ' (Cloud SQL has no MariaDB; MySQL 8.0 speaks its protocol)' : ''}; private IP only`);
  if (needs.redis) notes.push('Memorystore Redis: the plan\'s services use Redis; private service access, AUTH on');
  if (needs.engine || needs.redis) notes.push('Cloud Run reaches the data stores through Direct VPC egress (no Serverless VPC Access connector needed)');
  return notes;
}

export function serviceNotes(service: ServicePlan, needs: DataNeeds): string[] {
  const facts = serviceFacts(service, needs);
  const notes: string[] = [];
  if (facts.port === null) notes.push(`${service.name}: a worker on Cloud Run (internal ingress, CPU always allocated, at least one instance); Cloud Run still needs the container to accept TCP on $PORT (8080) to start, so give the worker a tiny listener or move it to a Cloud Run worker pool`);
  else if (service.health.path || service.kind === 'static') notes.push(`${service.name}: startup and liveness probes GET ${facts.healthPath} on port ${facts.port}`);
  else notes.push(`${service.name}: no health route in the plan, so the probes GET / on port ${facts.port} (add a health route: a 404 fails the probe)`);
  if (service.backingServices.some((b) => b.kind === 'sqlite')) notes.push(`${service.name}: SQLite on Cloud Run lives in the instance's in-memory filesystem and is lost on every restart; use Cloud SQL for data you keep`);
  return notes;
}

export function generateGcp(context: GenerateContext, options: GcpOptions): GeneratedFile[] {
  const { plan, services } = context;
  const header = headerComment('#', `the plan of ${plan.name}`);
  const needs = dataNeeds(services);
  const data = Boolean(needs.engine) || needs.redis;
  const base = `${options.root}/gcp`;
  const out: GeneratedFile[] = [
    ...moduleToFiles(`${base}/modules/service`, gcpServiceModule(header), { notes: ['Cloud Run v2 service, Artifact Registry, runtime service account without project roles, Secret Manager secrets, startup and liveness probes'] }),
  ];
  if (data) {
    out.push(...moduleToFiles(`${base}/modules/network`, gcpNetworkModule(header), { notes: ['custom VPC, Direct VPC egress subnetwork, private services access'] }));
    out.push(...moduleToFiles(`${base}/modules/data`, gcpDataModule(header), { notes: dataNotes(needs) }));
  }
  const notes = [`state in gs://${options.stateBucket} (placeholder: set your own bucket)`, ...dataNotes(needs), ...services.flatMap((s) => serviceNotes(s, needs))];
  for (const env of options.environments) {
    const root = gcpEnvironmentRoot({ plan, services, env, region: options.region, projectId: options.projectId, stateBucket: options.stateBucket, needs, header });
    out.push(...moduleToFiles(`${base}/environments/${env}`, root, { notes, evidence: evidenceOf(services) }));
  }
  out.push({ path: `${base}/README.md`, content: gcpReadme({ plan, services, environments: options.environments, options, needs }), kind: 'markdown', generator: 'terraform' });
  return out;
}
