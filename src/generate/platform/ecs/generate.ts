/**
 * One ECS task definition per service (`platform/ecs/<service>.task-definition.json`), ready for
 * `envsubst < … | aws ecs register-task-definition --cli-input-json file:///dev/stdin`: Fargate,
 * awsvpc, the image's non-root uid, a read-only root filesystem with the runtime's writable
 * directories on task storage, the image's own HEALTHCHECK command (it exists in the image because
 * the generated Dockerfile runs it), awslogs, plain env in `environment` and every secret as a
 * Secrets Manager ARN in `secrets` (named the way the Terraform module names them).
 */
import type { ProjectPlan, ServicePlan } from '../../../plan/schema.js';
import type { GenerateContext, GeneratedFile } from '../../types.js';
import { evidenceOf, imageName, PLATFORM_ROOT, platformFacts, projectSlug, type PlatformFacts, type PlatformResult } from '../common.js';
import type { PlatformInputs } from '../inputs.js';

export interface TaskDefinitionJson {
  family: string;
  containerDefinitions: Array<Record<string, unknown>>;
  [key: string]: unknown;
}

/** Fargate sizes per runtime: JVMs need more memory. */
export function fargateSize(service: ServicePlan): { cpu: string; memory: string } {
  if (service.language === 'java' || service.language === 'kotlin') return { cpu: '512', memory: '1024' };
  return { cpu: '256', memory: '512' };
}

/** `<project>-<environment>-<service>`: the name the Terraform module gives the service. */
export function awsServiceName(plan: ProjectPlan, service: ServicePlan, environment: string): string {
  return `${projectSlug(plan)}-${environment}-${service.name}`;
}

export function secretArn(options: PlatformInputs, name: string, envVar: string): string {
  return `arn:aws:secretsmanager:${options.awsRegion}:${options.awsAccountId}:secret:${name}/${envVar}`;
}

export function volumeName(dir: string): string {
  const name = dir.replace(/^\/+/, '').replace(/[^A-Za-z0-9]+/g, '-').replace(/-+$/, '');
  return name === '' ? 'root' : name;
}

export function taskDefinition(plan: ProjectPlan, service: ServicePlan, facts: PlatformFacts, options: PlatformInputs): { json: TaskDefinitionJson; notes: string[] } {
  const name = awsServiceName(plan, service, options.environment);
  const notes: string[] = [];
  const size = fargateSize(service);
  const container: Record<string, unknown> = {
    name: service.name,
    image: `${options.awsAccountId}.dkr.ecr.${options.awsRegion}.amazonaws.com/${imageName(plan, service)}:${options.imageTag}`,
    essential: true,
    user: String(facts.uid),
    readonlyRootFilesystem: true,
    linuxParameters: { initProcessEnabled: true, capabilities: { drop: ['ALL'] } },
    portMappings: facts.port === null ? [] : [{ name: 'http', containerPort: facts.port, hostPort: facts.port, protocol: 'tcp', appProtocol: 'http' }],
    environment: Object.entries(facts.environment).map(([key, value]) => ({ name: key, value })),
    secrets: facts.secretNames.map((env) => ({ name: env, valueFrom: secretArn(options, name, env) })),
    mountPoints: facts.writable.map((dir) => ({ sourceVolume: volumeName(dir), containerPath: dir, readOnly: false })),
    logConfiguration: {
      logDriver: 'awslogs',
      options: { 'awslogs-group': `/ecs/${name}`, 'awslogs-region': options.awsRegion, 'awslogs-stream-prefix': 'app' },
    },
    stopTimeout: 30,
  };
  if (facts.probe && facts.port !== null) {
    container['healthCheck'] = { command: ['CMD', ...facts.probe], interval: 30, timeout: 5, retries: 3, startPeriod: service.language === 'java' || service.language === 'kotlin' ? 120 : 60 };
    notes.push(`${service.name}: container health check is the image's own HEALTHCHECK (${facts.probe[0] ?? ''} → ${facts.healthPath ?? '/'} on port ${facts.port})`);
  } else if (facts.port !== null) {
    notes.push(`${service.name}: no health route in the plan, so no container health check; the load balancer's target group checks the port`);
  } else {
    notes.push(`${service.name}: worker without a port, so no port mapping and no HTTP health check`);
  }
  notes.push(`${service.name}: logs go to the CloudWatch group /ecs/${name} (the Terraform and CloudFormation stacks create it; create it yourself otherwise)`);
  notes.push(`${service.name}: runs as uid ${facts.uid} with a read-only root filesystem; writable on task storage: ${facts.writable.join(', ')}`);
  if (facts.secretNames.length > 0) notes.push(`${service.name}: secrets ${facts.secretNames.join(', ')} from Secrets Manager under ${name}/ (create them, or apply the Terraform module that does)`);
  if (facts.unset.length > 0) notes.push(`${service.name}: ${facts.unset.join(', ')} have no default; add them to environment before registering`);
  const json: TaskDefinitionJson = {
    family: name,
    requiresCompatibilities: ['FARGATE'],
    networkMode: 'awsvpc',
    cpu: size.cpu,
    memory: size.memory,
    runtimePlatform: { operatingSystemFamily: 'LINUX', cpuArchitecture: 'X86_64' },
    executionRoleArn: `arn:aws:iam::${options.awsAccountId}:role/${name.slice(0, 54)}-execution`,
    taskRoleArn: `arn:aws:iam::${options.awsAccountId}:role/${name.slice(0, 59)}-task`,
    containerDefinitions: [container],
    volumes: facts.writable.map((dir) => ({ name: volumeName(dir) })),
  };
  return { json, notes };
}

export function ecs(context: GenerateContext, options: PlatformInputs): PlatformResult {
  const files: GeneratedFile[] = [];
  for (const service of context.services) {
    const facts = platformFacts(context.plan, service);
    const { json, notes } = taskDefinition(context.plan, service, facts, options);
    files.push({
      path: `${PLATFORM_ROOT}/ecs/${service.name}.task-definition.json`,
      content: `${JSON.stringify(json, null, 2)}\n`,
      kind: 'platform',
      generator: 'platform',
      evidence: evidenceOf([service]),
      notes,
    });
  }
  return { files, notApplicable: [] };
}
