/**
 * The CloudFormation resources of one service, mirroring modules/service of the AWS Terraform tree:
 * ECR repository, log group, one Secrets Manager secret per secret env var, execution and task roles,
 * task security group, Fargate task definition (the same container as platform/ecs), ECS service with
 * the deployment circuit breaker, CPU target-tracking autoscaling and, for a service with a port, an
 * ALB whose target group checks the plan's health path on the plan's port. Intrinsics are written in
 * their long forms (`Ref`, `Fn::GetAtt`, `Fn::Sub`) so any YAML or JSON parser reads the template.
 */
import type { ProjectPlan, ServicePlan } from '../../../plan/schema.js';
import { imageName, type PlatformFacts } from '../common.js';
import { fargateSize, taskDefinition, volumeName } from '../ecs/generate.js';
import type { PlatformInputs } from '../inputs.js';

export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
export interface Resource {
  Type: string;
  Properties: Record<string, Json>;
  DependsOn?: string[];
}

const ref = (name: string): Json => ({ Ref: name });
const getAtt = (name: string, attribute: string): Json => ({ 'Fn::GetAtt': [name, attribute] });
const sub = (text: string): Json => ({ 'Fn::Sub': text });

/** `api-gateway` → `ApiGateway`: a logical id prefix. */
export function logicalId(name: string): string {
  const id = name.split(/[^A-Za-z0-9]+/).filter(Boolean).map((w) => w[0]!.toUpperCase() + w.slice(1)).join('');
  return /^[A-Za-z]/.test(id) ? id : `Svc${id}`;
}

const ASSUME_ECS_TASKS: Json = {
  Version: '2012-10-17',
  Statement: [{
    Effect: 'Allow',
    Principal: { Service: 'ecs-tasks.amazonaws.com' },
    Action: 'sts:AssumeRole',
    Condition: { StringEquals: { 'aws:SourceAccount': sub('${AWS::AccountId}') } },
  }],
};

const LIFECYCLE = JSON.stringify({ rules: [{ rulePriority: 1, description: 'Keep the most recent images only', selection: { tagStatus: 'any', countType: 'imageCountMoreThan', countNumber: 30 }, action: { type: 'expire' } }] });

/** Upper camel case of every key, the CloudFormation spelling of an ECS container definition. */
function pascalKeys(value: unknown, keepKeys = false): Json {
  if (Array.isArray(value)) return value.map((v) => pascalKeys(v));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [keepKeys ? k : k[0]!.toUpperCase() + k.slice(1), pascalKeys(v, k === 'options')]));
  }
  return value as Json;
}

function container(plan: ProjectPlan, service: ServicePlan, facts: PlatformFacts, options: PlatformInputs, id: string, secretIds: Record<string, string>): Json {
  const { json } = taskDefinition(plan, service, facts, options);
  const [definition] = json.containerDefinitions;
  const out = pascalKeys(definition) as Record<string, Json>;
  out['Image'] = sub(`\${${id}Repository.RepositoryUri}:\${ImageTag}`);
  out['Secrets'] = facts.secretNames.map((name) => ({ Name: name, ValueFrom: ref(secretIds[name]!) }));
  out['LogConfiguration'] = { LogDriver: 'awslogs', Options: { 'awslogs-group': ref(`${id}LogGroup`), 'awslogs-region': ref('AWS::Region'), 'awslogs-stream-prefix': 'app' } };
  // Name, port mappings, health check, user, read-only root, mounts and environment stay as in ecs/.
  if (Array.isArray(out['PortMappings'])) out['PortMappings'] = (out['PortMappings'] as Array<Record<string, Json>>).map((m) => ({ Name: m['Name'] ?? 'http', ContainerPort: m['ContainerPort'] ?? 0, Protocol: 'tcp', AppProtocol: 'http' }));
  return out;
}

