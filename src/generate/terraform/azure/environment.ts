/**
 * azure/environments/<env>/: one root per environment. A resource group, the platform module
 * (network, logs, Container Apps environment, registry, Key Vault), the data module when a service
 * needs a database or Redis, and the service module once per plan service. State lives in an Azure
 * Storage blob container (the azurerm backend locks it with a blob lease).
 */
import type { ProjectPlan, ServicePlan } from '../../../plan/schema.js';
import { attr, attrs, block, comment, expr, ref, renderFile, type Block, type BodyItem, type HclValue } from '../hcl.js';
import { hclIdent, imageName, projectSlug } from '../names.js';
import { serviceFacts, type DataNeeds } from '../aws/facts.js';
import type { EnvironmentName } from '../aws/environment.js';
import { output, secretSlug, variable, versionsFile, type ModuleFiles } from '../shared/common.js';

interface Sizing {
  cidr: string;
  cpu: number;
  memory: string;
  min: number;
  max: number;
  logDays: number;
  registry: string;
  purge: boolean;
  softDelete: number;
  sku: { postgres: string; mysql: string };
  ha: boolean;
  backups: number;
  redisSku: string;
  redisCapacity: number;
}

export const AZURE_SIZING: Record<EnvironmentName, Sizing> = {
  dev: { cidr: '10.41.0.0/16', cpu: 0.5, memory: '1Gi', min: 0, max: 2, logDays: 30, registry: 'Basic', purge: false, softDelete: 7, sku: { postgres: 'B_Standard_B1ms', mysql: 'B_Standard_B1ms' }, ha: false, backups: 7, redisSku: 'Basic', redisCapacity: 0 },
  staging: { cidr: '10.42.0.0/16', cpu: 0.5, memory: '1Gi', min: 1, max: 3, logDays: 30, registry: 'Standard', purge: true, softDelete: 30, sku: { postgres: 'B_Standard_B2s', mysql: 'B_Standard_B2s' }, ha: false, backups: 7, redisSku: 'Standard', redisCapacity: 0 },
  production: { cidr: '10.43.0.0/16', cpu: 1, memory: '2Gi', min: 2, max: 10, logDays: 90, registry: 'Standard', purge: true, softDelete: 90, sku: { postgres: 'GP_Standard_D2ds_v5', mysql: 'GP_Standard_D2ds_v4' }, ha: true, backups: 14, redisSku: 'Standard', redisCapacity: 1 },
};

const OUTPUTS: Record<string, string> = { database_url_secret_arn: 'database_url_secret_id', redis_url_secret_arn: 'redis_url_secret_id' };
const VERSIONS = { postgres: '16', mysql: '8.0.21' } as const;

export interface AzureEnvironmentInput {
  plan: ProjectPlan;
  services: readonly ServicePlan[];
  env: EnvironmentName;
  location: string;
  subscriptionId: string | undefined;
  stateResourceGroup: string;
  stateStorageAccount: string;
  needs: DataNeeds;
  header: string;
}

/** Azure Flexible Server has no MariaDB: MariaDB services get MySQL, which speaks its protocol. */
export function azureEngine(needs: DataNeeds): 'postgres' | 'mysql' | null {
  if (!needs.engine) return null;
  return needs.engine === 'postgres' ? 'postgres' : 'mysql';
}

const hasData = (needs: DataNeeds): boolean => Boolean(needs.engine) || needs.redis;

function serviceModule(input: AzureEnvironmentInput, service: ServicePlan): Block {
  const sizing = AZURE_SIZING[input.env];
  const facts = serviceFacts(service, input.needs);
  const jvm = service.language === 'java' || service.language === 'kotlin';
  const size = jvm ? { cpu: Math.max(sizing.cpu, 1), memory: '2Gi' } : { cpu: sizing.cpu, memory: sizing.memory };
  const external: Record<string, HclValue> = {};
  for (const [name, out] of Object.entries(facts.externalSecrets)) external[name] = ref('module.data', OUTPUTS[out] ?? out);
  const body: BodyItem[] = [
    attr('source', '../../modules/service'),
    ...attrs({
      name: expr(`"\${local.name}-${service.name}"`),
      location: ref('azurerm_resource_group.this.location'),
      resource_group_name: ref('azurerm_resource_group.this.name'),
      container_app_environment_id: ref('module.platform.container_app_environment_id'),
      registry_id: ref('module.platform.registry_id'),
      registry_login_server: ref('module.platform.registry_login_server'),
      key_vault_id: ref('module.platform.key_vault_id'),
      secret_prefix: secretSlug(service.name),
      image_name: `${input.env}/${imageName(input.plan, service)}`,
      image_tag: ref('var.image_tag'),
    }),
  ];
  if (facts.port !== null) body.push(...attrs({ port: facts.port, health_check_path: facts.healthPath, external: true }));
  body.push(...attrs({ cpu: size.cpu, memory: size.memory, min_replicas: facts.port === null ? Math.max(1, sizing.min) : sizing.min, max_replicas: sizing.max }));
  const envComment = facts.unset.length > 0 ? [`The app reads ${facts.unset.join(', ')} without a default: add ${facts.unset.length === 1 ? 'it' : 'them'} here.`] : undefined;
  body.push(attr('environment', facts.environment, envComment));
  if (facts.secretNames.length > 0) body.push(attr('secret_names', facts.secretNames, ['Created with a placeholder: set each value with `az keyvault secret set` before the first deploy.']));
  if (Object.keys(external).length > 0) body.push(attr('external_secrets', external));
  body.push(attr('tags', { Service: service.name }));
  return block('module', [`service_${hclIdent(service.name)}`], body, [`${service.name} (${service.kind}, ${service.path || 'repository root'})`]);
}

