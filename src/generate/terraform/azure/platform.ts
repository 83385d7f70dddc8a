/**
 * azure/modules/platform: what every service of an environment shares. A virtual network with a
 * subnet delegated to Container Apps, a Log Analytics workspace with retention, a workload-profile
 * Container Apps environment in that subnet, an Azure Container Registry without admin user (pulls
 * use managed identities), and a Key Vault in RBAC mode whose secrets Terraform may write (the
 * caller gets Key Vault Secrets Officer on this vault only).
 */
import { attr, attrs, block, comment, expr, interp, ref, renderFile, type Block, type BodyItem } from '../hcl.js';
import { output, resource, variable, versionsFile, type ModuleFiles } from '../shared/common.js';

const RG = { location: ref('var.location'), resource_group_name: ref('var.resource_group_name') };

function main(): BodyItem[] {
  return [
    comment('Shared by the services of one environment: network, logs, Container Apps environment, registry, Key Vault.'),
    block('data', ['azurerm_client_config', 'current'], []),
    block('locals', [], attrs({
      compact: expr('replace(var.name, "-", "")'),
      suffix: expr('substr(md5(var.name), 0, 6)'),
    })),
    resource('azurerm_virtual_network', 'this', attrs({ name: interp`vnet-${ref('var.name')}`, ...RG, address_space: [ref('var.cidr')], tags: ref('var.tags') })),
    resource('azurerm_subnet', 'apps', [
      ...attrs({
        name: 'apps',
        resource_group_name: ref('var.resource_group_name'),
        virtual_network_name: ref('azurerm_virtual_network.this.name'),
        address_prefixes: [expr('cidrsubnet(var.cidr, 7, 0)')],
      }),
      block('delegation', [], [
        attr('name', 'container-apps'),
        block('service_delegation', [], attrs({ name: 'Microsoft.App/environments', actions: ['Microsoft.Network/virtualNetworks/subnets/join/action'] })),
      ]),
    ], ['A /23 for the Container Apps environment; data stores get their own subnets in the data module.']),
    resource('azurerm_log_analytics_workspace', 'this', attrs({
      name: interp`log-${ref('var.name')}`,
      ...RG,
      sku: 'PerGB2018',
      retention_in_days: ref('var.log_retention_days'),
      tags: ref('var.tags'),
    })),
    resource('azurerm_container_app_environment', 'this', [
      ...attrs({
        name: interp`cae-${ref('var.name')}`,
        ...RG,
        log_analytics_workspace_id: ref('azurerm_log_analytics_workspace.this.id'),
        infrastructure_subnet_id: ref('azurerm_subnet.apps.id'),
        internal_load_balancer_enabled: false,
      }),
      block('workload_profile', [], attrs({ name: 'Consumption', workload_profile_type: 'Consumption' })),
      attr('tags', ref('var.tags')),
    ]),
    resource('azurerm_container_registry', 'this', attrs({
      name: expr('"${substr(local.compact, 0, 40)}${local.suffix}"'),
      ...RG,
      sku: ref('var.registry_sku'),
      admin_enabled: false,
      tags: ref('var.tags'),
    }), ['No admin user: every service pulls with its own managed identity (AcrPull).']),
    resource('azurerm_key_vault', 'this', attrs({
      name: expr('"kv${substr(local.compact, 0, 16)}${local.suffix}"'),
      ...RG,
      tenant_id: ref('data.azurerm_client_config.current.tenant_id'),
      sku_name: 'standard',
      enable_rbac_authorization: true,
      purge_protection_enabled: ref('var.purge_protection'),
      soft_delete_retention_days: ref('var.soft_delete_retention_days'),
      tags: ref('var.tags'),
    }), ['RBAC mode: access is granted per identity and per secret, not by vault-wide access policies.']),
    resource('azurerm_role_assignment', 'deployer_secrets', attrs({
      scope: ref('azurerm_key_vault.this.id'),
      role_definition_name: 'Key Vault Secrets Officer',
      principal_id: ref('data.azurerm_client_config.current.object_id'),
    }), ['Whoever runs Terraform writes the secrets (connection URLs, placeholders); nobody else gets vault-wide rights.']),
  ];
}

function variables(): Block[] {
  return [
    variable('name', { type: 'string', description: 'Name prefix (project-environment).' }),
    variable('location', { type: 'string', description: 'Azure location.' }),
    variable('resource_group_name', { type: 'string', description: 'Resource group of every resource.' }),
    variable('cidr', { type: 'string', description: 'Address space of the virtual network (a /16).', default: '10.40.0.0/16' }),
    variable('log_retention_days', { type: 'number', description: 'Days Log Analytics keeps the logs.', default: 30 }),
    variable('registry_sku', { type: 'string', description: 'Container registry SKU (Basic, Standard, Premium).', default: 'Basic' }),
    variable('purge_protection', { type: 'bool', description: 'Key Vault purge protection: deleted secrets cannot be purged before the retention ends.', default: true }),
    variable('soft_delete_retention_days', { type: 'number', description: 'Days a deleted vault or secret can be recovered (7-90).', default: 30 }),
    variable('tags', { type: 'map(string)', description: 'Tags added to every resource.', default: {} }),
  ];
}

function outputs(): Block[] {
  return [
    output('vnet_id', 'Virtual network id.', ref('azurerm_virtual_network.this.id')),
    output('vnet_name', 'Virtual network name.', ref('azurerm_virtual_network.this.name')),
    output('container_app_environment_id', 'Container Apps environment.', ref('azurerm_container_app_environment.this.id')),
    output('registry_id', 'Container registry id (for AcrPull assignments).', ref('azurerm_container_registry.this.id')),
    output('registry_login_server', 'Where to push images.', ref('azurerm_container_registry.this.login_server')),
    block('output', ['key_vault_id'], [
      ...attrs({ description: 'Key Vault of the environment.', value: ref('azurerm_key_vault.this.id') }),
      attr('depends_on', [ref('azurerm_role_assignment.deployer_secrets')]),
    ], ['Secrets written into the vault must wait for the deployer\'s role.']),
  ];
}

export function azurePlatformModule(header: string): ModuleFiles {
  return {
    'main.tf': renderFile(main(), header),
    'variables.tf': renderFile(variables(), header),
    'outputs.tf': renderFile(outputs(), header),
    'versions.tf': versionsFile(header, ['azurerm']),
  };
}
