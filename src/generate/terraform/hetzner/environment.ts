/**
 * hetzner/environments/<env>/: one root per environment. The admin SSH key, the private network, the
 * data server when a service needs a database or Redis, and the service module once per plan service.
 * State lives in an S3-compatible bucket (Hetzner Object Storage by default) with Terraform's S3 lock
 * file, which needs Terraform 1.10 or later (Hetzner has no DynamoDB for the classic lock table).
 */
import type { ProjectPlan, ServicePlan } from '../../../plan/schema.js';
import { attr, attrs, block, comment, expr, ref, renderFile, type Block, type BodyItem, type HclValue } from '../hcl.js';
import { hclIdent, imageName, projectSlug } from '../names.js';
import { serviceFacts, type DataNeeds } from '../aws/facts.js';
import type { EnvironmentName } from '../aws/environment.js';
import { output, variable, versionsFile, type ModuleFiles } from '../shared/common.js';

interface Sizing {
  range: string;
  serverType: string;
  jvmType: string;
  count: number;
  dataType: string;
  volume: number;
  protect: boolean;
}

export const HETZNER_SIZING: Record<EnvironmentName, Sizing> = {
  dev: { range: '10.51.0.0/16', serverType: 'cx22', jvmType: 'cx32', count: 1, dataType: 'cx22', volume: 10, protect: false },
  staging: { range: '10.52.0.0/16', serverType: 'cx22', jvmType: 'cx32', count: 1, dataType: 'cx22', volume: 20, protect: false },
  production: { range: '10.53.0.0/16', serverType: 'cx32', jvmType: 'cx42', count: 2, dataType: 'cx32', volume: 50, protect: true },
};

export const NETWORK_ZONES: Record<string, string> = { fsn1: 'eu-central', nbg1: 'eu-central', hel1: 'eu-central', ash: 'us-east', hil: 'us-west', sin: 'ap-southeast' };

/** Terraform 1.10 brought `use_lockfile` to the S3 backend; older versions could not lock this state. */
export const HETZNER_TERRAFORM_VERSION = '~> 1.10';

const URL_OUTPUTS: Record<string, string> = { database_url_secret_arn: 'database_url', redis_url_secret_arn: 'redis_url' };

export interface HetznerEnvironmentInput {
  plan: ProjectPlan;
  services: readonly ServicePlan[];
  env: EnvironmentName;
  location: string;
  stateBucket: string;
  stateEndpoint: string;
  needs: DataNeeds;
  header: string;
}

const hasData = (needs: DataNeeds): boolean => Boolean(needs.engine) || needs.redis;

function serviceModule(input: HetznerEnvironmentInput, service: ServicePlan): Block {
  const sizing = HETZNER_SIZING[input.env];
  const facts = serviceFacts(service, input.needs);
  const jvm = service.language === 'java' || service.language === 'kotlin';
  const id = hclIdent(service.name);
  const urls: Record<string, HclValue> = {};
  for (const [name, out] of Object.entries(facts.externalSecrets)) urls[name] = ref('module.data', URL_OUTPUTS[out] ?? out);
  const body: BodyItem[] = [
    attr('source', '../../modules/service'),
    ...attrs({
      name: expr(`"\${local.name}-${service.name}"`),
      location: ref('var.location'),
      network_id: ref('module.network.network_id'),
      ssh_key_ids: [ref('hcloud_ssh_key.admin.id')],
      ssh_allowed_cidrs: ref('var.ssh_allowed_cidrs'),
      server_type: jvm ? sizing.jvmType : sizing.serverType,
      server_count: sizing.count,
      image_repository: expr(`"\${var.image_registry}/${imageName(input.plan, service)}"`),
      image_tag: ref('var.image_tag'),
      registry_username: ref('var.registry_username'),
      registry_password: ref('var.registry_password'),
    }),
  ];
  if (facts.port !== null) body.push(...attrs({ port: facts.port, health_check_path: facts.healthPath, domains: ref(`var.${id}_domains`), delete_protection: sizing.protect }));
  if (facts.port !== null && !facts.healthMatcher.startsWith('200-3')) body.push(attr('health_check_status_codes', ['2??', '3??', '4??'], ['No health route in the plan: any answer below 500 counts as up.']));
  const envComment = facts.unset.length > 0 ? [`The app reads ${facts.unset.join(', ')} without a default: add ${facts.unset.length === 1 ? 'it' : 'them'} here.`] : undefined;
  body.push(attr('environment', facts.environment, envComment));
  const secrets = Object.keys(urls).length > 0 ? expr(`merge(var.${id}_secrets, { ${Object.entries(urls).map(([k, v]) => `${k} = ${(v as { text: string }).text}`).join(', ')} })`) : ref(`var.${id}_secrets`);
  body.push(attr('secrets', secrets, facts.secretNames.length > 0 ? [`Set ${facts.secretNames.join(', ')} in ${id}_secrets (a .tfvars file you keep out of git, or TF_VAR_${id}_secrets).`] : undefined));
  body.push(attr('labels', { service: service.name }));
  return block('module', [`service_${id}`], body, [`${service.name} (${service.kind}, ${service.path || 'repository root'})`]);
}

