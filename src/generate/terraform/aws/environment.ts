/**
 * environments/<env>/: one Terraform root per environment, using the modules once per plan service.
 * Sizes differ per environment (table below); the plan's facts (ports, health routes, env vars,
 * secrets, data stores) are the same everywhere. State lives in S3 with a DynamoDB lock table.
 */
import type { ProjectPlan, ServicePlan } from '../../../plan/schema.js';
import { attr, attrs, block, comment, expr, ref, renderFile, type Block, type BodyItem, type HclValue } from '../hcl.js';
import { hclIdent, imageName, projectSlug } from '../names.js';
import { output, variable, versionsFile, type ProviderName } from './common.js';
import { ENGINE_VERSIONS, serviceFacts, type DataNeeds } from './facts.js';
import type { ModuleFiles } from './types.js';

export type EnvironmentName = 'dev' | 'staging' | 'production';

interface Sizing {
  cidr: string;
  azCount: number;
  singleNat: boolean;
  cpu: number;
  memory: number;
  desired: number;
  min: number;
  max: number;
  logDays: number;
  dbClass: string;
  cacheNode: string;
  multiAz: boolean;
  protect: boolean;
  backupDays: number;
  secretRecoveryDays: number;
}

/** Small and cheap for dev, production-shaped for staging, redundant and protected for production. */
export const SIZING: Record<EnvironmentName, Sizing> = {
  dev: { cidr: '10.10.0.0/16', azCount: 2, singleNat: true, cpu: 256, memory: 512, desired: 1, min: 1, max: 2, logDays: 14, dbClass: 'db.t4g.micro', cacheNode: 'cache.t4g.micro', multiAz: false, protect: false, backupDays: 1, secretRecoveryDays: 7 },
  staging: { cidr: '10.20.0.0/16', azCount: 2, singleNat: true, cpu: 512, memory: 1024, desired: 1, min: 1, max: 3, logDays: 30, dbClass: 'db.t4g.small', cacheNode: 'cache.t4g.small', multiAz: false, protect: false, backupDays: 7, secretRecoveryDays: 7 },
  production: { cidr: '10.30.0.0/16', azCount: 3, singleNat: false, cpu: 512, memory: 1024, desired: 2, min: 2, max: 6, logDays: 90, dbClass: 'db.t4g.medium', cacheNode: 'cache.t4g.medium', multiAz: true, protect: true, backupDays: 14, secretRecoveryDays: 30 },
};

/** JVM services get at least 1 vCPU / 2 GiB: the JIT and heap need it to start within the grace period. */
function taskSize(service: ServicePlan, sizing: Sizing): { cpu: number; memory: number } {
  const jvm = service.language === 'java' || service.language === 'kotlin';
  return jvm ? { cpu: Math.max(sizing.cpu, 1024), memory: Math.max(sizing.memory, 2048) } : { cpu: sizing.cpu, memory: sizing.memory };
}

export interface EnvironmentInput {
  plan: ProjectPlan;
  services: readonly ServicePlan[];
  env: EnvironmentName;
  region: string;
  stateBucket: string;
  lockTable: string;
  needs: DataNeeds;
  header: string;
}

function serviceModule(input: EnvironmentInput, service: ServicePlan): Block {
  const sizing = SIZING[input.env];
  const facts = serviceFacts(service, input.needs);
  const size = taskSize(service, sizing);
  const external: Record<string, HclValue> = {};
  for (const [name, out] of Object.entries(facts.externalSecrets)) external[name] = ref('module.data', out);
  const body: BodyItem[] = [
    attr('source', '../../modules/service'),
    ...attrs({
      name: expr(`"\${local.name}-${service.name}"`),
      repository_name: `${input.env}/${imageName(input.plan, service)}`,
      image_tag: ref('var.image_tag'),
      cluster_arn: ref('aws_ecs_cluster.this.arn'),
      cluster_name: ref('aws_ecs_cluster.this.name'),
      vpc_id: ref('module.network.vpc_id'),
      public_subnet_ids: ref('module.network.public_subnet_ids'),
      private_subnet_ids: ref('module.network.private_subnet_ids'),
      security_group_ids: [ref('module.network.app_security_group_id')],
    }),
  ];
  if (facts.port !== null) {
    body.push(...attrs({
      port: facts.port,
      health_check_path: facts.healthPath,
      health_check_matcher: facts.healthMatcher,
      certificate_arn: ref('var.certificate_arn'),
      deletion_protection: sizing.protect,
    }));
  }
  body.push(...attrs({
    cpu: size.cpu,
    memory: size.memory,
    desired_count: sizing.desired,
    min_count: sizing.min,
    max_count: sizing.max,
    log_retention_days: sizing.logDays,
    secret_recovery_window_days: sizing.secretRecoveryDays,
  }));
  const envComment = facts.unset.length > 0 ? [`The app reads ${facts.unset.join(', ')} without a default: add ${facts.unset.length === 1 ? 'it' : 'them'} here.`] : undefined;
  body.push(attr('environment', facts.environment, envComment));
  if (facts.secretNames.length > 0) body.push(attr('secret_names', facts.secretNames, ['Created empty: set each value with `aws secretsmanager put-secret-value` before the first deploy.']));
  if (Object.keys(external).length > 0) body.push(attr('external_secrets', external));
  body.push(attr('tags', { Service: service.name }));
  return block('module', [`service_${hclIdent(service.name)}`], body, [`${service.name} (${service.kind}, ${service.path || 'repository root'})`]);
}

