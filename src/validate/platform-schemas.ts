/**
 * Zod schemas of the documented fields of each platform file, as strict objects so a misspelt key
 * fails instead of being ignored by the platform. They cover what devsquad writes plus the common
 * documented fields users add; a field missing here is reported, which is the price of catching typos.
 */
import { z } from 'zod';

const str = z.string();
const envName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'an environment variable name');
const header = z.strictObject({ key: str, value: str });

export const vercelSchema = z.strictObject({
  $schema: str.optional(),
  version: z.literal(2).optional(),
  framework: str.nullable().optional(),
  buildCommand: str.nullable().optional(),
  installCommand: str.nullable().optional(),
  devCommand: str.nullable().optional(),
  ignoreCommand: str.optional(),
  outputDirectory: str.nullable().optional(),
  cleanUrls: z.boolean().optional(),
  trailingSlash: z.boolean().optional(),
  regions: z.array(str).optional(),
  public: z.boolean().optional(),
  headers: z.array(z.strictObject({ source: str, headers: z.array(header).min(1), has: z.array(z.unknown()).optional(), missing: z.array(z.unknown()).optional() })).optional(),
  rewrites: z.array(z.strictObject({ source: str, destination: str, has: z.array(z.unknown()).optional(), missing: z.array(z.unknown()).optional() })).optional(),
  redirects: z.array(z.strictObject({ source: str, destination: str, permanent: z.boolean().optional(), statusCode: z.number().int().optional() })).optional(),
  functions: z.record(str, z.strictObject({ memory: z.number().optional(), maxDuration: z.number().optional(), runtime: str.optional(), includeFiles: str.optional(), excludeFiles: str.optional() })).optional(),
  crons: z.array(z.strictObject({ path: str, schedule: str })).optional(),
});

const wranglerVars = z.record(envName, z.union([str, z.number(), z.boolean()]));
export const wranglerSchema = z.strictObject({
  name: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'a lowercase Worker name'),
  compatibility_date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  compatibility_flags: z.array(str).optional(),
  main: str.optional(),
  pages_build_output_dir: str.optional(),
  account_id: str.optional(),
  workers_dev: z.boolean().optional(),
  routes: z.array(z.unknown()).optional(),
  vars: wranglerVars.optional(),
  assets: z.strictObject({ directory: str, binding: str.optional(), not_found_handling: z.enum(['single-page-application', '404-page', 'none']).optional(), html_handling: str.optional() }).optional(),
  observability: z.strictObject({ enabled: z.boolean(), head_sampling_rate: z.number().optional() }).optional(),
  kv_namespaces: z.array(z.unknown()).optional(),
  d1_databases: z.array(z.unknown()).optional(),
  r2_buckets: z.array(z.unknown()).optional(),
  env: z.record(str, z.unknown()).optional(),
}).refine((w) => !(w.main && w.pages_build_output_dir), { message: 'main (a Worker) and pages_build_output_dir (a Pages project) exclude each other' })
  .refine((w) => w.main || w.pages_build_output_dir || w.assets, { message: 'set main (Worker), assets (static assets) or pages_build_output_dir (Pages)' });

