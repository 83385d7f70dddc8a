/**
 * gcp/modules/service: one container service on Cloud Run (v2 API). Artifact Registry repository
 * (immutable tags, cleanup policies), a dedicated service account with no project roles (it may read
 * exactly its own secrets), Secret Manager secrets created empty, the Cloud Run service with the
 * plan's port, startup and liveness probes on the plan's health path, plain env vars and secret env
 * vars, optional Direct VPC egress to reach Cloud SQL / Memorystore on private IPs, and a public
 * invoker binding only for services that serve the internet.
 */
import { attr, attrs, block, comment, expr, interp, ref, renderFile, type Block, type BodyItem } from '../hcl.js';
import { output, resource, variable, versionsFile, type ModuleFiles } from '../shared/common.js';

const SERVES = 'local.serves ? [1] : []';

function registry(): Block[] {
  return [
    resource('google_artifact_registry_repository', 'this', [
      ...attrs({
        location: ref('var.region'),
        repository_id: ref('var.repository_id'),
        description: interp`Images of ${ref('var.name')}`,
        format: 'DOCKER',
      }),
      block('docker_config', [], [attr('immutable_tags', true)]),
      block('cleanup_policies', [], [
        ...attrs({ id: 'keep-recent', action: 'KEEP' }),
        block('most_recent_versions', [], [attr('keep_count', ref('var.images_to_keep'))]),
      ]),
      block('cleanup_policies', [], [
        ...attrs({ id: 'delete-old', action: 'DELETE' }),
        block('condition', [], attrs({ tag_state: 'ANY', older_than: '2592000s' })),
      ]),
      attr('labels', ref('var.labels')),
    ], ['Immutable tags: a pushed SHA always means the same image. Older images beyond images_to_keep are cleaned up.']),
  ];
}

function identity(): Block[] {
  return [
    resource('google_service_account', 'this', attrs({
      account_id: expr('"${trimsuffix(substr(var.name, 0, 21), "-")}-${substr(md5(var.name), 0, 8)}"'),
      display_name: interp`Cloud Run ${ref('var.name')}`,
      description: 'Runtime identity of the service: no project roles, reads only its own secrets',
    }), ['Least privilege: no project-level roles. Grant what the app really calls (Pub/Sub, GCS…) to this account.']),
    resource('google_secret_manager_secret', 'this', [
      ...attrs({ for_each: expr('toset(var.secret_names)'), secret_id: interp`${ref('var.name')}-${ref('each.key')}` }),
      block('replication', [], [block('auto', [], [])]),
      attr('labels', ref('var.labels')),
    ], ['One secret per secret env var, created empty: add a version (gcloud secrets versions add) before the first deploy.']),
    resource('google_secret_manager_secret_iam_member', 'access', attrs({
      for_each: ref('local.secrets'),
      secret_id: ref('each.value'),
      role: 'roles/secretmanager.secretAccessor',
      member: interp`serviceAccount:${ref('google_service_account.this.email')}`,
    }), ['Exactly the secrets this service reads, nothing else.']),
  ];
}

function probe(kind: 'startup_probe' | 'liveness_probe'): Block {
  const timing = kind === 'startup_probe'
    ? { initial_delay_seconds: 0, period_seconds: 5, timeout_seconds: 3, failure_threshold: ref('var.startup_failure_threshold') }
    : { period_seconds: 15, timeout_seconds: 5, failure_threshold: 3 };
  return block('dynamic', [kind], [
    attr('for_each', expr(SERVES)),
    block('content', [], [
      ...attrs(timing),
      block('http_get', [], attrs({ path: ref('var.health_check_path'), port: ref('local.container_port') })),
    ]),
  ]);
}

function container(): Block {
  return block('containers', [], [
    attr('image', interp`${ref('var.region')}-docker.pkg.dev/${ref('google_artifact_registry_repository.this.project')}/${ref('google_artifact_registry_repository.this.repository_id')}/${ref('var.image_name')}:${ref('var.image_tag')}`),
    block('ports', [], [attr('container_port', ref('local.container_port'))]),
    block('resources', [], attrs({
      limits: { cpu: ref('var.cpu'), memory: ref('var.memory') },
      cpu_idle: ref('local.serves'),
      startup_cpu_boost: true,
    })),
    block('dynamic', ['env'], [
      attr('for_each', ref('var.environment')),
      block('content', [], attrs({ name: ref('env.key'), value: ref('env.value') })),
    ]),
    block('dynamic', ['env'], [
      attr('for_each', ref('local.secrets')),
      block('content', [], [
        attr('name', ref('env.key')),
        block('value_source', [], [block('secret_key_ref', [], attrs({ secret: ref('env.value'), version: 'latest' }))]),
      ]),
    ]),
    probe('startup_probe'),
    probe('liveness_probe'),
  ]);
}