export function serviceResources(plan: ProjectPlan, service: ServicePlan, facts: PlatformFacts, options: PlatformInputs): { resources: Record<string, Resource>; outputs: Record<string, Json> } {
  const id = logicalId(service.name);
  const name = `\${AWS::StackName}-${service.name}`;
  const resources: Record<string, Resource> = {};
  const outputs: Record<string, Json> = {};
  resources[`${id}Repository`] = {
    Type: 'AWS::ECR::Repository',
    Properties: {
      RepositoryName: sub(`\${Environment}/${imageName(plan, service)}`),
      ImageTagMutability: 'IMMUTABLE',
      ImageScanningConfiguration: { ScanOnPush: true },
      EncryptionConfiguration: { EncryptionType: 'AES256' },
      LifecyclePolicy: { LifecyclePolicyText: LIFECYCLE },
    },
  };
  resources[`${id}LogGroup`] = { Type: 'AWS::Logs::LogGroup', Properties: { LogGroupName: sub(`/ecs/${name}`), RetentionInDays: 30 } };
  const secretIds: Record<string, string> = {};
  for (const env of facts.secretNames) {
    const secretId = `${id}Secret${logicalId(env.toLowerCase())}`;
    secretIds[env] = secretId;
    resources[secretId] = { Type: 'AWS::SecretsManager::Secret', Properties: { Name: sub(`${name}/${env}`), Description: `${env} for ${service.name}; set its value with aws secretsmanager put-secret-value` } };
  }
  const executionPolicies: Json[] = facts.secretNames.length === 0 ? [] : [{
    PolicyName: 'read-service-secrets',
    PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: Object.values(secretIds).map(ref) }] },
  }];
  resources[`${id}ExecutionRole`] = {
    Type: 'AWS::IAM::Role',
    Properties: {
      Description: "ECS agent: pull the image, write logs, read this service's secrets",
      AssumeRolePolicyDocument: ASSUME_ECS_TASKS,
      ManagedPolicyArns: [sub('arn:${AWS::Partition}:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy')],
      ...(executionPolicies.length > 0 ? { Policies: executionPolicies } : {}),
    },
  };
  resources[`${id}TaskRole`] = { Type: 'AWS::IAM::Role', Properties: { Description: 'The application itself: no AWS permissions until you grant them', AssumeRolePolicyDocument: ASSUME_ECS_TASKS } };
  resources[`${id}TaskSecurityGroup`] = { Type: 'AWS::EC2::SecurityGroup', Properties: { GroupDescription: `Tasks of ${service.name}: reachable from its load balancer only`, VpcId: ref('VpcId') } };
  const size = fargateSize(service);
  resources[`${id}TaskDefinition`] = {
    Type: 'AWS::ECS::TaskDefinition',
    Properties: {
      Family: sub(name),
      RequiresCompatibilities: ['FARGATE'],
      NetworkMode: 'awsvpc',
      Cpu: size.cpu,
      Memory: size.memory,
      RuntimePlatform: { OperatingSystemFamily: 'LINUX', CpuArchitecture: 'X86_64' },
      ExecutionRoleArn: getAtt(`${id}ExecutionRole`, 'Arn'),
      TaskRoleArn: getAtt(`${id}TaskRole`, 'Arn'),
      ContainerDefinitions: [container(plan, service, facts, options, id, secretIds)],
      Volumes: facts.writable.map((dir) => ({ Name: volumeName(dir) })),
    },
  };
  const serviceProps: Record<string, Json> = {
    ServiceName: sub(name),
    Cluster: ref('Cluster'),
    TaskDefinition: ref(`${id}TaskDefinition`),
    DesiredCount: 1,
    LaunchType: 'FARGATE',
    NetworkConfiguration: { AwsvpcConfiguration: { Subnets: ref('PrivateSubnetIds'), SecurityGroups: [getAtt(`${id}TaskSecurityGroup`, 'GroupId')], AssignPublicIp: 'DISABLED' } },
    DeploymentConfiguration: { DeploymentCircuitBreaker: { Enable: true, Rollback: true }, MinimumHealthyPercent: 100, MaximumPercent: 200 },
  };
  const service_: Resource = { Type: 'AWS::ECS::Service', Properties: serviceProps };
  if (facts.port !== null) {
    Object.assign(resources, loadBalancer(id, service, facts.port, facts.healthPath));
    serviceProps['LoadBalancers'] = [{ ContainerName: service.name, ContainerPort: facts.port, TargetGroupArn: ref(`${id}TargetGroup`) }];
    serviceProps['HealthCheckGracePeriodSeconds'] = service.language === 'java' || service.language === 'kotlin' ? 180 : 60;
    service_.DependsOn = [`${id}HttpsListener`];
    outputs[`${id}LoadBalancerDnsName`] = getAtt(`${id}LoadBalancer`, 'DNSName');
  }
  resources[`${id}Service`] = service_;
  resources[`${id}ScalableTarget`] = {
    Type: 'AWS::ApplicationAutoScaling::ScalableTarget',
    Properties: { ServiceNamespace: 'ecs', ScalableDimension: 'ecs:service:DesiredCount', ResourceId: sub(`service/\${Cluster}/\${${id}Service.Name}`), MinCapacity: 1, MaxCapacity: 2 },
  };
  resources[`${id}CpuScaling`] = {
    Type: 'AWS::ApplicationAutoScaling::ScalingPolicy',
    Properties: {
      PolicyName: sub(`${name}-cpu`),
      PolicyType: 'TargetTrackingScaling',
      ScalingTargetId: ref(`${id}ScalableTarget`),
      TargetTrackingScalingPolicyConfiguration: { TargetValue: 60, ScaleInCooldown: 300, ScaleOutCooldown: 60, PredefinedMetricSpecification: { PredefinedMetricType: 'ECSServiceAverageCPUUtilization' } },
    },
  };
  outputs[`${id}RepositoryUri`] = getAtt(`${id}Repository`, 'RepositoryUri');
  return { resources, outputs };
}