function dataModule(input: EnvironmentInput): Block {
  const sizing = SIZING[input.env];
  const { engine, redis } = input.needs;
  return block('module', ['data'], [
    attr('source', '../../modules/data'),
    ...attrs({
      name: ref('local.name'),
      vpc_id: ref('module.network.vpc_id'),
      private_subnet_ids: ref('module.network.private_subnet_ids'),
      client_security_group_id: ref('module.network.app_security_group_id'),
      engine: engine ?? 'none',
      engine_version: engine ? ENGINE_VERSIONS[engine] : undefined,
      instance_class: engine ? sizing.dbClass : undefined,
      redis: redis,
      redis_node_type: redis ? sizing.cacheNode : undefined,
      multi_az: sizing.multiAz,
      deletion_protection: sizing.protect,
      backup_retention_days: sizing.backupDays,
      secret_recovery_window_days: sizing.secretRecoveryDays,
    }),
  ]);
}

function main(input: EnvironmentInput): BodyItem[] {
  const sizing = SIZING[input.env];
  const items: BodyItem[] = [
    block('provider', ['aws'], [
      attr('region', ref('var.region')),
      block('default_tags', [], [attr('tags', { Project: input.plan.name, Environment: input.env, ManagedBy: 'terraform' })]),
    ]),
    block('locals', [], [attr('name', `${projectSlug(input.plan)}-${input.env}`)]),
    block('module', ['network'], [
      attr('source', '../../modules/network'),
      ...attrs({ name: ref('local.name'), cidr: ref('var.vpc_cidr'), az_count: sizing.azCount, single_nat_gateway: sizing.singleNat }),
    ]),
    block('resource', ['aws_ecs_cluster', 'this'], [
      attr('name', ref('local.name')),
      block('setting', [], attrs({ name: 'containerInsights', value: 'enabled' })),
    ]),
  ];
  if (input.needs.engine || input.needs.redis) items.push(dataModule(input));
  for (const service of input.services) items.push(serviceModule(input, service));
  return items;
}

function variables(input: EnvironmentInput): Block[] {
  const blocks = [
    variable('region', { type: 'string', description: 'AWS region.', default: input.region }),
    variable('vpc_cidr', { type: 'string', description: 'CIDR block of this environment\'s VPC.', default: SIZING[input.env].cidr }),
    variable('image_tag', { type: 'string', description: 'Image tag to deploy for every service (the commit SHA your pipeline pushed).' }),
  ];
  if (input.services.some((s) => serviceFacts(s, input.needs).port !== null)) {
    blocks.push(variable('certificate_arn', { type: 'string', description: 'ACM certificate (same region) for the load balancers\' HTTPS listeners.' }));
  }
  return blocks;
}

function outputs(input: EnvironmentInput): Block[] {
  const blocks = [output('cluster_name', 'ECS cluster.', ref('aws_ecs_cluster.this.name')), output('vpc_id', 'VPC of the environment.', ref('module.network.vpc_id'))];
  for (const service of input.services) {
    const id = hclIdent(service.name);
    blocks.push(output(`${id}_repository_url`, `ECR repository of ${service.name}.`, ref(`module.service_${id}`, 'repository_url')));
    if (serviceFacts(service, input.needs).port !== null) {
      blocks.push(output(`${id}_load_balancer_dns_name`, `Load balancer of ${service.name}: point its domain here.`, ref(`module.service_${id}`, 'load_balancer_dns_name')));
    }
  }
  if (input.needs.engine) blocks.push(output('database_endpoint', 'Database address.', ref('module.data.database_endpoint')));
  if (input.needs.redis) blocks.push(output('redis_endpoint', 'Redis primary endpoint.', ref('module.data.redis_endpoint')));
  return blocks;
}

function backend(input: EnvironmentInput): BodyItem[] {
  return [
    comment(
      'Remote state: create the bucket (versioned, encrypted, public access blocked) and the lock table',
      '(partition key LockID, type S) once per account, then replace these placeholder names.',
    ),
    block('terraform', [], [
      block('backend', ['s3'], attrs({
        bucket: input.stateBucket,
        key: `${projectSlug(input.plan)}/${input.env}/terraform.tfstate`,
        region: input.region,
        dynamodb_table: input.lockTable,
        encrypt: true,
      })),
    ]),
  ];
}

export function environmentRoot(input: EnvironmentInput): ModuleFiles {
  const providers: ProviderName[] = input.needs.engine || input.needs.redis ? ['aws', 'random'] : ['aws'];
  return {
    'main.tf': renderFile(main(input), input.header),
    'variables.tf': renderFile(variables(input), input.header),
    'outputs.tf': renderFile(outputs(input), input.header),
    'backend.tf': renderFile(backend(input), input.header),
    'versions.tf': versionsFile(input.header, providers),
  };
}
