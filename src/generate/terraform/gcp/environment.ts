/**
 * gcp/environments/<env>/: one root per environment. It enables the APIs it needs, and uses the
 * network and data modules (when a service needs a database or Redis) and the service module once per
 * plan service. State lives in a GCS bucket (GCS locks the state itself). Sizes differ per
 * environment; the plan's facts are the same everywhere.
 */
import type { ProjectPlan, ServicePlan } from '../../../plan/schema.js';
import { attr, attrs, block, comment, expr, ref, renderFile, type Block, type BodyItem, type HclValue } from '../hcl.js';
import { hclIdent, imageName, projectSlug } from '../names.js';
import { serviceFacts, type DataNeeds } from '../aws/facts.js';
import type { EnvironmentName } from '../aws/environment.js';
import { output, variable, versionsFile, withoutReserved, type ModuleFiles } from '../shared/common.js';

interface Sizing {
  cpu: string;
  memory: string;
  min: number;
  max: number;
  tier: string;
  ha: boolean;
  backups: number;
  redisGb: number;
  protect: boolean;
}

export const GCP_SIZING: Record<EnvironmentName, Sizing> = {
  dev: { cpu: '1', memory: '512Mi', min: 0, max: 2, tier: 'db-f1-micro', ha: false, backups: 3, redisGb: 1, protect: false },
  staging: { cpu: '1', memory: '1Gi', min: 0, max: 4, tier: 'db-g1-small', ha: false, backups: 7, redisGb: 1, protect: false },
  production: { cpu: '1', memory: '1Gi', min: 1, max: 10, tier: 'db-custom-1-3840', ha: true, backups: 14, redisGb: 2, protect: true },
};

/** Cloud Run sets these itself and rejects them in a service's env. */
export const CLOUD_RUN_RESERVED = ['PORT', 'K_SERVICE', 'K_REVISION', 'K_CONFIGURATION'];

const DB_VERSIONS = { postgres: 'POSTGRES_16', mysql: 'MYSQL_8_0', mariadb: 'MYSQL_8_0' } as const;
const OUTPUTS: Record<string, string> = { database_url_secret_arn: 'database_url_secret_id', redis_url_secret_arn: 'redis_url_secret_id' };

export interface GcpEnvironmentInput {
  plan: ProjectPlan;
  services: readonly ServicePlan[];
  env: EnvironmentName;
  region: string;
  projectId: string | undefined;
  stateBucket: string;
  needs: DataNeeds;
  header: string;
}

const hasData = (needs: DataNeeds): boolean => Boolean(needs.engine) || needs.redis;

function serviceModule(input: GcpEnvironmentInput, service: ServicePlan): Block {
  const sizing = GCP_SIZING[input.env];
  const facts = serviceFacts(service, input.needs);
  const jvm = service.language === 'java' || service.language === 'kotlin';
  const external: Record<string, HclValue> = {};
  for (const [name, out] of Object.entries(facts.externalSecrets)) external[name] = ref('module.data', OUTPUTS[out] ?? out);
  const body: BodyItem[] = [
    attr('source', '../../modules/service'),
    ...attrs({
      name: expr(`"\${local.name}-${service.name}"`),
      region: ref('var.region'),
      repository_id: expr(`"\${local.name}-${service.name}"`),
      image_name: imageName(input.plan, service),
      image_tag: ref('var.image_tag'),
    }),
  ];
  if (facts.port !== null) body.push(...attrs({ port: facts.port, health_check_path: facts.healthPath, ingress: 'INGRESS_TRAFFIC_ALL', public: true }));
  body.push(...attrs({
    cpu: sizing.cpu,
    memory: jvm && sizing.memory !== '2Gi' ? '2Gi' : sizing.memory,
    min_instances: facts.port === null ? Math.max(1, sizing.min) : sizing.min,
    max_instances: sizing.max,
    deletion_protection: sizing.protect,
  }));
  if (hasData(input.needs)) body.push(...attrs({ network: ref('module.network.network_id'), subnetwork: ref('module.network.subnetwork_id') }));
  const envComment = facts.unset.length > 0 ? [`The app reads ${facts.unset.join(', ')} without a default: add ${facts.unset.length === 1 ? 'it' : 'them'} here.`] : undefined;
  body.push(attr('environment', withoutReserved(facts.environment, CLOUD_RUN_RESERVED), envComment));
  if (facts.secretNames.length > 0) body.push(attr('secret_names', facts.secretNames, ['Created empty: add a version with `gcloud secrets versions add` before the first deploy.']));
  if (Object.keys(external).length > 0) body.push(attr('external_secrets', external));
  body.push(attr('labels', { service: service.name }), attr('depends_on', [ref('google_project_service.apis')]));
  return block('module', [`service_${hclIdent(service.name)}`], body, [`${service.name} (${service.kind}, ${service.path || 'repository root'})`]);
}

