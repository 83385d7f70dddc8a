/**
 * Runbook sections for Google Cloud: the terraform family's Cloud Run services, Artifact Registry,
 * Secret Manager, Cloud SQL and Memorystore (deploy/terraform/environments/<env> with --cloud gcp).
 * Cloud Run keeps every revision, so rollback is a traffic move, not a redeploy.
 */
import { backingKinds, type RunbookFacts, type ServiceFacts } from './facts.js';
import { ENV, envName, gcpSecretId, image, serviceName } from './cloud-names.js';
import { code, fence, names, table } from './markdown.js';
import { Flowchart } from './mermaid.js';
import type { TargetRunbooks } from './target.js';

const MANAGED: Readonly<Partial<Record<string, string>>> = { postgres: 'Cloud SQL PostgreSQL', mysql: 'Cloud SQL MySQL', mariadb: 'Cloud SQL MySQL', redis: 'Memorystore Redis' };
const REGION = '$REGION';

const run = (f: RunbookFacts, s: ServiceFacts, env = ENV): string => serviceName(f.plan, s.service, env);
const registry = (f: RunbookFacts, s: ServiceFacts): string => `${REGION}-docker.pkg.dev/$PROJECT_ID/${run(f, s)}/${image(f.plan, s.service)}`;
/** Secrets the user fills: the data module writes the URLs of the databases it creates itself. */
const userSecrets = (s: ServiceFacts): string[] => s.secrets.filter((k) => !s.backing.some((b) => b.envVar === k && MANAGED[b.kind]));

function deployment(f: RunbookFacts): string {
  const out = [
    '# Deployment',
    '',
    `How to deploy **${f.plan.name}** to Cloud Run with \`deploy/terraform/\` (terraform \`--cloud gcp\`). Commands show ${ENV}; set \`REGION\` (default europe-west1) and \`PROJECT_ID\` first.`,
    '',
    table(['service', 'port', 'health probe', 'Cloud Run service', 'image'], f.services.map((s) => [s.name, s.port === null ? '-' : String(s.port), s.health ?? (s.serves ? 'TCP' : '-'), run(f, s), registry(f, s)])),
    '',
    '## First apply of an environment',
    '',
    fence('sh', [`cd deploy/terraform/environments/${ENV}`, 'terraform init', 'terraform apply -var project_id="$PROJECT_ID" -var image_tag=<commit-sha>']),
    '',
  ];
  const secrets = f.services.filter((s) => userSecrets(s).length > 0);
  if (secrets.length > 0) {
    out.push('Terraform creates each secret empty; add a version before the first deploy:', '');
    out.push(fence('sh', secrets.flatMap((s) => userSecrets(s).map((k) => `printf '%s' '<value>' | gcloud secrets versions add ${gcpSecretId(f.plan, s.service, k)} --data-file=-`))), '');
  }
  out.push('## Releasing a version', '', 'Push each image with the commit SHA as tag, then apply with that tag (Terraform owns the service definition):', '',
    fence('sh', [`gcloud auth configure-docker ${REGION}-docker.pkg.dev`, ...f.services.map((s) => `docker push ${registry(f, s)}:<commit-sha>`),
      `terraform -chdir=deploy/terraform/environments/${ENV} apply -var project_id="$PROJECT_ID" -var image_tag=<commit-sha>`]), '',
    'A hotfix outside Terraform (the next apply puts Terraform\'s image back):', '',
    fence('sh', f.services.map((s) => `gcloud run deploy ${run(f, s)} --region ${REGION} --image ${registry(f, s)}:<commit-sha>`)), '');
  const migrating = f.services.filter((s) => s.migrate !== null);
  if (migrating.length > 0) {
    out.push('## Migrations', '', 'Run them as a Cloud Run job from the same image (add `--network` and `--subnet` as the service has them to reach Cloud SQL):', '');
    for (const s of migrating) out.push(`${s.name}: ${code(s.migrate ?? '')}`, '', fence('sh', [`gcloud run jobs deploy ${run(f, s)}-migrate --region ${REGION} --image ${registry(f, s)}:<commit-sha> --command sh --args=-c,${JSON.stringify(s.migrate ?? '')} --execute-now --wait`]), '');
  }
  return out.join('\n');
}