function loadBalancer(id: string, service: ServicePlan, port: number, healthPath: string | null): Record<string, Resource> {
  return {
    [`${id}AlbSecurityGroup`]: {
      Type: 'AWS::EC2::SecurityGroup',
      Properties: {
        GroupDescription: `Load balancer of ${service.name}: HTTPS (and HTTP, redirected) from the internet`,
        VpcId: ref('VpcId'),
        SecurityGroupIngress: [
          { Description: 'HTTPS from the internet', CidrIp: '0.0.0.0/0', IpProtocol: 'tcp', FromPort: 443, ToPort: 443 },
          { Description: 'HTTP from the internet, redirected to HTTPS', CidrIp: '0.0.0.0/0', IpProtocol: 'tcp', FromPort: 80, ToPort: 80 },
        ],
      },
    },
    [`${id}TaskIngressFromAlb`]: {
      Type: 'AWS::EC2::SecurityGroupIngress',
      Properties: { GroupId: getAtt(`${id}TaskSecurityGroup`, 'GroupId'), SourceSecurityGroupId: getAtt(`${id}AlbSecurityGroup`, 'GroupId'), Description: 'From the load balancer on the container port', IpProtocol: 'tcp', FromPort: port, ToPort: port },
    },
    [`${id}LoadBalancer`]: {
      Type: 'AWS::ElasticLoadBalancingV2::LoadBalancer',
      Properties: {
        Type: 'application',
        Scheme: 'internet-facing',
        Subnets: ref('PublicSubnetIds'),
        SecurityGroups: [getAtt(`${id}AlbSecurityGroup`, 'GroupId')],
        LoadBalancerAttributes: [{ Key: 'routing.http.drop_invalid_header_fields.enabled', Value: 'true' }],
      },
    },
    [`${id}TargetGroup`]: {
      Type: 'AWS::ElasticLoadBalancingV2::TargetGroup',
      Properties: {
        Port: port,
        Protocol: 'HTTP',
        TargetType: 'ip',
        VpcId: ref('VpcId'),
        HealthCheckEnabled: true,
        HealthCheckPath: healthPath ?? '/',
        HealthCheckPort: String(port),
        HealthCheckProtocol: 'HTTP',
        Matcher: { HttpCode: healthPath ? '200-399' : '200-499' },
        HealthCheckIntervalSeconds: 15,
        HealthCheckTimeoutSeconds: 5,
        HealthyThresholdCount: 2,
        UnhealthyThresholdCount: 3,
        TargetGroupAttributes: [{ Key: 'deregistration_delay.timeout_seconds', Value: '30' }],
      },
    },
    [`${id}HttpsListener`]: {
      Type: 'AWS::ElasticLoadBalancingV2::Listener',
      Properties: {
        LoadBalancerArn: ref(`${id}LoadBalancer`),
        Port: 443,
        Protocol: 'HTTPS',
        SslPolicy: 'ELBSecurityPolicy-TLS13-1-2-2021-06',
        Certificates: [{ CertificateArn: ref('CertificateArn') }],
        DefaultActions: [{ Type: 'forward', TargetGroupArn: ref(`${id}TargetGroup`) }],
      },
    },
    [`${id}HttpListener`]: {
      Type: 'AWS::ElasticLoadBalancingV2::Listener',
      Properties: {
        LoadBalancerArn: ref(`${id}LoadBalancer`),
        Port: 80,
        Protocol: 'HTTP',
        DefaultActions: [{ Type: 'redirect', RedirectConfig: { Protocol: 'HTTPS', Port: '443', StatusCode: 'HTTP_301' } }],
      },
    },
  };
}
