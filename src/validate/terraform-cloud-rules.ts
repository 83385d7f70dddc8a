/**
 * Policy rules for Google Cloud, Azure and Hetzner Cloud resources (DSQ-TF-0021 to 0025), in the same
 * spirit as the AWS ones: each judges literal values only, and an omitted attribute counts as its
 * provider default. terraform-rules.ts merges these into TF_RULES and runs them per resource.
 */
import type { RuleInfo } from './types.js';
import { blocks, isExpression, isTrue, literal, type Entity } from './terraform-model.js';

const rule = (id: string, title: string, severity: RuleInfo['severity'], recommendation: string): RuleInfo => ({ id, title, severity, recommendation });

export const CLOUD_RULES = {
  cloudRunIngress: rule('DSQ-TF-0021', 'Cloud Run service without an explicit ingress setting', 'medium', 'Set ingress: INGRESS_TRAFFIC_INTERNAL_ONLY for internal services and workers, INGRESS_TRAFFIC_INTERNAL_LOAD_BALANCER behind a load balancer with Cloud Armor, INGRESS_TRAFFIC_ALL only for a service that is public on purpose.'),
  cloudSqlPublicIp: rule('DSQ-TF-0022', 'Cloud SQL instance with a public IP', 'high', 'Set settings.ip_configuration.ipv4_enabled = false with a private_network (private services access), and connect from Cloud Run through Direct VPC egress or the Cloud SQL connector.'),
  keyVaultPurge: rule('DSQ-TF-0023', 'Key Vault without purge protection', 'medium', 'Set purge_protection_enabled = true (it cannot be turned off again), so a deleted vault or secret stays recoverable for its soft-delete retention.'),
  redisNonTls: rule('DSQ-TF-0024', 'Azure Cache for Redis accepts plain-text or old TLS connections', 'high', 'Set non_ssl_port_enabled = false and minimum_tls_version = "1.2"; clients connect with rediss:// on port 6380.'),
  hcloudOpenSsh: rule('DSQ-TF-0025', 'Hetzner firewall opens SSH to the whole internet', 'high', 'List your own addresses (office, VPN, bastion) in source_ips for port 22, or drop the rule and reach servers through a bastion.'),
} as const satisfies Record<string, RuleInfo>;

export interface CloudHit {
  rule: RuleInfo;
  message: string;
}

const OPEN = new Set(['0.0.0.0/0', '::/0']);

/** Whether a Hetzner port spec ("22", "20-30", "any") covers 22; expressions are not judged. */
function coversSsh(port: unknown): boolean {
  const value = literal(port);
  if (value === undefined) return false;
  const text = String(value).trim();
  if (text === 'any') return true;
  const range = /^(\d+)(?:-(\d+))?$/.exec(text);
  if (!range) return false;
  const low = Number(range[1]);
  const high = Number(range[2] ?? range[1]);
  return low <= 22 && high >= 22;
}

/** Checks one resource of the Google, AzureRM or hcloud provider. */
export function cloudResourceRules(entity: Entity): CloudHit[] {
  const { type, body } = entity;
  const id = `${type}.${entity.name}`;
  const out: CloudHit[] = [];
  if (type === 'google_cloud_run_v2_service' && body.ingress === undefined) {
    out.push({ rule: CLOUD_RULES.cloudRunIngress, message: `${id} sets no ingress, so it accepts traffic from the internet by default` });
  }
  if (type === 'google_sql_database_instance') {
    const ip = blocks(body, 'settings').flatMap((s) => blocks(s, 'ip_configuration'))[0];
    const enabled = ip?.ipv4_enabled;
    if (!isExpression(enabled) && literal(enabled) !== false && enabled !== 'false') {
      out.push({ rule: CLOUD_RULES.cloudSqlPublicIp, message: `${id} ${ip ? 'sets' : 'leaves'} ipv4_enabled ${ip && enabled !== undefined ? '= true' : 'at its default (true)'}` });
    }
  }
  if (type === 'azurerm_key_vault' && !isExpression(body.purge_protection_enabled) && !isTrue(body.purge_protection_enabled)) {
    out.push({ rule: CLOUD_RULES.keyVaultPurge, message: `${id} has no purge protection` });
  }
  if (type === 'azurerm_redis_cache') {
    const plain = isTrue(body.non_ssl_port_enabled) || isTrue(body.enable_non_ssl_port);
    const tls = literal(body.minimum_tls_version);
    if (plain) out.push({ rule: CLOUD_RULES.redisNonTls, message: `${id} enables the plain-text port 6379` });
    else if (tls === '1.0' || tls === '1.1') out.push({ rule: CLOUD_RULES.redisNonTls, message: `${id} accepts TLS ${tls}` });
  }
  if (type === 'hcloud_firewall') {
    // Rules written out, and the content of `dynamic "rule"` blocks (judged the same way).
    const dynamic = blocks(body, 'dynamic').flatMap((d) => blocks(d, 'rule')).flatMap((r) => blocks(r, 'content'));
    for (const r of [...blocks(body, 'rule'), ...dynamic]) {
      const sources = Array.isArray(r.source_ips) ? r.source_ips : [];
      const open = sources.find((s): s is string => typeof s === 'string' && OPEN.has(s));
      if (literal(r.direction) === 'in' && literal(r.protocol) === 'tcp' && open && coversSsh(r.port)) {
        out.push({ rule: CLOUD_RULES.hcloudOpenSsh, message: `${id} allows SSH (port ${String(literal(r.port))}) from ${open}` });
      }
    }
  }
  return out;
}