const kv = z.strictObject({ name: envName, value: str });
const ecsContainer = z.strictObject({
  name: str,
  image: str,
  essential: z.boolean().optional(),
  user: str.optional(),
  readonlyRootFilesystem: z.boolean().optional(),
  privileged: z.boolean().optional(),
  command: z.array(str).optional(),
  entryPoint: z.array(str).optional(),
  workingDirectory: str.optional(),
  cpu: z.number().int().optional(),
  memory: z.number().int().optional(),
  memoryReservation: z.number().int().optional(),
  linuxParameters: z.strictObject({ initProcessEnabled: z.boolean().optional(), capabilities: z.strictObject({ add: z.array(str).optional(), drop: z.array(str).optional() }).optional() }).optional(),
  portMappings: z.array(z.strictObject({ name: str.optional(), containerPort: z.number().int().min(1).max(65535), hostPort: z.number().int().optional(), protocol: z.enum(['tcp', 'udp']).optional(), appProtocol: z.enum(['http', 'http2', 'grpc']).optional() })).optional(),
  environment: z.array(kv).optional(),
  secrets: z.array(z.strictObject({ name: envName, valueFrom: z.string().regex(/^arn:aws[a-z-]*:(secretsmanager|ssm):/, 'a Secrets Manager or SSM parameter ARN') })).optional(),
  mountPoints: z.array(z.strictObject({ sourceVolume: str, containerPath: str, readOnly: z.boolean().optional() })).optional(),
  logConfiguration: z.strictObject({ logDriver: z.enum(['awslogs', 'awsfirelens', 'splunk']), options: z.record(str, str).optional(), secretOptions: z.array(z.unknown()).optional() }).optional(),
  healthCheck: z.strictObject({ command: z.array(str).min(2), interval: z.number().int().min(5).max(300).optional(), timeout: z.number().int().min(2).max(60).optional(), retries: z.number().int().min(1).max(10).optional(), startPeriod: z.number().int().min(0).max(300).optional() }).optional(),
  stopTimeout: z.number().int().min(1).max(120).optional(),
  dependsOn: z.array(z.strictObject({ containerName: str, condition: z.enum(['START', 'COMPLETE', 'SUCCESS', 'HEALTHY']) })).optional(),
});
export const ecsTaskDefinitionSchema = z.strictObject({
  family: z.string().regex(/^[A-Za-z0-9_-]{1,255}$/),
  requiresCompatibilities: z.array(z.enum(['FARGATE', 'EC2', 'EXTERNAL'])).optional(),
  networkMode: z.enum(['awsvpc', 'bridge', 'host', 'none']).optional(),
  cpu: str.optional(),
  memory: str.optional(),
  runtimePlatform: z.strictObject({ operatingSystemFamily: str, cpuArchitecture: z.enum(['X86_64', 'ARM64']) }).optional(),
  executionRoleArn: str.optional(),
  taskRoleArn: str.optional(),
  containerDefinitions: z.array(ecsContainer).min(1),
  volumes: z.array(z.strictObject({ name: str, efsVolumeConfiguration: z.unknown().optional() })).optional(),
  tags: z.array(z.strictObject({ key: str, value: str })).optional(),
});

const k8sProbe = z.strictObject({
  httpGet: z.strictObject({ path: str, port: z.number().int().optional(), httpHeaders: z.array(z.unknown()).optional() }).optional(),
  tcpSocket: z.strictObject({ port: z.number().int().optional() }).optional(),
  grpc: z.strictObject({ port: z.number().int().optional(), service: str.optional() }).optional(),
  initialDelaySeconds: z.number().int().optional(),
  periodSeconds: z.number().int().optional(),
  timeoutSeconds: z.number().int().optional(),
  failureThreshold: z.number().int().optional(),
});
const runEnv = z.strictObject({
  name: envName,
  value: str.optional(),
  valueFrom: z.strictObject({ secretKeyRef: z.strictObject({ name: str, key: str }) }).optional(),
}).refine((e) => (e.value === undefined) !== (e.valueFrom === undefined), { message: 'set exactly one of value and valueFrom' });
const annotations = z.record(str, str);
export const cloudRunSchema = z.strictObject({
  apiVersion: z.literal('serving.knative.dev/v1'),
  kind: z.literal('Service'),
  metadata: z.strictObject({ name: z.string().regex(/^[a-z]([-a-z0-9]{0,47}[a-z0-9])?$/), namespace: str.optional(), labels: annotations.optional(), annotations: annotations.optional() }),
  spec: z.strictObject({
    template: z.strictObject({
      metadata: z.strictObject({ name: str.optional(), labels: annotations.optional(), annotations: annotations.optional() }).optional(),
      spec: z.strictObject({
        containerConcurrency: z.number().int().min(0).max(1000).optional(),
        timeoutSeconds: z.number().int().min(1).max(3600).optional(),
        serviceAccountName: str.optional(),
        containers: z.array(z.strictObject({
          name: str.optional(),
          image: str,
          command: z.array(str).optional(),
          args: z.array(str).optional(),
          ports: z.array(z.strictObject({ name: z.enum(['http1', 'h2c']).optional(), containerPort: z.number().int().min(1).max(65535) })).max(1).optional(),
          env: z.array(runEnv).optional(),
          resources: z.strictObject({ limits: z.strictObject({ cpu: str.optional(), memory: str.optional() }).optional() }).optional(),
          startupProbe: k8sProbe.optional(),
          livenessProbe: k8sProbe.optional(),
          volumeMounts: z.array(z.unknown()).optional(),
        })).min(1),
        volumes: z.array(z.unknown()).optional(),
      }),
    }),
    traffic: z.array(z.unknown()).optional(),
  }),
});

