/**
 * Runbook sections for Azure: the terraform family's Container Apps (single revision mode), ACR,
 * Key Vault, Log Analytics, PostgreSQL / MySQL flexible servers and Azure Cache for Redis.
 */
import { backingKinds, type RunbookFacts, type ServiceFacts } from './facts.js';
import { azureAppName, azureRepository, azureResourceGroup, azureSecretName, ENV, envName } from './cloud-names.js';
import { code, fence, names, table } from './markdown.js';
import { Flowchart } from './mermaid.js';
import type { TargetRunbooks } from './target.js';

const MANAGED: Readonly<Partial<Record<string, string>>> = { postgres: 'Azure Database for PostgreSQL', mysql: 'Azure Database for MySQL', mariadb: 'Azure Database for MySQL', redis: 'Azure Cache for Redis' };

const app = (f: RunbookFacts, s: ServiceFacts): string => azureAppName(f.plan, s.service);
const rg = (f: RunbookFacts): string => azureResourceGroup(f.plan);
const repo = (f: RunbookFacts, s: ServiceFacts): string => azureRepository(f.plan, s.service);
const userSecrets = (s: ServiceFacts): string[] => s.secrets.filter((k) => !s.backing.some((b) => b.envVar === k && MANAGED[b.kind]));

function deployment(f: RunbookFacts): string {
  const out = [
    '# Deployment',
    '',
    `How to deploy **${f.plan.name}** to Azure Container Apps with \`deploy/terraform/\` (terraform \`--cloud azure\`). Commands show ${ENV} (resource group \`${rg(f)}\`); set \`ACR\` to the registry name Terraform outputs and \`VAULT\` to the Key Vault name.`,
    '',
    table(['service', 'port', 'health probe', 'container app', 'ACR repository'], f.services.map((s) => [s.name, s.port === null ? '-' : String(s.port), s.health ?? (s.serves ? 'TCP' : '-'), app(f, s), repo(f, s)])),
    '',
    '## First apply of an environment',
    '',
    fence('sh', ['az login', `cd deploy/terraform/environments/${ENV}`, 'terraform init', 'terraform apply -var image_tag=<commit-sha>']),
    '',
  ];
  const secrets = f.services.filter((s) => userSecrets(s).length > 0);
  if (secrets.length > 0) {
    out.push('Terraform writes each Key Vault secret with a placeholder; set the real values before the first deploy:', '');
    out.push(fence('sh', secrets.flatMap((s) => userSecrets(s).map((k) => `az keyvault secret set --vault-name "$VAULT" --name ${azureSecretName(s.service, k)} --value '<value>'`))), '');
  }
  out.push('## Releasing a version', '', 'Push each image with the commit SHA as tag, then apply with that tag:', '',
    fence('sh', ['az acr login --name "$ACR"', ...f.services.map((s) => `docker push "$ACR.azurecr.io/${repo(f, s)}:<commit-sha>"`),
      `terraform -chdir=deploy/terraform/environments/${ENV} apply -var image_tag=<commit-sha>`]), '',
    'A hotfix outside Terraform (the next apply puts Terraform\'s image back):', '',
    fence('sh', f.services.map((s) => `az containerapp update --name ${app(f, s)} --resource-group ${rg(f)} --image "$ACR.azurecr.io/${repo(f, s)}:<commit-sha>"`)), '');
  const migrating = f.services.filter((s) => s.migrate !== null);
  if (migrating.length > 0) {
    out.push('## Migrations', '', 'Run them inside a running replica of the new revision:', '');
    for (const s of migrating) out.push(`${s.name}: ${code(s.migrate ?? '')}`, '', fence('sh', [`az containerapp exec --name ${app(f, s)} --resource-group ${rg(f)} --command ${JSON.stringify(`sh -c '${s.migrate ?? ''}'`)}`]), '');
  }
  return out.join('\n');
}

function rollback(f: RunbookFacts): string {
  return [
    '# Rollback',
    '',
    'The apps run in single revision mode: a failing new revision never takes traffic from the healthy one. To go back to a previous release, list the revisions and activate the last good one (or redeploy its image):',
    '',
    fence('sh', f.services.flatMap((s) => [
      `az containerapp revision list --name ${app(f, s)} --resource-group ${rg(f)} --output table`,
      `az containerapp revision activate --name ${app(f, s)} --resource-group ${rg(f)} --revision <previous-revision>`,
      `az containerapp update --name ${app(f, s)} --resource-group ${rg(f)} --image "$ACR.azurecr.io/${repo(f, s)}:<previous-commit-sha>"`,
    ])),
    '',
    'Then make it permanent, or the next apply deploys Terraform\'s tag again:',
    '',
    fence('sh', [`terraform -chdir=deploy/terraform/environments/${ENV} apply -var image_tag=<previous-commit-sha>`]),
    '',
    ...f.services.filter((s) => s.migrate).map((s) => `Migrations of ${s.name} (${code(s.migrate ?? '')}) are not undone: the previous revision must work with the new schema.`),
    '',
  ].join('\n');
}

