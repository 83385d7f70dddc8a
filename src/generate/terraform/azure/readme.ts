/** deploy/terraform/azure/README.md: first-apply steps with this project's services and secrets. */
import type { ProjectPlan, ServicePlan } from '../../../plan/schema.js';
import { headerComment } from '../../types.js';
import { serviceFacts, type DataNeeds } from '../aws/facts.js';
import type { EnvironmentName } from '../aws/environment.js';
import { hclIdent } from '../names.js';
import { secretSlug } from '../shared/common.js';
import type { AzureOptions } from './index.js';

export interface AzureReadmeInput {
  plan: ProjectPlan;
  services: readonly ServicePlan[];
  environments: readonly EnvironmentName[];
  options: AzureOptions;
  needs: DataNeeds;
}

export function azureReadme(input: AzureReadmeInput): string {
  const { plan, services, options, needs } = input;
  const env = input.environments[0] ?? 'dev';
  const sub = options.subscriptionId ? '' : ' -var subscription_id=<subscription-guid>';
  const lines = [
    `${headerComment('<!--', `the plan of ${plan.name}`)} -->`,
    '',
    `# Terraform for ${plan.name} (Azure)`,
    '',
    '- `modules/platform`: virtual network, Log Analytics, Container Apps environment, Container Registry, Key Vault (RBAC).',
    '- `modules/service`: one Container App with its managed identity, Key Vault secrets and probes.',
    ...(needs.engine || needs.redis ? ['- `modules/data`: Flexible Server and/or Azure Cache for Redis, private only; URLs in Key Vault.'] : []),
    `- \`environments/{${input.environments.join(',')}}\`: one root each, using the modules once per service (${services.map((s) => s.name).join(', ')}).`,
    '',
    '## Before the first apply',
    '',
    `1. State: create the storage account \`${options.stateStorageAccount}\` in resource group \`${options.stateResourceGroup}\` with a blob container \`tfstate\`, give yourself "Storage Blob Data Contributor" on it, and replace the placeholders in every \`backend.tf\`.`,
    '2. Log in (`az login`); whoever applies needs Owner or User Access Administrator on the subscription, since the roots create role assignments.',
    '3. Bootstrap the platform (registry, Key Vault) and the secrets:',
    '',
    '```sh',
    `cd deploy/terraform/azure/environments/${env}`,
    'terraform init',
    `terraform apply -target=module.platform ${services.map((s) => `-target=module.service_${hclIdent(s.name)}.azurerm_key_vault_secret.this`).join(' ')} -var image_tag=bootstrap${sub}`,
    '```',
    '',
  ];
  const secrets = services.flatMap((s) => serviceFacts(s, needs).secretNames.map((name) => ({ service: s.name, name })));
  if (secrets.length > 0) {
    lines.push('4. Secrets are created with a placeholder value that Terraform then ignores. Set each one:', '', '```sh');
    for (const { service, name } of secrets) lines.push(`az keyvault secret set --vault-name <vault> --name ${secretSlug(service)}-${secretSlug(name)} --value '...'`);
    lines.push('```', '');
  }
  lines.push(
    `${secrets.length > 0 ? 5 : 4}. Push each image to \`<registry>/${env}/<image>:<sha>\` (\`terraform output registry_login_server\`), then deploy:`,
    '',
    '```sh',
    `terraform apply -var image_tag=<sha>${sub}`,
    '```',
    '',
    '## Not generated',
    '',
    '- Custom domains and managed certificates on the Container Apps (add `azurerm_container_app_custom_domain`).',
    '- Front Door / WAF, diagnostic settings for the data stores, federated credentials for CI.',
    '',
  );
  return lines.join('\n');
}
