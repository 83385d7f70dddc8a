/**
 * modules/service: one container service on ECS Fargate. ECR repository (scan on push, immutable tags,
 * lifecycle policy), task definition with plain env vars in `environment` and Secrets Manager ARNs in
 * `secrets`, CloudWatch log group with retention, an execution role that may read exactly this
 * service's secrets, a task role with no permissions (least privilege: add what the app needs), CPU
 * target-tracking autoscaling, and, when the service has a port, the ALB from service-alb.ts.
 * The module is generic; environments pass the plan's facts (port, health path, env, secrets).
 */
import { attr, attrs, block, call, comment, expr, interp, ref, renderFile, type Block, type BodyItem } from '../hcl.js';
import { output, tagsWith, variable, versionsFile } from './common.js';
import { albResources } from './service-alb.js';
import type { ModuleFiles } from './types.js';

function resource(type: string, name: string, body: BodyItem[], note?: string[]): Block {
  return block('resource', [type, name], body, note);
}

function registry(): Block[] {
  return [
    resource('aws_ecr_repository', 'this', [
      ...attrs({ name: ref('var.repository_name'), image_tag_mutability: 'IMMUTABLE', force_delete: ref('var.force_delete_repository') }),
      block('image_scanning_configuration', [], [attr('scan_on_push', true)]),
      block('encryption_configuration', [], [attr('encryption_type', 'AES256')]),
      attr('tags', tagsWith(ref('var.repository_name'))),
    ]),
    resource('aws_ecr_lifecycle_policy', 'this', [
      attr('repository', ref('aws_ecr_repository.this.name')),
      attr('policy', call('jsonencode', {
        rules: [{
          rulePriority: 1,
          description: 'Keep the most recent images only',
          selection: { tagStatus: 'any', countType: 'imageCountMoreThan', countNumber: ref('var.images_to_keep') },
          action: { type: 'expire' },
        }],
      })),
    ]),
  ];
}

function iam(): Block[] {
  return [
    block('data', ['aws_iam_policy_document', 'assume'], [
      block('statement', [], [
        attr('actions', ['sts:AssumeRole']),
        block('principals', [], attrs({ type: 'Service', identifiers: ['ecs-tasks.amazonaws.com'] })),
        block('condition', [], attrs({ test: 'StringEquals', variable: 'aws:SourceAccount', values: [ref('data.aws_caller_identity.current.account_id')] })),
      ]),
    ]),
    resource('aws_iam_role', 'execution', attrs({
      name: interp`${expr('substr(var.name, 0, 54)')}-execution`,
      description: 'ECS agent: pull the image, write logs, read this service\'s secrets',
      assume_role_policy: ref('data.aws_iam_policy_document.assume.json'),
      tags: ref('var.tags'),
    })),
    resource('aws_iam_role_policy_attachment', 'execution', attrs({
      role: ref('aws_iam_role.execution.name'),
      policy_arn: interp`arn:${ref('data.aws_partition.current.partition')}:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy`,
    })),
    block('data', ['aws_iam_policy_document', 'secrets'], [
      attr('count', ref('local.secret_count')),
      block('statement', [], attrs({ actions: ['secretsmanager:GetSecretValue'], resources: ref('local.secret_arns') })),
    ]),
    resource('aws_iam_role_policy', 'execution_secrets', attrs({
      count: ref('local.secret_count'),
      name: 'read-service-secrets',
      role: ref('aws_iam_role.execution.id'),
      policy: expr('data.aws_iam_policy_document.secrets[0].json'),
    }), ['Exactly the secrets this service\'s task definition references, nothing else.']),
    resource('aws_iam_role', 'task', attrs({
      name: interp`${expr('substr(var.name, 0, 59)')}-task`,
      description: 'The application itself: no AWS permissions until you grant them',
      assume_role_policy: ref('data.aws_iam_policy_document.assume.json'),
      tags: ref('var.tags'),
    }), ['Least privilege: the app starts with no AWS permissions. Attach policies for what it really calls.']),
  ];
}

function containerDefinitions(): BodyItem {
  return attr('container_definitions', call('jsonencode', [{
    name: ref('var.name'),
    image: interp`${ref('aws_ecr_repository.this.repository_url')}:${ref('var.image_tag')}`,
    essential: true,
    portMappings: expr('local.load_balanced ? [{ containerPort = var.port, protocol = "tcp" }] : []'),
    environment: expr('[for name in sort(keys(var.environment)) : { name = name, value = var.environment[name] }]'),
    secrets: expr('[for name in sort(keys(local.secrets)) : { name = name, valueFrom = local.secrets[name] }]'),
    logConfiguration: {
      logDriver: 'awslogs',
      options: {
        'awslogs-group': ref('aws_cloudwatch_log_group.this.name'),
        'awslogs-region': ref('data.aws_region.current.name'),
        'awslogs-stream-prefix': 'app',
      },
    },
  }]));
}

