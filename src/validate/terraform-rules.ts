/**
 * Terraform rules as data. DSQ-TF-0000 is the parse error; 0001–0008 are policy rules in the spirit
 * of Trivy's AWS checks, each judging only literal values (an expression such as var.public is the
 * caller's choice and is not guessed at); 0010–0020 are reference and provider checks across the
 * files of one directory; 0021–0025 are the Google, Azure and Hetzner policy rules of
 * terraform-cloud-rules.ts. docs/rules/terraform.md documents every rule with a bad and a good snippet.
 */
import type { RuleInfo } from './types.js';
import { blocks, isExpression, isTrue, literal, typedBlocks, type Entity, type Json, type ParsedFile } from './terraform-model.js';
import { CLOUD_RULES, cloudResourceRules } from './terraform-cloud-rules.js';

export const TF_PARSE_RULE: RuleInfo = {
  id: 'DSQ-TF-0000',
  title: 'HCL syntax',
  severity: 'high',
  recommendation: 'Fix the HCL syntax at the reported position; Terraform cannot read the directory until every file parses.',
};

const rule = (id: string, title: string, severity: RuleInfo['severity'], recommendation: string): RuleInfo => ({ id, title, severity, recommendation });

export const TF_RULES = {
  s3Encryption: rule('DSQ-TF-0001', 'S3 bucket without server-side encryption configuration', 'high', 'Add an aws_s3_bucket_server_side_encryption_configuration for the bucket (aws:kms with a key you control, or AES256).'),
  s3PublicAccess: rule('DSQ-TF-0002', 'S3 bucket without a full public access block', 'high', 'Add an aws_s3_bucket_public_access_block for the bucket with block_public_acls, block_public_policy, ignore_public_acls and restrict_public_buckets all true.'),
  openIngress: rule('DSQ-TF-0003', 'Security group open to the internet on a port other than HTTP/HTTPS', 'high', 'Restrict the source to known CIDR ranges or a security group, or put the service behind a load balancer; only 80 and 443 belong open to 0.0.0.0/0.'),
  rdsPublic: rule('DSQ-TF-0004', 'RDS database publicly accessible', 'critical', 'Set publicly_accessible = false and reach the database from private subnets (a bastion or SSM session for humans).'),
  rdsEncryption: rule('DSQ-TF-0005', 'RDS storage not encrypted', 'high', 'Set storage_encrypted = true (encryption cannot be turned on later without a snapshot restore).'),
  ecrScan: rule('DSQ-TF-0006', 'ECR repository without scan on push', 'medium', 'Add image_scanning_configuration { scan_on_push = true } (or a registry-wide aws_ecr_registry_scanning_configuration).'),
  logRetention: rule('DSQ-TF-0007', 'CloudWatch log group without retention', 'medium', 'Set retention_in_days (for example 30 or 90): without it logs are kept, and billed, forever.'),
  httpListener: rule('DSQ-TF-0008', 'Load balancer listener serves plain HTTP', 'high', 'Make the HTTP listener\'s default action a redirect to HTTPS (status HTTP_301) and serve traffic on an HTTPS listener.'),
  undeclaredVariable: rule('DSQ-TF-0010', 'Reference to an undeclared variable', 'high', 'Declare the variable in a variable block (variables.tf) of the same directory, or fix the name.'),
  undeclaredLocal: rule('DSQ-TF-0011', 'Reference to an undeclared local value', 'high', 'Define the value in a locals block of the same directory, or fix the name.'),
  undeclaredModule: rule('DSQ-TF-0012', 'Reference to an undeclared module', 'high', 'Add the module block or fix the name.'),
  unknownModuleOutput: rule('DSQ-TF-0013', 'Reference to an output the module does not declare', 'high', 'Declare the output in the module\'s outputs.tf or use one it has.'),
  moduleArguments: rule('DSQ-TF-0014', 'Module call does not match the module\'s variables', 'high', 'Pass every variable the module requires (those without a default) and only variables it declares.'),
  undeclaredResource: rule('DSQ-TF-0015', 'Reference to an undeclared resource or data source', 'high', 'Declare the resource or data block in the same directory, or fix the type or name.'),
  unknownType: rule('DSQ-TF-0016', 'Resource or data source type unknown to its provider', 'low', 'Check the type name against the provider documentation; devsquad knows the common AWS, Google, AzureRM and Hetzner Cloud types and may not list a rare one.'),
  undeclaredProvider: rule('DSQ-TF-0017', 'Provider used but missing from required_providers', 'medium', 'Add the provider to terraform { required_providers { … } } with its source and a version constraint.'),
  noRequiredProviders: rule('DSQ-TF-0018', 'No required_providers block', 'medium', 'Add a versions.tf with terraform { required_providers { … } } naming each provider, its source and a pinned version.'),
  unpinnedProvider: rule('DSQ-TF-0019', 'Provider version not pinned', 'medium', 'Give the provider a version constraint with an upper bound, such as "~> 5.70", so a new major release never lands unannounced.'),
  noRequiredVersion: rule('DSQ-TF-0020', 'Terraform version not constrained', 'low', 'Set required_version in the terraform block, such as "~> 1.6".'),
  ...CLOUD_RULES,
} as const satisfies Record<string, RuleInfo>;