function rollback(f: RunbookFacts): string {
  return [
    '# Rollback',
    '',
    'Cloud Run keeps the previous revisions: send all traffic back to the last good one (seconds, no rebuild).',
    '',
    fence('sh', f.services.flatMap((s) => [
      `gcloud run revisions list --service ${run(f, s)} --region ${REGION} --limit 5`,
      `gcloud run services update-traffic ${run(f, s)} --region ${REGION} --to-revisions=<previous-revision>=100`,
    ])),
    '',
    'Then make it permanent, or the next apply moves traffic to Terraform\'s image again:',
    '',
    fence('sh', [`terraform -chdir=deploy/terraform/environments/${ENV} apply -var project_id="$PROJECT_ID" -var image_tag=<previous-commit-sha>`]),
    '',
    ...f.services.filter((s) => s.migrate).map((s) => `Migrations of ${s.name} (${code(s.migrate ?? '')}) are not undone: the previous revision must work with the new schema.`),
    '',
  ].join('\n');
}

function infrastructure(f: RunbookFacts): string {
  const chart = new Flowchart('LR');
  const users = chart.node('users', 'Users', 'round');
  const ar = chart.node('registry', 'Artifact Registry', 'db');
  const secrets = chart.node('secrets', 'Secret Manager', 'db');
  const logs = chart.node('logs', 'Cloud Logging', 'db');
  const vpc = { id: 'vpc', label: `VPC ${envName(f.plan, '<env>')} (private services access)` };
  for (const s of f.services) {
    const svc = chart.node(Flowchart.id('run', s.name), `Cloud Run ${s.name}${s.port !== null ? ` :${s.port}` : ''}`, 'box');
    if (s.serves) chart.edge(users, svc, s.health ? `HTTPS, probe ${s.health}` : 'HTTPS');
    chart.edge(ar, svc, image(f.plan, s.service));
    if (s.secrets.length > 0) chart.edge(secrets, svc, `${s.secrets.length} secret(s)`);
    chart.edge(svc, logs, 'stdout');
  }
  for (const b of backingKinds(f)) {
    const id = chart.node(Flowchart.id('data', b.kind), MANAGED[b.kind] ?? `${b.kind} (not provisioned: bring your own)`, 'db', MANAGED[b.kind] ? vpc : undefined);
    for (const s of f.services.filter((x) => x.backing.some((y) => y.kind === b.kind))) chart.edge(Flowchart.id('run', s.name), id, b.envVar ?? b.kind);
  }
  return ['# Infrastructure', '', `What \`deploy/terraform\` (\`--cloud gcp\`) creates for **${f.plan.name}** in each environment (dev, staging, production), each service with its own service account.`, '',
    fence('mermaid', [chart.render()]), '',
    table(['service', 'environment', 'secrets (Secret Manager)'], f.services.map((s) => [s.name, names(s.config), names(s.secrets)])), ''].join('\n');
}

function troubleshooting(f: RunbookFacts): string {
  const out = ['# Troubleshooting', '', `Commands for **${f.plan.name}** on Cloud Run (${ENV} shown).`, ''];
  for (const s of f.services) {
    out.push(`## ${s.name}`, '', fence('sh', [
      `gcloud run services describe ${run(f, s)} --region ${REGION} --format='yaml(status.conditions,status.traffic)'`,
      `gcloud run revisions list --service ${run(f, s)} --region ${REGION} --limit 5`,
      `gcloud run services logs read ${run(f, s)} --region ${REGION} --limit 100`,
      `gcloud logging read 'resource.type="cloud_run_revision" AND resource.labels.service_name="${run(f, s)}" AND severity>=ERROR' --limit 50 --freshness 1h`,
    ]), '');
    const rows = [
      ['revision not ready, `Container failed to start`', `the app must listen on 0.0.0.0 and the port Cloud Run passes in \`PORT\`${s.port !== null ? ` (${s.port})` : ''}; read the logs above`],
      ['`Permission denied on secret`', `the secret has no version yet, or the service account lacks access: ${names(userSecrets(s))}`],
      ['image not found', `no \`${image(f.plan, s.service)}:<tag>\` in the Artifact Registry repository ${run(f, s)}`],
    ];
    if (s.health) rows.push(['startup probe failed', `GET ${s.health} must answer 200 within the probe's window`]);
    if (s.backing.some((b) => MANAGED[b.kind])) rows.push(['database timeouts', `Cloud SQL / Memorystore have private IPs only: the service reaches them through Direct VPC egress (vpc_access in the module) (${names(s.backing.map((b) => b.envVar ?? b.kind))})`]);
    out.push(table(['symptom', 'what to check'], rows), '');
  }
  return out.join('\n');
}

export const gcpRunbooks: TargetRunbooks = { deployment, rollback, infrastructure, troubleshooting };
