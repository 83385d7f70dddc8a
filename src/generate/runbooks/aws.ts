/**
 * Runbook sections for AWS: the terraform family's ECS Fargate services behind an ALB, ECR, Secrets
 * Manager, CloudWatch logs and RDS/ElastiCache. Names follow src/generate/terraform (cluster
 * `<slug>-<env>`, service `<slug>-<env>-<service>`, ECR `<env>/<slug>-<service>`).
 */
import { backingKinds, type RunbookFacts, type ServiceFacts } from './facts.js';
import { code, fence, names, shellQuote, table } from './markdown.js';
import { Flowchart } from './mermaid.js';
import type { TargetRunbooks } from './target.js';

const ENV = 'staging';
const MANAGED: Readonly<Partial<Record<string, string>>> = { postgres: 'RDS PostgreSQL', mysql: 'RDS MySQL', mariadb: 'RDS MariaDB', redis: 'ElastiCache Redis' };

/** Shell words of a plan command (quotes respected), for ECS's exec-form `command`. */
function words(command: string): string[] {
  return [...command.matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)].map((m) => m[1] ?? m[2] ?? m[3] ?? '');
}

const cluster = (f: RunbookFacts, env = ENV): string => `${f.slug}-${env}`;
const ecsService = (f: RunbookFacts, s: ServiceFacts, env = ENV): string => `${f.slug}-${env}-${s.name}`;
const repo = (f: RunbookFacts, s: ServiceFacts, env = ENV): string => `${env}/${f.slug}-${s.name}`;

function deployment(f: RunbookFacts): string {
  const r = f.inputs.region;
  const out = [
    '# Deployment',
    '',
    `How to deploy **${f.plan.name}** to AWS ECS Fargate with \`deploy/terraform/\` (region ${r}).`,
    '',
    table(['service', 'port', 'health check', 'ECR repository', 'ECS service (staging)'], f.services.map((s) => [s.name, s.port === null ? '-' : String(s.port), s.health ?? (s.serves ? '/ (200-499)' : '-'), repo(f, s), ecsService(f, s)])),
    '',
    '## First apply of an environment',
    '',
    fence('sh', [`cd deploy/terraform/environments/${ENV}`, 'terraform init', 'terraform apply -var image_tag=<commit-sha> -var certificate_arn=<acm-arn>']),
    '',
  ];
  const secrets = f.services.filter((s) => s.secrets.length > 0);
  if (secrets.length > 0) {
    out.push('Then set each secret (Terraform creates them empty):', '');
    out.push(fence('sh', secrets.flatMap((s) => s.secrets.map((k) => `aws secretsmanager put-secret-value --region ${r} --secret-id ${ecsService(f, s)}/${k} --secret-string '<value>'`))), '');
  }
  out.push('## Releasing a version', '', 'Push the image to each service\'s repository with the commit SHA as tag, then apply with that tag:', '',
    fence('sh', [`aws ecr get-login-password --region ${r} | docker login --username AWS --password-stdin <account>.dkr.ecr.${r}.amazonaws.com`,
      ...f.services.map((s) => `docker push <account>.dkr.ecr.${r}.amazonaws.com/${repo(f, s)}:<commit-sha>`),
      `terraform -chdir=deploy/terraform/environments/${ENV} apply -var image_tag=<commit-sha>`,
      ...f.services.map((s) => `aws ecs wait services-stable --region ${r} --cluster ${cluster(f)} --services ${ecsService(f, s)}`)]), '');
  const migrating = f.services.filter((s) => s.migrate !== null);
  if (migrating.length > 0) {
    out.push('## Migrations', '', 'Run them as a one-off task with the service\'s task definition and network settings (the subnets and security groups `describe-services` shows):', '');
    for (const s of migrating) {
      out.push(`${s.name}: ${code(s.migrate ?? '')}`, '', fence('sh', [`aws ecs run-task --region ${r} --cluster ${cluster(f)} --launch-type FARGATE --task-definition ${ecsService(f, s)} --network-configuration '<from describe-services>' --overrides ${shellQuote(JSON.stringify({ containerOverrides: [{ name: ecsService(f, s), command: words(s.migrate ?? '') }] }))}`]), '');
    }
  }
  return out.join('\n');
}