export interface TfHit {
  rule: RuleInfo;
  entity: Entity;
  message: string;
}

const OPEN = new Set(['0.0.0.0/0', '::/0']);
const WEB_PORTS = new Set([80, 443]);

function port(value: unknown): number | null | undefined {
  const v = literal(value);
  if (v === undefined) return undefined; // an expression: not judged
  const n = Number(v);
  return Number.isInteger(n) ? n : null;
}

/** Whether an ingress from the internet reaches a non-web port; false when ports are expressions. */
function opensNonWebPort(protocol: unknown, from: unknown, to: unknown): boolean {
  const proto = literal(protocol);
  if (proto === '-1' || proto === 'all' || proto === -1) return true;
  const low = port(from);
  const high = port(to);
  if (low === undefined || high === undefined || low === null || high === null) return false;
  if (low === 0 && high === 0 && (proto === 'tcp' || proto === 'udp')) return true;
  if (low !== high) return true;
  return !WEB_PORTS.has(low);
}

function openCidrs(...values: unknown[]): string[] {
  return values.flatMap((v) => (Array.isArray(v) ? v : [v])).filter((v): v is string => typeof v === 'string' && OPEN.has(v));
}

function checkIngress(entity: Entity, out: TfHit[]): void {
  const { type, body } = entity;
  const hit = (cidr: string, from: unknown, to: unknown): void => {
    out.push({ rule: TF_RULES.openIngress, entity, message: `${type}.${entity.name} allows ${cidr} on ${literal(from) ?? '?'}-${literal(to) ?? '?'}` });
  };
  if (type === 'aws_security_group') {
    for (const ingress of blocks(body, 'ingress')) {
      const cidrs = openCidrs(ingress.cidr_blocks, ingress.ipv6_cidr_blocks);
      if (cidrs.length > 0 && opensNonWebPort(ingress.protocol, ingress.from_port, ingress.to_port)) hit(cidrs[0]!, ingress.from_port, ingress.to_port);
    }
  } else if (type === 'aws_security_group_rule' && literal(body.type) === 'ingress') {
    const cidrs = openCidrs(body.cidr_blocks, body.ipv6_cidr_blocks);
    if (cidrs.length > 0 && opensNonWebPort(body.protocol, body.from_port, body.to_port)) hit(cidrs[0]!, body.from_port, body.to_port);
  } else if (type === 'aws_vpc_security_group_ingress_rule') {
    const cidrs = openCidrs(body.cidr_ipv4, body.cidr_ipv6);
    if (cidrs.length > 0 && opensNonWebPort(body.ip_protocol, body.from_port, body.to_port)) hit(cidrs[0]!, body.from_port, body.to_port);
  }
}

function redirectsToHttps(action: Json): boolean {
  if (literal(action.type) !== 'redirect') return false;
  const redirect = blocks(action, 'redirect')[0];
  const protocol = redirect ? redirect.protocol : undefined;
  // An omitted protocol means #{protocol}: the redirect stays on HTTP.
  return isExpression(protocol) || literal(protocol) === 'HTTPS';
}