function main(input: AzureEnvironmentInput): BodyItem[] {
  const sizing = AZURE_SIZING[input.env];
  const slug = projectSlug(input.plan);
  const items: BodyItem[] = [
    block('provider', ['azurerm'], [block('features', [], []), attr('subscription_id', ref('var.subscription_id'))]),
    block('locals', [], attrs({
      name: `${slug}-${input.env}`,
      tags: { Project: input.plan.name, Environment: input.env, ManagedBy: 'terraform' },
    })),
    block('resource', ['azurerm_resource_group', 'this'], attrs({ name: expr('"rg-${local.name}"'), location: ref('var.location'), tags: ref('local.tags') })),
    block('module', ['platform'], [
      attr('source', '../../modules/platform'),
      ...attrs({
        name: ref('local.name'),
        location: ref('azurerm_resource_group.this.location'),
        resource_group_name: ref('azurerm_resource_group.this.name'),
        cidr: ref('var.vnet_cidr'),
        log_retention_days: sizing.logDays,
        registry_sku: sizing.registry,
        purge_protection: sizing.purge,
        soft_delete_retention_days: sizing.softDelete,
        tags: ref('local.tags'),
      }),
    ]),
  ];
  if (hasData(input.needs)) {
    const engine = azureEngine(input.needs);
    items.push(block('module', ['data'], [
      attr('source', '../../modules/data'),
      ...attrs({
        name: ref('local.name'),
        location: ref('azurerm_resource_group.this.location'),
        resource_group_name: ref('azurerm_resource_group.this.name'),
        vnet_id: ref('module.platform.vnet_id'),
        vnet_name: ref('module.platform.vnet_name'),
        database_subnet_cidr: expr('cidrsubnet(var.vnet_cidr, 8, 4)'),
        endpoint_subnet_cidr: expr('cidrsubnet(var.vnet_cidr, 8, 5)'),
        key_vault_id: ref('module.platform.key_vault_id'),
        engine: engine ?? 'none',
        engine_version: engine ? VERSIONS[engine] : undefined,
        sku_name: engine ? sizing.sku[engine] : undefined,
        high_availability: engine ? sizing.ha : undefined,
        backup_retention_days: engine ? sizing.backups : undefined,
        redis: input.needs.redis,
        redis_sku: input.needs.redis ? sizing.redisSku : undefined,
        redis_capacity: input.needs.redis ? sizing.redisCapacity : undefined,
        tags: ref('local.tags'),
      }),
    ]));
  }
  for (const service of input.services) items.push(serviceModule(input, service));
  return items;
}

function variables(input: AzureEnvironmentInput): Block[] {
  return [
    variable('subscription_id', {
      type: 'string',
      description: 'Azure subscription id.',
      default: input.subscriptionId,
      validation: { condition: 'can(regex("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", var.subscription_id))', message: 'subscription_id must be a lowercase GUID.' },
    }),
    variable('location', { type: 'string', description: 'Azure location.', default: input.location }),
    variable('vnet_cidr', { type: 'string', description: 'Address space of this environment\'s virtual network (a /16).', default: AZURE_SIZING[input.env].cidr }),
    variable('image_tag', { type: 'string', description: 'Image tag to deploy for every service (the commit SHA your pipeline pushed).' }),
  ];
}

function outputs(input: AzureEnvironmentInput): Block[] {
  const blocks: Block[] = [
    output('resource_group_name', 'Resource group of the environment.', ref('azurerm_resource_group.this.name')),
    output('registry_login_server', 'Container registry: push images here.', ref('module.platform.registry_login_server')),
  ];
  for (const service of input.services) {
    const id = hclIdent(service.name);
    if (serviceFacts(service, input.needs).port !== null) blocks.push(output(`${id}_fqdn`, `Host name of ${service.name}.`, ref(`module.service_${id}`, 'fqdn')));
  }
  if (input.needs.engine) blocks.push(output('database_host', 'Private host name of the database.', ref('module.data.database_host')));
  if (input.needs.redis) blocks.push(output('redis_host', 'Host name of Redis.', ref('module.data.redis_host')));
  return blocks;
}

function backend(input: AzureEnvironmentInput): BodyItem[] {
  return [
    comment('Remote state in Azure Storage (locked with a blob lease): create the storage account and the', 'container once, then replace these placeholder names.'),
    block('terraform', [], [block('backend', ['azurerm'], attrs({
      resource_group_name: input.stateResourceGroup,
      storage_account_name: input.stateStorageAccount,
      container_name: 'tfstate',
      key: `${projectSlug(input.plan)}/${input.env}.tfstate`,
      use_azuread_auth: true,
    }))]),
  ];
}

export function azureEnvironmentRoot(input: AzureEnvironmentInput): ModuleFiles {
  return {
    'main.tf': renderFile(main(input), input.header),
    'variables.tf': renderFile(variables(input), input.header),
    'outputs.tf': renderFile(outputs(input), input.header),
    'backend.tf': renderFile(backend(input), input.header),
    'versions.tf': versionsFile(input.header, hasData(input.needs) ? ['azurerm', 'random'] : ['azurerm']),
  };
}