const duration = z.string().regex(/^\d+(ms|s|m|h)$/, 'a duration such as 15s');
const flyCheck = z.strictObject({ grace_period: duration.optional(), interval: duration.optional(), timeout: duration.optional(), method: str.optional(), path: str.optional(), protocol: z.enum(['http', 'https']).optional(), headers: z.record(str, str).optional() });
const flyMachines = { auto_stop_machines: z.union([z.enum(['off', 'stop', 'suspend']), z.boolean()]).optional(), auto_start_machines: z.boolean().optional(), min_machines_running: z.number().int().min(0).optional() };
const flyConcurrency = z.strictObject({ type: z.enum(['connections', 'requests']), soft_limit: z.number().int().optional(), hard_limit: z.number().int().optional() });
export const flySchema = z.strictObject({
  app: z.string().regex(/^[a-z0-9][a-z0-9-]{1,62}$/),
  primary_region: z.string().regex(/^[a-z]{3}$/).optional(),
  kill_signal: z.enum(['SIGINT', 'SIGTERM', 'SIGQUIT', 'SIGUSR1', 'SIGUSR2', 'SIGKILL', 'SIGSTOP']).optional(),
  kill_timeout: z.union([duration, z.number()]).optional(),
  swap_size_mb: z.number().int().optional(),
  console_command: str.optional(),
  build: z.strictObject({ dockerfile: str.optional(), image: str.optional(), target: str.optional(), args: z.record(str, str).optional(), ignorefile: str.optional() }).optional(),
  deploy: z.strictObject({ release_command: str.optional(), release_command_timeout: duration.optional(), strategy: z.enum(['rolling', 'immediate', 'canary', 'bluegreen']).optional(), max_unavailable: z.number().optional() }).optional(),
  env: z.record(envName, str).optional(),
  processes: z.record(str, str).optional(),
  http_service: z.strictObject({
    internal_port: z.number().int().min(1).max(65535),
    force_https: z.boolean().optional(),
    ...flyMachines,
    processes: z.array(str).optional(),
    concurrency: flyConcurrency.optional(),
    checks: z.array(flyCheck).optional(),
  }).optional(),
  services: z.array(z.strictObject({
    internal_port: z.number().int().min(1).max(65535),
    protocol: z.enum(['tcp', 'udp']),
    ...flyMachines,
    processes: z.array(str).optional(),
    concurrency: flyConcurrency.optional(),
    ports: z.array(z.strictObject({ port: z.number().int(), handlers: z.array(z.enum(['http', 'tls', 'pg_tls', 'proxy_proto'])).optional(), force_https: z.boolean().optional() })).optional(),
    tcp_checks: z.array(z.strictObject({ grace_period: duration.optional(), interval: duration.optional(), timeout: duration.optional() })).optional(),
    http_checks: z.array(flyCheck).optional(),
  })).optional(),
  checks: z.record(str, z.unknown()).optional(),
  mounts: z.union([z.array(z.unknown()), z.record(str, z.unknown())]).optional(),
  vm: z.array(z.strictObject({ size: str.optional(), memory: z.union([str, z.number()]).optional(), cpu_kind: z.enum(['shared', 'performance']).optional(), cpus: z.number().int().optional(), processes: z.array(str).optional() })).optional(),
});

