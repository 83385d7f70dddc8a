/** deploy/terraform/hetzner/README.md: first-apply steps with this project's services and secrets. */
import type { ProjectPlan, ServicePlan } from '../../../plan/schema.js';
import { headerComment } from '../../types.js';
import { serviceFacts, type DataNeeds } from '../aws/facts.js';
import type { EnvironmentName } from '../aws/environment.js';
import { hclIdent } from '../names.js';
import type { HetznerOptions } from './index.js';

export interface HetznerReadmeInput {
  plan: ProjectPlan;
  services: readonly ServicePlan[];
  environments: readonly EnvironmentName[];
  options: HetznerOptions;
  needs: DataNeeds;
}

export function hetznerReadme(input: HetznerReadmeInput): string {
  const { plan, services, options, needs } = input;
  const env = input.environments[0] ?? 'dev';
  const lines = [
    `${headerComment('<!--', `the plan of ${plan.name}`)} -->`,
    '',
    `# Terraform for ${plan.name} (Hetzner Cloud)`,
    '',
    '- `modules/network`: the private network.',
    '- `modules/service`: servers booting Docker Compose with cloud-init, a firewall (SSH from an allowlist only), a load balancer for web services.',
    ...(needs.engine || needs.redis ? ['- `modules/data`: one server running the data stores as containers, data on a Hetzner volume, private IP only.'] : []),
    `- \`environments/{${input.environments.join(',')}}\`: one root each, using the modules once per service (${services.map((s) => s.name).join(', ')}).`,
    '',
    '## Before the first apply',
    '',
    `1. State: create the bucket \`${options.stateBucket}\` in Hetzner Object Storage (${options.stateEndpoint}), replace the placeholder in every \`backend.tf\`, and export its S3 keys as \`AWS_ACCESS_KEY_ID\` / \`AWS_SECRET_ACCESS_KEY\`. Terraform 1.10 or later (for the S3 lock file).`,
    '2. Export an API token of the project: `export HCLOUD_TOKEN=...`.',
    '3. Push the images to a registry the servers can pull from (`image_registry`, e.g. ghcr.io/you; set `registry_username` / `registry_password` for private images).',
    '4. Put the values in a `secrets.auto.tfvars` you keep out of git:',
    '',
    '```hcl',
    'ssh_public_key    = "ssh-ed25519 AAAA... you@laptop"',
    'ssh_allowed_cidrs = ["203.0.113.10/32"]',
    'image_registry    = "ghcr.io/you"',
  ];
  for (const service of services) {
    const facts = serviceFacts(service, needs);
    if (facts.secretNames.length > 0) lines.push(`${hclIdent(service.name)}_secrets = { ${facts.secretNames.map((n) => `${n} = "..."`).join(', ')} }`);
  }
  lines.push(
    '```',
    '',
    '5. Apply:',
    '',
    '```sh',
    `cd deploy/terraform/hetzner/environments/${env}`,
    'terraform init',
    'terraform apply -var image_tag=<sha>',
    '```',
    '',
    'A new `image_tag` changes the servers\' cloud-config: Terraform creates new servers before it removes the old ones, and the load balancer (which picks servers by label) only sends them traffic once its health check passes. The data server is never rebuilt by a plain apply.',
    '',
    '## Not generated',
    '',
    '- Backups of the data volume (Hetzner snapshots or database dumps to Object Storage), monitoring, a floating IP.',
    '- TLS for plain-HTTP load balancers: set `<service>_domains` to get a managed certificate and HTTPS with an HTTP redirect.',
    '',
  );
  return lines.join('\n');
}
