/**
 * Azure: modules (platform, service; data when a service needs a database or Redis) and one root per
 * environment, under deploy/terraform/azure/. Module files do not depend on the plan; roots carry
 * every plan fact.
 */
import type { ServicePlan } from '../../../plan/schema.js';
import type { GenerateContext, GeneratedFile } from '../../types.js';
import { headerComment } from '../../types.js';
import { dataNeeds, serviceFacts, type DataNeeds } from '../aws/facts.js';
import type { EnvironmentName } from '../aws/environment.js';
import { evidenceOf, moduleToFiles } from '../shared/common.js';
import { azureDataModule } from './data.js';
import { azureEngine, azureEnvironmentRoot } from './environment.js';
import { azurePlatformModule } from './platform.js';
import { azureReadme } from './readme.js';
import { azureServiceModule } from './service.js';

export interface AzureOptions {
  location: string;
  subscriptionId: string | undefined;
  stateResourceGroup: string;
  stateStorageAccount: string;
  environments: readonly EnvironmentName[];
  root: string;
}

export function azureDataNotes(needs: DataNeeds): string[] {
  const notes: string[] = [];
  const engine = azureEngine(needs);
  if (engine) notes.push(`Azure Database for ${engine === 'postgres' ? 'PostgreSQL 16' : 'MySQL 8.0'} Flexible Server: the plan's services use ${needs.engine}${needs.engine === 'mariadb' ? ' (Azure has no MariaDB Flexible Server; MySQL speaks its protocol)' : ''}; delegated subnet, no public access`);
  if (needs.redis) notes.push('Azure Cache for Redis: the plan\'s services use Redis; TLS only, private endpoint (Microsoft recommends Azure Managed Redis for new deployments: swap it in when your region has it)');
  return notes;
}

function serviceNotes(service: ServicePlan, needs: DataNeeds): string[] {
  const facts = serviceFacts(service, needs);
  const notes: string[] = [];
  if (facts.port === null) notes.push(`${service.name}: a worker container app (no ingress, no HTTP probes, at least one replica)`);
  else if (service.health.path || service.kind === 'static') notes.push(`${service.name}: startup and liveness probes GET ${facts.healthPath} on port ${facts.port}; HTTPS-only external ingress`);
  else notes.push(`${service.name}: no health route in the plan, so the probes GET / on port ${facts.port} (add a health route)`);
  if (service.backingServices.some((b) => b.kind === 'sqlite')) notes.push(`${service.name}: SQLite lives in the replica's ephemeral storage and is lost on every revision; use the Flexible Server for data you keep`);
  return notes;
}

export function generateAzure(context: GenerateContext, options: AzureOptions): GeneratedFile[] {
  const { plan, services } = context;
  const header = headerComment('#', `the plan of ${plan.name}`);
  const needs = dataNeeds(services);
  const base = `${options.root}/azure`;
  const out: GeneratedFile[] = [
    ...moduleToFiles(`${base}/modules/platform`, azurePlatformModule(header), { notes: ['VNet with a Container Apps subnet, Log Analytics, workload-profile Container Apps environment, ACR without admin user, Key Vault in RBAC mode'] }),
    ...moduleToFiles(`${base}/modules/service`, azureServiceModule(header), { notes: ['Container App with a user-assigned identity (AcrPull, Key Vault Secrets User per secret), probes, HTTPS-only ingress'] }),
  ];
  if (needs.engine || needs.redis) out.push(...moduleToFiles(`${base}/modules/data`, azureDataModule(header), { notes: azureDataNotes(needs) }));
  const notes = [
    `state in storage account ${options.stateStorageAccount} (resource group ${options.stateResourceGroup}, container tfstate): placeholders, set your own`,
    ...azureDataNotes(needs),
    ...services.flatMap((s) => serviceNotes(s, needs)),
  ];
  for (const env of options.environments) {
    const root = azureEnvironmentRoot({
      plan, services, env, location: options.location, subscriptionId: options.subscriptionId,
      stateResourceGroup: options.stateResourceGroup, stateStorageAccount: options.stateStorageAccount, needs, header,
    });
    out.push(...moduleToFiles(`${base}/environments/${env}`, root, { notes, evidence: evidenceOf(services) }));
  }
  out.push({ path: `${base}/README.md`, content: azureReadme({ plan, services, environments: options.environments, options, needs }), kind: 'markdown', generator: 'terraform' });
  return out;
}
