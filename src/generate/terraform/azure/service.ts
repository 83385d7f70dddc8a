/**
 * azure/modules/service: one container service on Azure Container Apps. A user-assigned managed
 * identity that may pull from the registry (AcrPull) and read exactly this service's Key Vault
 * secrets (Key Vault Secrets User on each secret, not on the vault); Key Vault secrets created with a
 * placeholder value Terraform then ignores; the container app with the plan's port, startup and
 * liveness probes on the plan's health path, plain env vars, secret env vars from Key Vault, and
 * HTTPS-only external ingress for web services (none for workers).
 */
import { attr, attrs, block, comment, expr, interp, ref, renderFile, type Block, type BodyItem } from '../hcl.js';
import { output, resource, variable, versionsFile, type ModuleFiles } from '../shared/common.js';

const IDENTITY = ref('azurerm_user_assigned_identity.this.id');

function identity(): Block[] {
  return [
    resource('azurerm_user_assigned_identity', 'this', attrs({
      name: interp`id-${ref('var.name')}`,
      location: ref('var.location'),
      resource_group_name: ref('var.resource_group_name'),
      tags: ref('var.tags'),
    }), ['Least privilege: this identity may pull images and read its own secrets, nothing else.']),
    resource('azurerm_role_assignment', 'pull', attrs({
      scope: ref('var.registry_id'),
      role_definition_name: 'AcrPull',
      principal_id: ref('azurerm_user_assigned_identity.this.principal_id'),
    })),
    resource('azurerm_key_vault_secret', 'this', [
      ...attrs({
        for_each: expr('toset(var.secret_names)'),
        name: expr('"${var.secret_prefix}-${lower(replace(each.key, "_", "-"))}"'),
        value: 'set-me',
        key_vault_id: ref('var.key_vault_id'),
        content_type: 'text/plain',
      }),
      block('lifecycle', [], [attr('ignore_changes', [ref('value')])]),
    ], ['Created with a placeholder; set the real value with az keyvault secret set. Terraform never overwrites it.']),
    resource('azurerm_role_assignment', 'secrets', attrs({
      for_each: ref('local.secrets'),
      scope: expr('"${var.key_vault_id}/secrets/${element(split("/", each.value), length(split("/", each.value)) - 1)}"'),
      role_definition_name: 'Key Vault Secrets User',
      principal_id: ref('azurerm_user_assigned_identity.this.principal_id'),
    }), ['One assignment per secret the service reads.']),
  ];
}

function probe(kind: 'startup_probe' | 'liveness_probe'): Block {
  const timing = kind === 'startup_probe'
    ? { interval_seconds: 10, timeout: 3, failure_count_threshold: 10 }
    : { interval_seconds: 15, timeout: 5, failure_count_threshold: 3 };
  return block('dynamic', [kind], [
    attr('for_each', expr('local.serves ? [1] : []')),
    block('content', [], attrs({ transport: 'HTTP', port: ref('var.port'), path: ref('var.health_check_path'), ...timing })),
  ]);
}

function app(): Block {
  return resource('azurerm_container_app', 'this', [
    ...attrs({
      name: expr('"${trimsuffix(substr(var.name, 0, 25), "-")}-${substr(md5(var.name), 0, 6)}"'),
      container_app_environment_id: ref('var.container_app_environment_id'),
      resource_group_name: ref('var.resource_group_name'),
      revision_mode: 'Single',
      workload_profile_name: 'Consumption',
    }),
    block('identity', [], attrs({ type: 'UserAssigned', identity_ids: [IDENTITY] })),
    block('registry', [], attrs({ server: ref('var.registry_login_server'), identity: IDENTITY })),
    block('dynamic', ['secret'], [
      attr('for_each', ref('local.secrets')),
      block('content', [], attrs({ name: expr('lower(replace(secret.key, "_", "-"))'), key_vault_secret_id: ref('secret.value'), identity: IDENTITY })),
    ]),
    block('dynamic', ['ingress'], [
      attr('for_each', expr('local.serves ? [1] : []')),
      block('content', [], [
        ...attrs({ external_enabled: ref('var.external'), target_port: ref('var.port'), transport: 'auto', allow_insecure_connections: false }),
        block('traffic_weight', [], attrs({ latest_revision: true, percentage: 100 })),
      ]),
    ]),
    block('template', [], [
      ...attrs({ min_replicas: ref('var.min_replicas'), max_replicas: ref('var.max_replicas') }),
      block('container', [], [
        ...attrs({
          name: 'app',
          image: interp`${ref('var.registry_login_server')}/${ref('var.image_name')}:${ref('var.image_tag')}`,
          cpu: ref('var.cpu'),
          memory: ref('var.memory'),
        }),
        block('dynamic', ['env'], [
          attr('for_each', ref('var.environment')),
          block('content', [], attrs({ name: ref('env.key'), value: ref('env.value') })),
        ]),
        block('dynamic', ['env'], [
          attr('for_each', ref('local.secrets')),
          block('content', [], attrs({ name: ref('env.key'), secret_name: expr('lower(replace(env.key, "_", "-"))') })),
        ]),
        probe('startup_probe'),
        probe('liveness_probe'),
      ]),
    ]),
    attr('tags', ref('var.tags')),
    attr('depends_on', [ref('azurerm_role_assignment.pull'), ref('azurerm_role_assignment.secrets')]),
  ], ['HTTPS only (allow_insecure_connections = false); workers get no ingress at all.']);
}