function compute(): Block[] {
  return [
    resource('aws_cloudwatch_log_group', 'this', attrs({
      name: interp`/ecs/${ref('var.name')}`,
      retention_in_days: ref('var.log_retention_days'),
      tags: ref('var.tags'),
    })),
    resource('aws_secretsmanager_secret', 'this', attrs({
      for_each: expr('toset(var.secret_names)'),
      name: interp`${ref('var.name')}/${ref('each.key')}`,
      description: interp`${ref('each.key')} for ${ref('var.name')}; set its value with aws secretsmanager put-secret-value`,
      recovery_window_in_days: ref('var.secret_recovery_window_days'),
      tags: ref('var.tags'),
    }), ['One secret per secret env var; Terraform creates it empty and never sees the value.']),
    resource('aws_security_group', 'task', attrs({
      name: interp`${ref('var.name')}-task`,
      description: 'Tasks of this service: reachable from its load balancer only',
      vpc_id: ref('var.vpc_id'),
      tags: tagsWith(interp`${ref('var.name')}-task`),
    })),
    resource('aws_ecs_task_definition', 'this', [
      ...attrs({
        family: ref('var.name'),
        requires_compatibilities: ['FARGATE'],
        network_mode: 'awsvpc',
        cpu: ref('var.cpu'),
        memory: ref('var.memory'),
        execution_role_arn: ref('aws_iam_role.execution.arn'),
        task_role_arn: ref('aws_iam_role.task.arn'),
      }),
      block('runtime_platform', [], attrs({ operating_system_family: 'LINUX', cpu_architecture: 'X86_64' })),
      containerDefinitions(),
      attr('tags', ref('var.tags')),
    ]),
    resource('aws_ecs_service', 'this', [
      ...attrs({
        name: ref('var.name'),
        cluster: ref('var.cluster_arn'),
        task_definition: ref('aws_ecs_task_definition.this.arn'),
        desired_count: ref('var.desired_count'),
        launch_type: 'FARGATE',
        health_check_grace_period_seconds: expr('local.load_balanced ? var.health_check_grace_period : null'),
      }),
      block('network_configuration', [], attrs({
        subnets: ref('var.private_subnet_ids'),
        security_groups: expr('concat([aws_security_group.task.id], var.security_group_ids)'),
        assign_public_ip: false,
      })),
      block('deployment_circuit_breaker', [], attrs({ enable: true, rollback: true })),
      block('dynamic', ['load_balancer'], [
        attr('for_each', expr('local.load_balanced ? [1] : []')),
        block('content', [], attrs({ target_group_arn: expr('aws_lb_target_group.this[0].arn'), container_name: ref('var.name'), container_port: ref('var.port') })),
      ]),
      block('lifecycle', [], [attr('ignore_changes', [ref('desired_count')])], ['Autoscaling owns the task count once the service exists.']),
      attr('depends_on', [ref('aws_lb_listener.https'), ref('aws_iam_role_policy.execution_secrets')]),
      attr('tags', ref('var.tags')),
    ]),
    resource('aws_appautoscaling_target', 'this', attrs({
      service_namespace: 'ecs',
      resource_id: interp`service/${ref('var.cluster_name')}/${ref('aws_ecs_service.this.name')}`,
      scalable_dimension: 'ecs:service:DesiredCount',
      min_capacity: ref('var.min_count'),
      max_capacity: ref('var.max_count'),
    })),
    resource('aws_appautoscaling_policy', 'cpu', [
      ...attrs({
        name: interp`${ref('var.name')}-cpu`,
        policy_type: 'TargetTrackingScaling',
        service_namespace: ref('aws_appautoscaling_target.this.service_namespace'),
        resource_id: ref('aws_appautoscaling_target.this.resource_id'),
        scalable_dimension: ref('aws_appautoscaling_target.this.scalable_dimension'),
      }),
      block('target_tracking_scaling_policy_configuration', [], [
        ...attrs({ target_value: ref('var.cpu_target'), scale_in_cooldown: 300, scale_out_cooldown: 60 }),
        block('predefined_metric_specification', [], [attr('predefined_metric_type', 'ECSServiceAverageCPUUtilization')]),
      ]),
    ]),
  ];
}

function main(): BodyItem[] {
  return [
    comment('One container service on ECS Fargate, with its image registry, logs, secrets, IAM and autoscaling.'),
    block('data', ['aws_caller_identity', 'current'], []),
    block('data', ['aws_partition', 'current'], []),
    block('data', ['aws_region', 'current'], []),
    block('locals', [], attrs({
      load_balanced: expr('var.port != null'),
      // ALB and target group names: at most 32 characters, unique per service through the hash.
      short_name: expr('"${trimsuffix(substr(var.name, 0, 25), "-")}-${substr(md5(var.name), 0, 6)}"'),
      secrets: expr('merge({ for name, secret in aws_secretsmanager_secret.this : name => secret.arn }, var.external_secrets)'),
      secret_arns: expr('values(local.secrets)'),
      // Known at plan time (names, not ARNs), so it can drive `count`.
      secret_count: expr('length(var.secret_names) + length(var.external_secrets) > 0 ? 1 : 0'),
    })),
    ...registry(),
    ...compute(),
    ...albResources(),
    ...iam(),
  ];
}