function apis(needs: DataNeeds): string[] {
  const base = ['artifactregistry.googleapis.com', 'iam.googleapis.com', 'run.googleapis.com', 'secretmanager.googleapis.com'];
  const data = hasData(needs) ? ['compute.googleapis.com', 'servicenetworking.googleapis.com'] : [];
  if (needs.engine) data.push('sqladmin.googleapis.com');
  if (needs.redis) data.push('redis.googleapis.com');
  return [...base, ...data].sort();
}

function main(input: GcpEnvironmentInput): BodyItem[] {
  const sizing = GCP_SIZING[input.env];
  const slug = projectSlug(input.plan);
  const items: BodyItem[] = [
    block('provider', ['google'], attrs({
      project: ref('var.project_id'),
      region: ref('var.region'),
      default_labels: { project: slug, environment: input.env, 'managed-by': 'terraform' },
    })),
    block('locals', [], [attr('name', `${slug}-${input.env}`)]),
    block('resource', ['google_project_service', 'apis'], attrs({
      for_each: expr(`toset(${JSON.stringify(apis(input.needs)).replace(/,/g, ', ')})`),
      service: ref('each.key'),
      disable_on_destroy: false,
    }), ['The APIs these resources need; left enabled on destroy (other things in the project may use them).']),
  ];
  if (hasData(input.needs)) {
    items.push(block('module', ['network'], [
      attr('source', '../../modules/network'),
      ...attrs({ name: ref('local.name'), region: ref('var.region') }),
      attr('depends_on', [ref('google_project_service.apis')]),
    ]));
    const { engine, redis } = input.needs;
    items.push(block('module', ['data'], [
      attr('source', '../../modules/data'),
      ...attrs({
        name: ref('local.name'),
        region: ref('var.region'),
        network_id: ref('module.network.network_id'),
        database_version: engine ? DB_VERSIONS[engine] : undefined,
        tier: engine ? sizing.tier : undefined,
        redis,
        redis_memory_gb: redis ? sizing.redisGb : undefined,
        high_availability: sizing.ha,
        backup_retention_days: sizing.backups,
        deletion_protection: sizing.protect,
      }),
      attr('depends_on', [ref('module.network')]),
    ], ['After the network: private services access must exist before Cloud SQL and Memorystore.']));
  }
  for (const service of input.services) items.push(serviceModule(input, service));
  return items;
}

function variables(input: GcpEnvironmentInput): Block[] {
  return [
    variable('project_id', {
      type: 'string',
      description: 'Google Cloud project id.',
      default: input.projectId,
      validation: { condition: 'can(regex("^[a-z][a-z0-9-]{4,28}[a-z0-9]$", var.project_id))', message: 'project_id must be a Google Cloud project id (6-30 lowercase letters, digits, dashes).' },
    }),
    variable('region', { type: 'string', description: 'Google Cloud region.', default: input.region }),
    variable('image_tag', { type: 'string', description: 'Image tag to deploy for every service (the commit SHA your pipeline pushed).' }),
  ];
}

function outputs(input: GcpEnvironmentInput): Block[] {
  const blocks: Block[] = [];
  for (const service of input.services) {
    const id = hclIdent(service.name);
    blocks.push(output(`${id}_image_repository`, `Where to push the image of ${service.name}.`, ref(`module.service_${id}`, 'image_repository')));
    blocks.push(output(`${id}_url`, `URL of ${service.name}.`, ref(`module.service_${id}`, 'service_url')));
  }
  if (input.needs.engine) blocks.push(output('database_private_ip', 'Private address of the database.', ref('module.data.database_private_ip')));
  if (input.needs.redis) blocks.push(output('redis_host', 'Private address of Redis.', ref('module.data.redis_host')));
  return blocks;
}

function backend(input: GcpEnvironmentInput): BodyItem[] {
  return [
    comment('Remote state in GCS (locking is built in): create the bucket once, with versioning and', 'uniform bucket-level access, then replace this placeholder name.'),
    block('terraform', [], [block('backend', ['gcs'], attrs({ bucket: input.stateBucket, prefix: `${projectSlug(input.plan)}/${input.env}` }))]),
  ];
}

export function gcpEnvironmentRoot(input: GcpEnvironmentInput): ModuleFiles {
  return {
    'main.tf': renderFile(main(input), input.header),
    'variables.tf': renderFile(variables(input), input.header),
    'outputs.tf': renderFile(outputs(input), input.header),
    'backend.tf': renderFile(backend(input), input.header),
    'versions.tf': versionsFile(input.header, hasData(input.needs) ? ['google', 'random'] : ['google']),
  };
}