function infrastructure(f: RunbookFacts): string {
  const chart = new Flowchart('LR');
  const users = chart.node('users', 'Users', 'round');
  const acr = chart.node('acr', 'Azure Container Registry', 'db');
  const vault = chart.node('vault', 'Key Vault', 'db');
  const logs = chart.node('logs', 'Log Analytics', 'db');
  const vnet = { id: 'vnet', label: `VNet ${envName(f.plan, '<env>')} (Container Apps environment)` };
  for (const s of f.services) {
    const node = chart.node(Flowchart.id('app', s.name), `Container App ${s.name}${s.port !== null ? ` :${s.port}` : ''}`, 'box', vnet);
    if (s.serves) chart.edge(users, node, s.health ? `HTTPS, probe ${s.health}` : 'HTTPS');
    chart.edge(acr, node, `AcrPull: ${image(f, s)}`);
    if (s.secrets.length > 0) chart.edge(vault, node, `${s.secrets.length} secret(s), managed identity`);
    chart.edge(node, logs, 'console logs');
  }
  for (const b of backingKinds(f)) {
    const id = chart.node(Flowchart.id('data', b.kind), MANAGED[b.kind] ?? `${b.kind} (not provisioned: bring your own)`, 'db', MANAGED[b.kind] ? vnet : undefined);
    for (const s of f.services.filter((x) => x.backing.some((y) => y.kind === b.kind))) chart.edge(Flowchart.id('app', s.name), id, b.envVar ?? b.kind);
  }
  return ['# Infrastructure', '', `What \`deploy/terraform\` (\`--cloud azure\`) creates for **${f.plan.name}** in each environment's resource group (\`rg-${envName(f.plan, '<env>')}\`).`, '',
    fence('mermaid', [chart.render()]), '',
    table(['service', 'container app (staging)', 'environment', 'secrets (Key Vault)'], f.services.map((s) => [s.name, app(f, s), names(s.config), names(s.secrets)])), ''].join('\n');
}

function image(f: RunbookFacts, s: ServiceFacts): string {
  return repo(f, s).replace(/^[^/]+\//, '');
}

function troubleshooting(f: RunbookFacts): string {
  const out = ['# Troubleshooting', '', `Commands for **${f.plan.name}** on Azure Container Apps (${ENV} shown, resource group \`${rg(f)}\`).`, ''];
  for (const s of f.services) {
    out.push(`## ${s.name}`, '', fence('sh', [
      `az containerapp show --name ${app(f, s)} --resource-group ${rg(f)} --query '{state:properties.runningStatus,revision:properties.latestRevisionName,fqdn:properties.configuration.ingress.fqdn}'`,
      `az containerapp revision list --name ${app(f, s)} --resource-group ${rg(f)} --query '[].{name:name,active:properties.active,health:properties.healthState,replicas:properties.replicas}' --output table`,
      `az containerapp logs show --name ${app(f, s)} --resource-group ${rg(f)} --tail 100`,
      `az containerapp logs show --name ${app(f, s)} --resource-group ${rg(f)} --type system --tail 50`,
    ]), '');
    const rows = [
      ['revision `Unhealthy` / `Failed`', `the app must listen on 0.0.0.0:${s.port ?? '<port>'}${s.portVar ? ` (${code(s.portVar)})` : ''}; read the system logs`],
      ['secret reference errors', `a Key Vault secret is missing or the managed identity lacks "Key Vault Secrets User": ${names(userSecrets(s).map((k) => azureSecretName(s.service, k)))}`],
      ['image pull failures', `no \`${repo(f, s)}:<tag>\` in ACR, or the identity lacks AcrPull`],
    ];
    if (s.health) rows.push(['probe failures', `GET ${s.health} on port ${s.port ?? ''} must answer 200`]);
    if (s.backing.some((b) => MANAGED[b.kind])) rows.push(['database timeouts', `the servers have private endpoints only, reachable from the environment's VNet (${names(s.backing.map((b) => b.envVar ?? b.kind))})`]);
    out.push(table(['symptom', 'what to check'], rows), '');
  }
  return out.join('\n');
}

export const azureRunbooks: TargetRunbooks = { deployment, rollback, infrastructure, troubleshooting };