function main(): BodyItem[] {
  return [
    comment('One container service on Azure Container Apps, with its identity and Key Vault secrets.'),
    block('locals', [], attrs({
      serves: expr('var.port != null'),
      secrets: expr('merge({ for name, secret in azurerm_key_vault_secret.this : name => secret.versionless_id }, var.external_secrets)'),
    })),
    ...identity(),
    app(),
  ];
}

function variables(): Block[] {
  return [
    variable('name', { type: 'string', description: 'Name of the service (project-environment-service).' }),
    variable('location', { type: 'string', description: 'Azure location.' }),
    variable('resource_group_name', { type: 'string', description: 'Resource group of the service.' }),
    variable('container_app_environment_id', { type: 'string', description: 'Container Apps environment.' }),
    variable('registry_id', { type: 'string', description: 'Container registry id (AcrPull scope).' }),
    variable('registry_login_server', { type: 'string', description: 'Container registry login server.' }),
    variable('key_vault_id', { type: 'string', description: 'Key Vault holding the service\'s secrets.' }),
    variable('secret_prefix', { type: 'string', description: 'Prefix of this service\'s Key Vault secret names.' }),
    variable('image_name', { type: 'string', description: 'Image name in the registry (<env>/<project>-<service>).' }),
    variable('image_tag', { type: 'string', description: 'Image tag to deploy (the commit SHA your pipeline pushed).' }),
    variable('port', { type: 'number', description: 'Container port; null for a worker (no ingress, no probes).', default: null }),
    variable('health_check_path', { type: 'string', description: 'HTTP path of the startup and liveness probes.', default: '/' }),
    variable('external', { type: 'bool', description: 'Reachable from the internet (true) or only inside the environment.', default: true }),
    variable('cpu', { type: 'number', description: 'vCPU per replica (0.25, 0.5, 1, 2).', default: 0.5 }),
    variable('memory', { type: 'string', description: 'Memory per replica, twice the vCPU in Gi (1Gi for 0.5 vCPU).', default: '1Gi' }),
    variable('min_replicas', { type: 'number', description: 'Fewest replicas (0 lets a web service scale to zero).', default: 1 }),
    variable('max_replicas', { type: 'number', description: 'Most replicas.', default: 3 }),
    variable('environment', { type: 'map(string)', description: 'Plain (non-secret) environment variables.', default: {} }),
    variable('secret_names', { type: 'list(string)', description: 'Secret environment variables; one Key Vault secret each, value set by you.', default: [] }),
    variable('external_secrets', { type: 'map(string)', description: 'Environment variable name to the versionless id of an existing Key Vault secret (URLs from the data module).', default: {} }),
    variable('tags', { type: 'map(string)', description: 'Tags added to every resource.', default: {} }),
  ];
}

function outputs(): Block[] {
  return [
    output('app_name', 'Name of the container app.', ref('azurerm_container_app.this.name')),
    output('fqdn', 'Public host name of a web service (null for workers).', expr('local.serves ? azurerm_container_app.this.ingress[0].fqdn : null')),
    output('identity_principal_id', 'Principal the app runs as: grant it what the app needs.', ref('azurerm_user_assigned_identity.this.principal_id')),
    output('secret_names', 'Key Vault secret per secret environment variable.', expr('{ for name, secret in azurerm_key_vault_secret.this : name => secret.name }')),
  ];
}

export function azureServiceModule(header: string): ModuleFiles {
  return {
    'main.tf': renderFile(main(), header),
    'variables.tf': renderFile(variables(), header),
    'outputs.tf': renderFile(outputs(), header),
    'versions.tf': versionsFile(header, ['azurerm']),
  };
}