function service(): Block[] {
  return [
    resource('google_cloud_run_v2_service', 'this', [
      ...attrs({
        name: ref('var.name'),
        location: ref('var.region'),
        ingress: expr('local.serves ? var.ingress : "INGRESS_TRAFFIC_INTERNAL_ONLY"'),
        deletion_protection: ref('var.deletion_protection'),
        labels: ref('var.labels'),
      }),
      block('template', [], [
        ...attrs({ service_account: ref('google_service_account.this.email'), max_instance_request_concurrency: 80 }),
        block('scaling', [], attrs({ min_instance_count: ref('var.min_instances'), max_instance_count: ref('var.max_instances') })),
        block('dynamic', ['vpc_access'], [
          attr('for_each', expr('var.network == null ? [] : [1]')),
          block('content', [], [
            attr('egress', 'PRIVATE_RANGES_ONLY'),
            block('network_interfaces', [], attrs({ network: ref('var.network'), subnetwork: ref('var.subnetwork') })),
          ]),
        ]),
        container(),
      ]),
      attr('depends_on', [ref('google_secret_manager_secret_iam_member.access')]),
    ], ['Ingress: what the environment chose for web services; internal only for workers.']),
    resource('google_cloud_run_v2_service_iam_member', 'public', attrs({
      count: expr('local.serves && var.public ? 1 : 0'),
      name: ref('google_cloud_run_v2_service.this.name'),
      location: ref('google_cloud_run_v2_service.this.location'),
      role: 'roles/run.invoker',
      member: 'allUsers',
    }), ['A public web service: anyone may invoke it (Cloud Run still terminates TLS).']),
  ];
}

function main(): BodyItem[] {
  return [
    comment('One container service on Cloud Run, with its registry, identity and secrets.'),
    block('locals', [], attrs({
      serves: expr('var.port != null'),
      // Cloud Run needs a port even for a worker; it sets PORT to this value itself.
      container_port: expr('coalesce(var.port, 8080)'),
      secrets: expr('merge({ for name, secret in google_secret_manager_secret.this : name => secret.id }, var.external_secrets)'),
    })),
    ...registry(),
    ...identity(),
    ...service(),
  ];
}

function variables(): Block[] {
  return [
    variable('name', { type: 'string', description: 'Name of the service (project-environment-service).' }),
    variable('region', { type: 'string', description: 'Region of the service and its repository.' }),
    variable('repository_id', { type: 'string', description: 'Artifact Registry repository id.' }),
    variable('image_name', { type: 'string', description: 'Image name inside the repository (<project>-<service>).' }),
    variable('image_tag', { type: 'string', description: 'Image tag to deploy (the commit SHA your pipeline pushed).' }),
    variable('images_to_keep', { type: 'number', description: 'Recent images the cleanup policy always keeps.', default: 30 }),
    variable('port', { type: 'number', description: 'Container port; null for a worker (internal only, always-on CPU).', default: null }),
    variable('health_check_path', { type: 'string', description: 'HTTP path of the startup and liveness probes.', default: '/' }),
    variable('startup_failure_threshold', { type: 'number', description: 'Startup probe failures (5 s apart) before the instance is replaced.', default: 24 }),
    variable('ingress', {
      type: 'string',
      description: 'Who may reach a web service: INGRESS_TRAFFIC_ALL, INGRESS_TRAFFIC_INTERNAL_LOAD_BALANCER or INGRESS_TRAFFIC_INTERNAL_ONLY.',
      default: 'INGRESS_TRAFFIC_ALL',
      validation: { condition: 'contains(["INGRESS_TRAFFIC_ALL", "INGRESS_TRAFFIC_INTERNAL_LOAD_BALANCER", "INGRESS_TRAFFIC_INTERNAL_ONLY"], var.ingress)', message: 'ingress must be one of the three Cloud Run ingress settings.' },
    }),
    variable('public', { type: 'bool', description: 'Let anyone invoke the web service (allUsers run.invoker).', default: true }),
    variable('cpu', { type: 'string', description: 'CPU limit per instance.', default: '1' }),
    variable('memory', { type: 'string', description: 'Memory limit per instance.', default: '512Mi' }),
    variable('min_instances', { type: 'number', description: 'Instances kept warm.', default: 0 }),
    variable('max_instances', { type: 'number', description: 'Most instances Cloud Run starts.', default: 3 }),
    variable('network', { type: 'string', description: 'VPC network for Direct VPC egress (private Cloud SQL / Memorystore); null for none.', default: null }),
    variable('subnetwork', { type: 'string', description: 'Subnetwork for Direct VPC egress.', default: null }),
    variable('environment', { type: 'map(string)', description: 'Plain (non-secret) environment variables.', default: {} }),
    variable('secret_names', { type: 'list(string)', description: 'Secret environment variables; one Secret Manager secret each, value added by you.', default: [] }),
    variable('external_secrets', { type: 'map(string)', description: 'Environment variable name to the id of an existing secret (URLs from the data module).', default: {} }),
    variable('deletion_protection', { type: 'bool', description: 'Refuse terraform destroy of the Cloud Run service.', default: false }),
    variable('labels', { type: 'map(string)', description: 'Labels added to every resource.', default: {} }),
  ];
}

function outputs(): Block[] {
  return [
    output('service_name', 'Name of the Cloud Run service.', ref('google_cloud_run_v2_service.this.name')),
    output('service_url', 'HTTPS URL of the service.', ref('google_cloud_run_v2_service.this.uri')),
    output('image_repository', 'Where to push the image (append :<tag>).', interp`${ref('var.region')}-docker.pkg.dev/${ref('google_artifact_registry_repository.this.project')}/${ref('google_artifact_registry_repository.this.repository_id')}/${ref('var.image_name')}`),
    output('service_account_email', 'Identity the app runs as: grant it what the app needs.', ref('google_service_account.this.email')),
    output('secret_ids', 'Secret Manager secret per secret environment variable.', expr('{ for name, secret in google_secret_manager_secret.this : name => secret.secret_id }')),
  ];
}

export function gcpServiceModule(header: string): ModuleFiles {
  return {
    'main.tf': renderFile(main(), header),
    'variables.tf': renderFile(variables(), header),
    'outputs.tf': renderFile(outputs(), header),
    'versions.tf': versionsFile(header, ['google']),
  };
}
