/** deploy/terraform/gcp/README.md: first-apply steps with this project's services and secrets. */
import type { ProjectPlan, ServicePlan } from '../../../plan/schema.js';
import { headerComment } from '../../types.js';
import { serviceFacts, type DataNeeds } from '../aws/facts.js';
import type { EnvironmentName } from '../aws/environment.js';
import { hclIdent, projectSlug } from '../names.js';
import type { GcpOptions } from './index.js';

export interface GcpReadmeInput {
  plan: ProjectPlan;
  services: readonly ServicePlan[];
  environments: readonly EnvironmentName[];
  options: GcpOptions;
  needs: DataNeeds;
}

export function gcpReadme(input: GcpReadmeInput): string {
  const { plan, services, options, needs } = input;
  const env = input.environments[0] ?? 'dev';
  const slug = projectSlug(plan);
  const project = options.projectId ? '' : ' -var project_id=<your-project>';
  const lines = [
    `${headerComment('<!--', `the plan of ${plan.name}`)} -->`,
    '',
    `# Terraform for ${plan.name} (Google Cloud)`,
    '',
    '- `modules/service`: one Cloud Run service with its Artifact Registry repository, service account, secrets and probes.',
    ...(needs.engine || needs.redis ? ['- `modules/network`: VPC, Direct VPC egress subnetwork, private services access.', `- \`modules/data\`: ${[needs.engine ? 'Cloud SQL' : null, needs.redis ? 'Memorystore Redis' : null].filter(Boolean).join(' and ')}, private IPs only; URLs in Secret Manager.`] : []),
    `- \`environments/{${input.environments.join(',')}}\`: one root each, using the modules once per service (${services.map((s) => s.name).join(', ')}).`,
    '',
    '## Before the first apply',
    '',
    `1. State: create the GCS bucket \`${options.stateBucket}\` (versioning on, uniform bucket-level access) and replace the placeholder in every \`backend.tf\` (or pass \`-backend-config=bucket=...\`).`,
    '2. Bootstrap the repositories and secrets:',
    '',
    '```sh',
    `cd deploy/terraform/gcp/environments/${env}`,
    'terraform init',
    `terraform apply ${services.map((s) => `-target=module.service_${hclIdent(s.name)}.google_artifact_registry_repository.this -target=module.service_${hclIdent(s.name)}.google_secret_manager_secret.this`).join(' ')} -var image_tag=bootstrap${project}`,
    '```',
    '',
  ];
  const secrets = services.flatMap((s) => serviceFacts(s, needs).secretNames.map((name) => ({ service: s.name, name })));
  if (secrets.length > 0) {
    lines.push('3. Secrets: Terraform creates them empty and never sees their values. Add a version to each:', '', '```sh');
    for (const { service, name } of secrets) lines.push(`printf '%s' '...' | gcloud secrets versions add ${slug}-${env}-${service}-${name} --data-file=-`);
    lines.push('```', '');
  }
  lines.push(
    `${secrets.length > 0 ? 4 : 3}. Push each image (\`terraform output\` lists the repositories) tagged with the commit SHA, then deploy:`,
    '',
    '```sh',
    `terraform apply -var image_tag=<sha>${project}`,
    '```',
    '',
    '## Not generated',
    '',
    '- A global external load balancer with Cloud Armor and your own domain: web services use Cloud Run\'s own HTTPS URL (map a domain with `gcloud run domain-mappings` or add the load balancer and set `ingress` to INGRESS_TRAFFIC_INTERNAL_LOAD_BALANCER).',
    '- Workload Identity Federation for CI, a migrations job, customer-managed encryption keys.',
    '',
  );
  return lines.join('\n');
}