function main(input: HetznerEnvironmentInput): BodyItem[] {
  const sizing = HETZNER_SIZING[input.env];
  const items: BodyItem[] = [
    block('provider', ['hcloud'], []),
    block('locals', [], [attr('name', `${projectSlug(input.plan)}-${input.env}`)]),
    block('resource', ['hcloud_ssh_key', 'admin'], attrs({ name: expr('"${local.name}-admin"'), public_key: ref('var.ssh_public_key') })),
    block('module', ['network'], [
      attr('source', '../../modules/network'),
      ...attrs({ name: ref('local.name'), ip_range: ref('var.ip_range'), network_zone: NETWORK_ZONES[input.location] ?? 'eu-central' }),
    ]),
  ];
  if (hasData(input.needs)) {
    items.push(block('module', ['data'], [
      attr('source', '../../modules/data'),
      ...attrs({
        name: ref('local.name'),
        location: ref('var.location'),
        network_id: ref('module.network.network_id'),
        private_ip: expr('cidrhost(module.network.subnet_ip_range, 10)'),
        ssh_key_ids: [ref('hcloud_ssh_key.admin.id')],
        ssh_allowed_cidrs: ref('var.ssh_allowed_cidrs'),
        server_type: sizing.dataType,
        volume_size: sizing.volume,
        engine: input.needs.engine ?? 'none',
        redis: input.needs.redis,
        delete_protection: sizing.protect,
      }),
    ]));
  }
  for (const service of input.services) items.push(serviceModule(input, service));
  return items;
}

function variables(input: HetznerEnvironmentInput): Block[] {
  const blocks = [
    variable('location', {
      type: 'string',
      description: 'Hetzner location.',
      default: input.location,
      validation: { condition: 'contains(["fsn1", "nbg1", "hel1", "ash", "hil", "sin"], var.location)', message: 'location must be a Hetzner Cloud location (fsn1, nbg1, hel1, ash, hil, sin).' },
    }),
    variable('ip_range', { type: 'string', description: 'Private network range of this environment (a /16).', default: HETZNER_SIZING[input.env].range }),
    variable('ssh_public_key', {
      type: 'string',
      description: 'Public key installed for root on every server.',
      validation: { condition: 'can(regex("^(ssh-ed25519|ssh-rsa|ecdsa-sha2-nistp(256|384|521)) ", var.ssh_public_key))', message: 'ssh_public_key must be an OpenSSH public key line.' },
    }),
    variable('ssh_allowed_cidrs', { type: 'list(string)', description: 'Addresses allowed to SSH in (your office, a bastion); empty closes SSH.', default: [] }),
    variable('image_registry', {
      type: 'string',
      description: 'Registry and owner the images are pushed to (ghcr.io/acme).',
      validation: { condition: 'can(regex("^[a-z0-9.-]+(:[0-9]+)?(/[a-z0-9._-]+)*$", var.image_registry))', message: 'image_registry must look like ghcr.io/owner.' },
    }),
    variable('registry_username', { type: 'string', description: 'Registry user for private images (null for public ones).', default: null }),
    variable('registry_password', { type: 'string', description: 'Registry token for private images.', default: null, sensitive: true }),
    variable('image_tag', { type: 'string', description: 'Image tag to deploy for every service (the commit SHA your pipeline pushed).' }),
  ];
  for (const service of input.services) {
    const id = hclIdent(service.name);
    const facts = serviceFacts(service, input.needs);
    const names = facts.secretNames.filter((n) => !(n in facts.externalSecrets));
    blocks.push(variable(`${id}_secrets`, { type: 'map(string)', description: names.length > 0 ? `Secret env vars of ${service.name}: ${names.join(', ')}.` : `Secret env vars of ${service.name} (none known).`, default: {}, sensitive: true }));
    if (facts.port !== null) blocks.push(variable(`${id}_domains`, { type: 'list(string)', description: `Domains of ${service.name}: a managed certificate and HTTPS (empty: plain HTTP on port 80).`, default: [] }));
  }
  return blocks;
}

function outputs(input: HetznerEnvironmentInput): Block[] {
  const blocks: Block[] = [];
  for (const service of input.services) {
    const id = hclIdent(service.name);
    if (serviceFacts(service, input.needs).port !== null) blocks.push(output(`${id}_load_balancer_ipv4`, `Load balancer of ${service.name}: point its domains here.`, ref(`module.service_${id}`, 'load_balancer_ipv4')));
    blocks.push(output(`${id}_server_ipv4`, `Servers of ${service.name}.`, ref(`module.service_${id}`, 'server_ipv4')));
  }
  if (hasData(input.needs)) blocks.push(output('data_server_ipv4', 'Data server (SSH from the allowlist).', ref('module.data.server_ipv4')));
  return blocks;
}

function backend(input: HetznerEnvironmentInput): BodyItem[] {
  return [
    comment(
      'Remote state in an S3-compatible bucket (Hetzner Object Storage by default), locked with an S3 lock file',
      '(Terraform 1.10+). Create the bucket once and pass its keys as AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY.',
    ),
    block('terraform', [], [block('backend', ['s3'], [
      ...attrs({
        bucket: input.stateBucket,
        key: `${projectSlug(input.plan)}/${input.env}/terraform.tfstate`,
        region: 'us-east-1',
        endpoints: { s3: input.stateEndpoint },
        use_lockfile: true,
        use_path_style: true,
        skip_credentials_validation: true,
        skip_region_validation: true,
        skip_requesting_account_id: true,
        skip_metadata_api_check: true,
        skip_s3_checksum: true,
      }),
    ], ['region is required by the S3 backend but ignored by Hetzner; the skip_* flags turn off AWS-only calls.'])]),
  ];
}

export function hetznerEnvironmentRoot(input: HetznerEnvironmentInput): ModuleFiles {
  return {
    'main.tf': renderFile(main(input), input.header),
    'variables.tf': renderFile(variables(input), input.header),
    'outputs.tf': renderFile(outputs(input), input.header),
    'backend.tf': renderFile(backend(input), input.header),
    'versions.tf': versionsFile(input.header, hasData(input.needs) ? ['hcloud', 'random'] : ['hcloud'], HETZNER_TERRAFORM_VERSION),
  };
}
