/**
 * Runbook sections for Hetzner Cloud: the terraform family's servers booting with cloud-init
 * (Docker + the app's compose file in /opt/app, compose service `app`), a private network, a firewall
 * allowing SSH from var.ssh_allowed_cidrs only, load balancers for web services and a `<env>-data`
 * server running the databases in compose on a volume.
 */
import { backingKinds, type RunbookFacts, type ServiceFacts } from './facts.js';
import { ENV, envName, image, serviceName } from './cloud-names.js';
import { code, fence, names, table } from './markdown.js';
import { Flowchart } from './mermaid.js';
import type { TargetRunbooks } from './target.js';

const MANAGED: Readonly<Partial<Record<string, string>>> = { postgres: 'db (postgres:16-alpine)', mysql: 'db (mysql:8.4)', mariadb: 'db (mariadb:11.4)', redis: 'redis' };
const COMPOSE = 'docker compose --project-directory /opt/app';

const label = (f: RunbookFacts, s: ServiceFacts): string => serviceName(f.plan, s.service);
const dataServer = (f: RunbookFacts): string => `${envName(f.plan)}-data`;
/** Public IPs of a service's servers (labelled service=<name>). */
const ips = (f: RunbookFacts, s: ServiceFacts): string => `hcloud server list --selector service=${label(f, s)} -o noheader -o columns=ipv4`;
/** Rewrites the tag of the app image in /opt/app/compose.yaml, then pulls and restarts `app`. */
const retag = (s: ServiceFacts, f: RunbookFacts, tag: string): string =>
  `sed -i 's|/${image(f.plan, s.service)}:[^"]*|/${image(f.plan, s.service)}:${tag}|' /opt/app/compose.yaml && ${COMPOSE} pull app && ${COMPOSE} up --detach app`;
const userSecrets = (s: ServiceFacts): string[] => s.secrets.filter((k) => !s.backing.some((b) => b.envVar === k && MANAGED[b.kind]));

function deployment(f: RunbookFacts): string {
  const out = [
    '# Deployment',
    '',
    `How to deploy **${f.plan.name}** to Hetzner Cloud with \`deploy/terraform/\` (terraform \`--cloud hetzner\`). Commands show ${ENV}; export \`HCLOUD_TOKEN\` for terraform and the \`hcloud\` CLI. SSH is open only to \`ssh_allowed_cidrs\`.`,
    '',
    table(['service', 'port', 'health check', 'servers (label service=)', 'image'], f.services.map((s) => [s.name, s.port === null ? '-' : String(s.port), s.health ?? (s.serves ? 'TCP' : '-'), label(f, s), `<image_registry>/${image(f.plan, s.service)}`])),
    '',
    '## First apply of an environment',
    '',
    fence('sh', [`cd deploy/terraform/environments/${ENV}`, 'terraform init', `terraform apply -var image_tag=<commit-sha> -var ssh_public_key="$(cat ~/.ssh/id_ed25519.pub)" -var 'ssh_allowed_cidrs=["<your-ip>/32"]'`]),
    '',
  ];
  const secrets = f.services.filter((s) => userSecrets(s).length > 0);
  if (secrets.length > 0) {
    out.push('Secrets go in as sensitive map variables (written to /opt/app/.env, mode 0600); keep them in a git-ignored `secrets.auto.tfvars`:', '');
    out.push(fence('hcl', secrets.map((s) => `${s.name.replace(/[^A-Za-z0-9_]/g, '_')}_secrets = { ${userSecrets(s).map((k) => `${k} = "<value>"`).join(', ')} }`)), '');
  }
  out.push('## Releasing a version', '', 'Push each image with the commit SHA as tag and apply with that tag. The tag is part of the cloud-init, so Terraform creates new servers, attaches them to the load balancer, then removes the old ones (create_before_destroy):', '',
    fence('sh', [...f.services.map((s) => `docker push <image_registry>/${image(f.plan, s.service)}:<commit-sha>`), `terraform -chdir=deploy/terraform/environments/${ENV} apply -var image_tag=<commit-sha>`]), '',
    'A hotfix on the running servers, without replacing them (the next apply replaces them with Terraform\'s tag):', '',
    fence('sh', f.services.map((s) => `for ip in $(${ips(f, s)}); do ssh root@"$ip" ${JSON.stringify(retag(s, f, '<commit-sha>'))}; done`)), '');
  const migrating = f.services.filter((s) => s.migrate !== null);
  if (migrating.length > 0) {
    out.push('## Migrations', '', 'Run them once, on one server of the service:', '');
    for (const s of migrating) out.push(`${s.name}: ${code(s.migrate ?? '')}`, '', fence('sh', [`ssh root@"$(${ips(f, s)} | head -n 1)" ${JSON.stringify(`${COMPOSE} exec app sh -c '${s.migrate ?? ''}'`)}`]), '');
  }
  return out.join('\n');
}