const renderEnv = z.union([
  z.strictObject({ key: envName, value: str }),
  z.strictObject({ key: envName, sync: z.literal(false) }),
  z.strictObject({ key: envName, generateValue: z.literal(true) }),
  z.strictObject({ key: envName, fromDatabase: z.strictObject({ name: str, property: z.enum(['connectionString', 'host', 'port', 'user', 'password', 'database']) }) }),
  z.strictObject({ key: envName, fromService: z.strictObject({ type: z.enum(['web', 'pserv', 'worker', 'cron', 'keyvalue', 'redis']), name: str, property: str.optional(), envVarKey: str.optional() }) }),
  z.strictObject({ fromGroup: str }),
]);
const renderService = z.strictObject({
  type: z.enum(['web', 'pserv', 'worker', 'cron', 'keyvalue', 'redis']),
  name: str,
  runtime: z.enum(['docker', 'image', 'node', 'python', 'ruby', 'go', 'rust', 'elixir', 'static']).optional(),
  region: str.optional(),
  plan: str.optional(),
  repo: str.optional(),
  branch: str.optional(),
  rootDir: str.optional(),
  dockerfilePath: str.optional(),
  dockerContext: str.optional(),
  dockerCommand: str.optional(),
  buildCommand: str.optional(),
  startCommand: str.optional(),
  preDeployCommand: str.optional(),
  staticPublishPath: str.optional(),
  healthCheckPath: str.optional(),
  schedule: str.optional(),
  numInstances: z.number().int().optional(),
  autoDeploy: z.boolean().optional(),
  buildFilter: z.strictObject({ paths: z.array(str).optional(), ignoredPaths: z.array(str).optional() }).optional(),
  envVars: z.array(renderEnv).optional(),
  ipAllowList: z.array(z.strictObject({ source: str, description: str.optional() })).optional(),
  maxmemoryPolicy: str.optional(),
  routes: z.array(z.strictObject({ type: z.enum(['rewrite', 'redirect']), source: str, destination: str })).optional(),
  headers: z.array(z.strictObject({ path: str, name: str, value: str })).optional(),
});
export const renderSchema = z.strictObject({
  services: z.array(renderService).optional(),
  databases: z.array(z.strictObject({
    name: str,
    databaseName: str.optional(),
    user: str.optional(),
    region: str.optional(),
    plan: str.optional(),
    postgresMajorVersion: z.union([str, z.number()]).optional(),
    ipAllowList: z.array(z.strictObject({ source: str, description: str.optional() })).optional(),
  })).optional(),
  envVarGroups: z.array(z.unknown()).optional(),
  previews: z.unknown().optional(),
});

const cfnResource = z.strictObject({
  Type: z.string().regex(/^(AWS::[A-Za-z0-9]+::[A-Za-z0-9:]+|Custom::[A-Za-z0-9_@-]+)$/, 'AWS::Service::Resource or Custom::Name'),
  Properties: z.record(str, z.unknown()).optional(),
  DependsOn: z.union([str, z.array(str)]).optional(),
  Condition: str.optional(),
  DeletionPolicy: z.enum(['Delete', 'Retain', 'RetainExceptOnCreate', 'Snapshot']).optional(),
  UpdateReplacePolicy: z.enum(['Delete', 'Retain', 'Snapshot']).optional(),
  Metadata: z.unknown().optional(),
  CreationPolicy: z.unknown().optional(),
  UpdatePolicy: z.unknown().optional(),
});
const logicalIds = <T extends z.ZodType>(value: T) => z.record(z.string().regex(/^[A-Za-z0-9]+$/, 'an alphanumeric logical id'), value);
export const cloudFormationSchema = z.strictObject({
  AWSTemplateFormatVersion: z.literal('2010-09-09').optional(),
  Description: str.optional(),
  Metadata: z.unknown().optional(),
  Transform: z.union([str, z.array(str)]).optional(),
  Parameters: logicalIds(z.strictObject({
    Type: str,
    Default: z.unknown().optional(),
    Description: str.optional(),
    AllowedValues: z.array(z.unknown()).optional(),
    AllowedPattern: str.optional(),
    ConstraintDescription: str.optional(),
    MinLength: z.number().optional(),
    MaxLength: z.number().optional(),
    MinValue: z.number().optional(),
    MaxValue: z.number().optional(),
    NoEcho: z.boolean().optional(),
  })).optional(),
  Mappings: z.record(str, z.unknown()).optional(),
  Conditions: z.record(str, z.unknown()).optional(),
  Rules: z.record(str, z.unknown()).optional(),
  Resources: logicalIds(cfnResource).refine((r) => Object.keys(r).length > 0, { message: 'a template needs at least one resource' }),
  Outputs: logicalIds(z.strictObject({ Value: z.unknown(), Description: str.optional(), Export: z.strictObject({ Name: z.unknown() }).optional(), Condition: str.optional() })).optional(),
});
