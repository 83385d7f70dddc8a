/**
 * deploy/terraform/README.md: how to use what was generated, with the plan's facts (services, the
 * secrets to fill, the data stores) rather than boilerplate. Markdown is text, so lines are joined.
 */
import type { ProjectPlan, ServicePlan } from '../../../plan/schema.js';
import { headerComment } from '../../types.js';
import { projectSlug } from '../names.js';
import type { EnvironmentName } from './environment.js';
import { serviceFacts, type DataNeeds } from './facts.js';

export interface ReadmeInput {
  plan: ProjectPlan;
  services: readonly ServicePlan[];
  environments: readonly EnvironmentName[];
  region: string;
  stateBucket: string;
  lockTable: string;
  needs: DataNeeds;
}

export function awsReadme(input: ReadmeInput): string {
  const { plan, services, region } = input;
  const env = input.environments[0] ?? 'dev';
  const slug = projectSlug(plan);
  const balanced = services.some((s) => serviceFacts(s, input.needs).port !== null);
  const cert = balanced ? ' -var certificate_arn=arn:aws:acm:...' : '';
  let step = 0;
  const next = (): string => `${++step}.`;
  const lines = [
    `${headerComment('<!--', `the plan of ${plan.name}`)} -->`,
    '',
    `# Terraform for ${plan.name} (AWS)`,
    '',
    '- `modules/network`: VPC, public and private subnets over 2-3 zones, NAT, the shared app security group.',
    '- `modules/service`: one ECS Fargate service with its ECR repository, load balancer (servers only), logs, secrets, IAM and autoscaling.',
    ...(input.needs.engine || input.needs.redis ? ['- `modules/data`: ' + [input.needs.engine ? `RDS ${input.needs.engine}` : null, input.needs.redis ? 'ElastiCache Redis' : null].filter(Boolean).join(' and ') + ', private and encrypted; connection URLs in Secrets Manager.'] : []),
    `- \`environments/{${input.environments.join(',')}}\`: one root each, using the modules once per service (${services.map((s) => s.name).join(', ')}).`,
    '',
    '## Before the first apply',
    '',
    `${next()} State: create the S3 bucket \`${input.stateBucket}\` (versioning and encryption on, public access blocked) and the DynamoDB table \`${input.lockTable}\` (partition key \`LockID\`, type String) in ${region}. These names are placeholders: replace them in every \`backend.tf\` (or pass \`-backend-config\`).`,
    ...(balanced ? [`${next()} TLS: request or import an ACM certificate for your domain in the same region and pass its ARN as \`certificate_arn\`.`] : []),
    `${next()} Bootstrap the repositories and secrets, so images and secret values have somewhere to go:`,
    '',
    '```sh',
    `cd deploy/terraform/environments/${env}`,
    'terraform init',
    `terraform apply ${services.map((s) => `-target=module.service_${s.name.replace(/-/g, '_')}.aws_ecr_repository.this -target=module.service_${s.name.replace(/-/g, '_')}.aws_secretsmanager_secret.this`).join(' ')} -var image_tag=bootstrap${cert}`,
    '```',
    '',
  ];
  const secrets = services.flatMap((s) => serviceFacts(s, input.needs).secretNames.map((name) => ({ service: s.name, name })));
  if (secrets.length > 0) {
    lines.push(`${next()} Secrets: Terraform creates them empty and never sees their values. Set each one:`, '', '```sh');
    for (const { service, name } of secrets) lines.push(`aws secretsmanager put-secret-value --secret-id ${slug}-${env}-${service}/${name} --secret-string '...'`);
    lines.push('```', '');
  }
  lines.push(
    `${next()} Push each image to its repository (\`terraform output\` lists them) tagged with the commit SHA, then deploy:`,
    '',
    '```sh',
    `terraform apply -var image_tag=<sha>${cert}`,
    '```',
    '',
  );
  lines.push(
    '## Not generated',
    '',
    '- S3 + CloudFront for static sites: static services run as their nginx container on ECS instead.',
    '- VPC flow logs, WAF, KMS customer-managed keys, a migrations task: add them when you need them.',
    '- Plain environment variables take the defaults found in the code; review them for production (allowed hosts, URLs).',
    '',
  );
  return lines.join('\n');
}