function variables(): Block[] {
  return [
    variable('name', { type: 'string', description: 'Name of the service and prefix of its resources (project-environment-service).' }),
    variable('repository_name', { type: 'string', description: 'ECR repository name (<environment>/<project>-<service>).' }),
    variable('image_tag', { type: 'string', description: 'Image tag to deploy (the commit SHA your pipeline pushed).' }),
    variable('images_to_keep', { type: 'number', description: 'Images the ECR lifecycle policy keeps.', default: 30 }),
    variable('force_delete_repository', { type: 'bool', description: 'Let terraform destroy delete the repository with its images.', default: false }),
    variable('cluster_arn', { type: 'string', description: 'ARN of the ECS cluster.' }),
    variable('cluster_name', { type: 'string', description: 'Name of the ECS cluster (for the autoscaling resource id).' }),
    variable('vpc_id', { type: 'string', description: 'VPC of the service.' }),
    variable('public_subnet_ids', { type: 'list(string)', description: 'Subnets of the load balancer.' }),
    variable('private_subnet_ids', { type: 'list(string)', description: 'Subnets of the tasks.' }),
    variable('security_group_ids', { type: 'list(string)', description: 'Extra security groups for the tasks (the network module\'s app group).', default: [] }),
    variable('port', { type: 'number', description: 'Container port; null for a worker (no load balancer).', default: null }),
    variable('health_check_path', { type: 'string', description: 'HTTP path the load balancer probes.', default: '/' }),
    variable('health_check_matcher', { type: 'string', description: 'HTTP codes that count as healthy.', default: '200-399' }),
    variable('health_check_grace_period', { type: 'number', description: 'Seconds a new task may fail health checks while it starts.', default: 60 }),
    variable('certificate_arn', { type: 'string', description: 'ACM certificate for the HTTPS listener (required when port is set).', default: null }),
    variable('deletion_protection', { type: 'bool', description: 'Protect the load balancer from deletion.', default: false }),
    variable('cpu', { type: 'number', description: 'Fargate CPU units (256 = 0.25 vCPU).', default: 256 }),
    variable('memory', { type: 'number', description: 'Fargate memory in MiB.', default: 512 }),
    variable('desired_count', { type: 'number', description: 'Tasks to start with; autoscaling adjusts it afterwards.', default: 1 }),
    variable('min_count', { type: 'number', description: 'Fewest tasks autoscaling keeps.', default: 1 }),
    variable('max_count', { type: 'number', description: 'Most tasks autoscaling starts.', default: 2 }),
    variable('cpu_target', { type: 'number', description: 'Average CPU utilisation (percent) autoscaling aims for.', default: 60 }),
    variable('log_retention_days', { type: 'number', description: 'Days CloudWatch keeps the logs.', default: 30 }),
    variable('environment', { type: 'map(string)', description: 'Plain (non-secret) environment variables.', default: {} }),
    variable('secret_names', { type: 'list(string)', description: 'Secret environment variables; one Secrets Manager secret each, value set by you.', default: [] }),
    variable('external_secrets', { type: 'map(string)', description: 'Environment variable name to the ARN of an existing secret (database URLs from the data module).', default: {} }),
    variable('secret_recovery_window_days', { type: 'number', description: 'Days a deleted secret can be restored (0 deletes at once).', default: 7 }),
    variable('tags', { type: 'map(string)', description: 'Tags added to every resource.', default: {} }),
  ];
}

function outputs(): Block[] {
  return [
    output('service_name', 'Name of the ECS service.', ref('aws_ecs_service.this.name')),
    output('repository_url', 'ECR repository to push the image to.', ref('aws_ecr_repository.this.repository_url')),
    output('load_balancer_dns_name', 'DNS name of the load balancer (null for workers): point your domain here.', expr('local.load_balanced ? aws_lb.this[0].dns_name : null')),
    output('task_role_name', 'Role the application runs as: attach the policies it needs here.', ref('aws_iam_role.task.name')),
    output('task_security_group_id', 'Security group of the tasks.', ref('aws_security_group.task.id')),
    output('log_group_name', 'CloudWatch log group of the service.', ref('aws_cloudwatch_log_group.this.name')),
    output('secret_arns', 'Secrets Manager secret per secret environment variable.', expr('{ for name, secret in aws_secretsmanager_secret.this : name => secret.arn }')),
  ];
}

export function serviceModule(header: string): ModuleFiles {
  return {
    'main.tf': renderFile(main(), header),
    'variables.tf': renderFile(variables(), header),
    'outputs.tf': renderFile(outputs(), header),
    'versions.tf': versionsFile(header, ['aws']),
  };
}