function rollback(f: RunbookFacts): string {
  const r = f.inputs.region;
  return [
    '# Rollback',
    '',
    'ECS rolls back by itself when new tasks fail their health checks (deployment circuit breaker with rollback). To go back to a previous release by hand, apply the previous image tag:',
    '',
    fence('sh', [`terraform -chdir=deploy/terraform/environments/${ENV} apply -var image_tag=<previous-commit-sha>`]),
    '',
    'Or, faster and outside Terraform (the next apply puts Terraform\'s revision back), point the service at the previous task definition revision:',
    '',
    fence('sh', f.services.flatMap((s) => [
      `aws ecs list-task-definitions --region ${r} --family-prefix ${ecsService(f, s)} --sort DESC --max-items 3`,
      `aws ecs update-service --region ${r} --cluster ${cluster(f)} --service ${ecsService(f, s)} --task-definition ${ecsService(f, s)}:<previous-revision>`,
    ])),
    '',
    ...f.services.filter((s) => s.migrate).map((s) => `Migrations of ${s.name} (${code(s.migrate ?? '')}) are not undone: the previous version must work with the new schema.`),
    '',
  ].join('\n');
}

function infrastructure(f: RunbookFacts): string {
  const chart = new Flowchart('LR');
  const users = chart.node('users', 'Users', 'round');
  const ecr = chart.node('ecr', 'ECR repositories', 'db');
  const secrets = chart.node('secrets', 'Secrets Manager', 'db');
  const logs = chart.node('logs', 'CloudWatch Logs', 'db');
  const vpc = { id: 'vpc', label: `VPC ${f.slug}-<env> (private subnets, NAT)` };
  for (const s of f.services) {
    const task = chart.node(Flowchart.id('ecs', s.name), `ECS Fargate ${s.name}${s.port !== null ? ` :${s.port}` : ''}`, 'box', vpc);
    if (s.serves) {
      const alb = chart.node(Flowchart.id('alb', s.name), `ALB ${s.name} (HTTPS)`, 'hex');
      chart.edge(users, alb, 'HTTPS 443');
      chart.edge(alb, task, s.health ? `health ${s.health}` : 'health /');
    }
    chart.edge(ecr, task, s.image);
    if (s.secrets.length > 0) chart.edge(secrets, task, `${s.secrets.length} secret(s)`);
    chart.edge(task, logs, `/ecs/${f.slug}-<env>-${s.name}`);
  }
  for (const b of backingKinds(f)) {
    const id = chart.node(Flowchart.id('data', b.kind), MANAGED[b.kind] ?? `${b.kind} (not provisioned: bring your own)`, 'db', MANAGED[b.kind] ? vpc : undefined);
    for (const s of f.services.filter((x) => x.backing.some((y) => y.kind === b.kind))) chart.edge(Flowchart.id('ecs', s.name), id, b.envVar ?? b.kind);
  }
  return ['# Infrastructure', '', `What \`deploy/terraform\` creates for **${f.plan.name}** in each environment (dev, staging, production).`, '', fence('mermaid', [chart.render()]), '',
    table(['service', 'environment', 'secrets (Secrets Manager)'], f.services.map((s) => [s.name, names(s.config), names(s.secrets)])), ''].join('\n');
}

function troubleshooting(f: RunbookFacts): string {
  const r = f.inputs.region;
  const out = ['# Troubleshooting', '', `Commands for **${f.plan.name}** on ECS (staging shown; replace \`${ENV}\`).`, ''];
  for (const s of f.services) {
    out.push(`## ${s.name}`, '', fence('sh', [
      `aws ecs describe-services --region ${r} --cluster ${cluster(f)} --services ${ecsService(f, s)} --query 'services[0].{events:events[:5],deployments:deployments}'`,
      `aws logs tail /ecs/${ecsService(f, s)} --region ${r} --follow --since 30m`,
      `aws ecs list-tasks --region ${r} --cluster ${cluster(f)} --service-name ${ecsService(f, s)} --desired-status STOPPED`,
      `aws ecs describe-tasks --region ${r} --cluster ${cluster(f)} --tasks <task-arn> --query 'tasks[0].{stopped:stoppedReason,containers:containers[].reason}'`,
      ...(s.serves ? [`aws elbv2 describe-target-health --region ${r} --target-group-arn "$(aws ecs describe-services --region ${r} --cluster ${cluster(f)} --services ${ecsService(f, s)} --query 'services[0].loadBalancers[0].targetGroupArn' --output text)"`] : []),
    ]), '');
    const rows = [['`ResourceInitializationError` / secrets', `a Secrets Manager value is missing: ${names(s.secrets)}`], ['`CannotPullContainerError`', `no image \`${repo(f, s)}:<tag>\` in ECR, or no NAT route`]];
    if (s.serves) rows.push(['targets unhealthy', `the app must listen on 0.0.0.0:${s.port ?? ''} (${code(s.portVar ?? 'PORT')})${s.health ? ` and answer GET ${s.health} with 200-399` : ''}`]);
    out.push(table(['symptom', 'what to check'], rows), '');
  }
  return out.join('\n');
}

export const awsRunbooks: TargetRunbooks = { deployment, rollback, infrastructure, troubleshooting };