function rollback(f: RunbookFacts): string {
  return [
    '# Rollback',
    '',
    'Apply the previous image tag: Terraform brings up servers with it and only then removes the current ones.',
    '',
    fence('sh', [`terraform -chdir=deploy/terraform/environments/${ENV} apply -var image_tag=<previous-commit-sha>`]),
    '',
    'Faster, on the running servers (compose service `app` in /opt/app; the next apply replaces the servers with Terraform\'s tag):',
    '',
    fence('sh', f.services.map((s) => `for ip in $(${ips(f, s)}); do ssh root@"$ip" "docker image ls --format '{{.Repository}}:{{.Tag}}' | grep ${image(f.plan, s.service)}"; done   # which tags are on the host`)),
    '',
    'Then point compose at the previous tag on each server:',
    '',
    fence('sh', f.services.map((s) => `for ip in $(${ips(f, s)}); do ssh root@"$ip" ${JSON.stringify(retag(s, f, '<previous-commit-sha>'))}; done`)),
    '',
    ...f.services.filter((s) => s.migrate).map((s) => `Migrations of ${s.name} (${code(s.migrate ?? '')}) are not undone: the previous version must work with the new schema.`),
    '',
  ].join('\n');
}

function infrastructure(f: RunbookFacts): string {
  const chart = new Flowchart('LR');
  const users = chart.node('users', 'Users', 'round');
  const admins = chart.node('admins', 'Admins (ssh_allowed_cidrs)', 'round');
  const net = { id: 'net', label: `private network ${envName(f.plan, '<env>')}` };
  for (const s of f.services) {
    const servers = chart.node(Flowchart.id('srv', s.name), `servers ${s.name}: Docker Compose app${s.port !== null ? ` :${s.port}` : ''}`, 'box', net);
    if (s.serves) {
      const lb = chart.node(Flowchart.id('lb', s.name), `Load balancer ${s.name}`, 'hex');
      chart.edge(users, lb, 'HTTP(S)');
      chart.edge(lb, servers, s.health ? `health ${s.health}` : 'TCP check');
    }
    chart.edge(admins, servers, 'SSH 22 (firewall)');
  }
  const data = backingKinds(f).filter((b) => MANAGED[b.kind]);
  if (data.length > 0) {
    const db = chart.node('data', `server ${envName(f.plan, '<env>')}-data: ${data.map((b) => MANAGED[b.kind]).join(', ')} on a volume`, 'db', net);
    for (const s of f.services.filter((x) => x.backing.some((y) => MANAGED[y.kind]))) chart.edge(Flowchart.id('srv', s.name), db, names(s.backing.filter((b) => MANAGED[b.kind]).map((b) => b.envVar ?? b.kind)).replace(/`/g, ''));
  }
  for (const b of backingKinds(f).filter((x) => !MANAGED[x.kind] && x.kind !== 'sqlite')) {
    const id = chart.node(Flowchart.id('ext', b.kind), `${b.kind} (not provisioned: bring your own)`, 'db');
    for (const s of f.services.filter((x) => x.backing.some((y) => y.kind === b.kind))) chart.edge(Flowchart.id('srv', s.name), id, b.envVar ?? b.kind);
  }
  return ['# Infrastructure', '', `What \`deploy/terraform\` (\`--cloud hetzner\`) creates for **${f.plan.name}** in each environment. Every server boots with cloud-init: Docker, /opt/app/compose.yaml and its .env, then \`docker compose up\`. The firewall allows SSH from the allowlist only; load balancers reach the app over the private network.`, '',
    fence('mermaid', [chart.render()]), '',
    table(['service', 'environment', 'secrets (/opt/app/.env)'], f.services.map((s) => [s.name, names(s.config), names(s.secrets)])), ''].join('\n');
}

function troubleshooting(f: RunbookFacts): string {
  const out = ['# Troubleshooting', '', `Commands for **${f.plan.name}** on Hetzner Cloud (${ENV} shown).`, '', '## Every service', '',
    fence('sh', [`hcloud server list --selector service --output columns=name,status,ipv4,labels`, 'hcloud load-balancer list', ...(backingKinds(f).some((b) => MANAGED[b.kind]) ? [`ssh root@"$(hcloud server ip ${dataServer(f)})" "${COMPOSE} ps"`] : [])]), ''];
  for (const s of f.services) {
    out.push(`## ${s.name}`, '', fence('sh', [
      ips(f, s),
      `ssh root@<server-ip> "${COMPOSE} ps && ${COMPOSE} logs --tail 200 app"`,
      'ssh root@<server-ip> "cloud-init status --long; tail -n 50 /var/log/cloud-init-output.log"   # first boot',
      ...(s.serves ? [`hcloud load-balancer describe ${label(f, s)}   # target health`] : []),
    ]), '');
    const rows = [
      ['SSH times out', 'your address is not in `ssh_allowed_cidrs` (the firewall drops everything else)'],
      ['`app` restarting', `\`logs app\`; a missing setting in /opt/app/.env is the usual cause: ${names([...s.config, ...s.secrets])}`],
      ['image pull denied', `no \`${image(f.plan, s.service)}:<tag>\` in the registry, or registry_username / registry_password are unset`],
    ];
    if (s.serves) rows.push(['load balancer targets unhealthy', `the app must listen on 0.0.0.0:${s.port ?? ''}${s.health ? ` and answer GET ${s.health}` : ''} on the private network`]);
    if (s.backing.some((b) => MANAGED[b.kind])) rows.push(['database refused', `the ${dataServer(f)} server's compose stack is down, or its volume is not mounted (\`ssh\` to it and \`${COMPOSE} ps\`)`]);
    out.push(table(['symptom', 'what to check'], rows), '');
  }
  return out.join('\n');
}

export const hetznerRunbooks: TargetRunbooks = { deployment, rollback, infrastructure, troubleshooting };