/** Rules that judge one resource on its own (run per file). */
export function resourceRules(file: ParsedFile): TfHit[] {
  const out: TfHit[] = [];
  const registryScan = typedBlocks(file, 'resource').some((e) => e.type === 'aws_ecr_registry_scanning_configuration');
  for (const entity of typedBlocks(file, 'resource')) {
    const { type, body } = entity;
    const id = `${type}.${entity.name}`;
    checkIngress(entity, out);
    for (const hit of cloudResourceRules(entity)) out.push({ ...hit, entity });
    if ((type === 'aws_db_instance' || type === 'aws_rds_cluster_instance') && isTrue(body.publicly_accessible)) {
      out.push({ rule: TF_RULES.rdsPublic, entity, message: `${id} sets publicly_accessible = true` });
    }
    if ((type === 'aws_db_instance' && body.replicate_source_db === undefined) || (type === 'aws_rds_cluster' && literal(body.engine_mode) !== 'serverless')) {
      if (!isExpression(body.storage_encrypted) && !isTrue(body.storage_encrypted)) out.push({ rule: TF_RULES.rdsEncryption, entity, message: `${id} does not set storage_encrypted = true` });
    }
    if (type === 'aws_ecr_repository' && !registryScan) {
      const scan = blocks(body, 'image_scanning_configuration')[0]?.scan_on_push;
      if (!isExpression(scan) && !isTrue(scan)) out.push({ rule: TF_RULES.ecrScan, entity, message: `${id} does not scan images on push` });
    }
    if (type === 'aws_cloudwatch_log_group') {
      const days = body.retention_in_days;
      if (!isExpression(days) && (days === undefined || Number(literal(days)) === 0)) out.push({ rule: TF_RULES.logRetention, entity, message: `${id} keeps logs forever (no retention_in_days)` });
    }
    if (type === 'aws_lb_listener' || type === 'aws_alb_listener') {
      const protocol = literal(body.protocol) ?? (isExpression(body.protocol) ? undefined : port(body.port) === 80 ? 'HTTP' : undefined);
      const actions = blocks(body, 'default_action');
      if (protocol === 'HTTP' && actions.length > 0 && !actions.every(redirectsToHttps)) {
        out.push({ rule: TF_RULES.httpListener, entity, message: `${id} serves HTTP without redirecting to HTTPS` });
      }
    }
  }
  return out;
}

/** Whether `value` references aws_s3_bucket.<name> (by id, bucket or arn). */
function refersToBucket(value: unknown, name: string): boolean {
  return typeof value === 'string' && new RegExp(`(?<![\\w.])aws_s3_bucket\\.${name}\\b`).test(value);
}

/** Rules that need a bucket's companion resources, which may sit in another file of the directory. */
export function bucketRules(files: readonly ParsedFile[]): TfHit[] {
  const resources = files.flatMap((f) => typedBlocks(f, 'resource'));
  const out: TfHit[] = [];
  for (const bucket of resources.filter((e) => e.type === 'aws_s3_bucket')) {
    const id = `aws_s3_bucket.${bucket.name}`;
    const encrypted = blocks(bucket.body, 'server_side_encryption_configuration').length > 0
      || resources.some((e) => e.type === 'aws_s3_bucket_server_side_encryption_configuration' && refersToBucket(e.body.bucket, bucket.name));
    if (!encrypted) out.push({ rule: TF_RULES.s3Encryption, entity: bucket, message: `${id} has no server-side encryption configuration` });
    const block = resources.find((e) => e.type === 'aws_s3_bucket_public_access_block' && refersToBucket(e.body.bucket, bucket.name));
    const flags = ['block_public_acls', 'block_public_policy', 'ignore_public_acls', 'restrict_public_buckets'];
    const missing = block ? flags.filter((f) => !isTrue(block.body[f]) && !isExpression(block.body[f])) : flags;
    if (missing.length > 0) {
      out.push({ rule: TF_RULES.s3PublicAccess, entity: bucket, message: block ? `${id}: public access block leaves ${missing.join(', ')} off` : `${id} has no public access block` });
    }
  }
  return out;
}
