/**
 * Rule ids of the platform validator (documented in docs/rules/platform.md, never reused) and the
 * checks beyond parsing and schemas: CloudFormation references, ECS health check vs port mappings,
 * non-root and read-only ECS containers, health checks on HTTP services, literal secrets in plain env,
 * security headers in vercel.json.
 */
import type { RuleInfo } from './types.js';
import { isSecretLookingName } from './secret-names.js';

export const PLATFORM_RULES = {
  parse: { id: 'DSQ-PF-0001', title: 'File does not parse', severity: 'high', recommendation: 'Fix the syntax at the reported line (JSON, YAML or TOML as the file name says).' },
  schema: { id: 'DSQ-PF-0002', title: 'Unknown or invalid field', severity: 'high', recommendation: 'Use the field names and value types the platform documents; a misspelt key is ignored by the platform or rejects the deploy.' },
  cfnRef: { id: 'DSQ-PF-0003', title: 'CloudFormation reference to an undeclared resource or parameter', severity: 'high', recommendation: 'Declare the resource or parameter, or correct the logical id in Ref, Fn::GetAtt, Fn::Sub or DependsOn.' },
  ecsHealthPort: { id: 'DSQ-PF-0004', title: 'ECS health check probes a port the container does not map', severity: 'medium', recommendation: 'Probe the containerPort of portMappings (or map the port the health check uses).' },
  noHealthCheck: { id: 'DSQ-PF-0005', title: 'HTTP service without a health check', severity: 'low', recommendation: 'Add a health check on the app\'s health route (fly [[http_service.checks]], render healthCheckPath, Cloud Run startupProbe/livenessProbe).' },
  ecsRoot: { id: 'DSQ-PF-0006', title: 'ECS container runs as root', severity: 'medium', recommendation: 'Set "user" to the image\'s non-root uid (for example "10001").' },
  ecsWritableRoot: { id: 'DSQ-PF-0007', title: 'ECS container root filesystem is writable', severity: 'low', recommendation: 'Set "readonlyRootFilesystem": true and mount task storage volumes on the directories the app writes to.' },
  plainSecret: { id: 'DSQ-PF-0008', title: 'Secret value in plain environment', severity: 'high', recommendation: 'Pass the value from the platform\'s secret store (ECS secrets, Secret Manager secretKeyRef, fly secrets, render sync: false, wrangler secret put).' },
  vercelHeaders: { id: 'DSQ-PF-0009', title: 'vercel.json without security headers', severity: 'low', recommendation: 'Add a headers entry for source "/(.*)" with X-Content-Type-Options: nosniff and X-Frame-Options (or a CSP frame-ancestors).' },
} as const satisfies Record<string, RuleInfo>;

export type PlatformRule = (typeof PLATFORM_RULES)[keyof typeof PLATFORM_RULES];

export interface Finding {
  rule: PlatformRule;
  message: string;
  /** Text to look for to place the finding (first line containing it). */
  near?: string;
}

export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

export function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** A value that is a real credential, not a placeholder or an empty string. */
function literalSecret(name: string, value: unknown): boolean {
  if (!isSecretLookingName(name) || typeof value !== 'string') return false;
  return value.trim() !== '' && !/^\$\{?[A-Za-z_]+\}?$/.test(value) && !/^(change-?me|<.*>|xxx+)$/i.test(value);
}

export function plainSecrets(pairs: Iterable<[string, unknown]>, where: string): Finding[] {
  const out: Finding[] = [];
  for (const [name, value] of pairs) if (literalSecret(name, value)) out.push({ rule: PLATFORM_RULES.plainSecret, message: `${name} holds a literal secret in ${where}`, near: name });
  return out;
}

/** Ports an HTTP probe command talks to (127.0.0.1:8080, PORT||3000, ${PORT:-8080}, get('PORT','8000')…). */
export function probePorts(command: readonly string[]): number[] {
  const text = command.join(' ');
  const ports = new Set<number>();
  const patterns = [/(?:127\.0\.0\.1|localhost|0\.0\.0\.0|\[::1\]):(\d{2,5})\b/g, /\$\{\w+:-(\d{2,5})\}/g, /\|\|\s*'?(\d{2,5})\b/g, /\(\s*'\w+'\s*,\s*'(\d{2,5})'\s*\)/g, /\?:\s*'(\d{2,5})'/g];
  for (const pattern of patterns) for (const m of text.matchAll(pattern)) ports.add(Number(m[1]));
  return [...ports];
}

export function ecsChecks(data: Record<string, unknown>): Finding[] {
  const out: Finding[] = [];
  const containers = Array.isArray(data['containerDefinitions']) ? data['containerDefinitions'].filter(isRecord) : [];
  for (const container of containers) {
    const name = String(container['name'] ?? '?');
    const mapped = (Array.isArray(container['portMappings']) ? container['portMappings'] : []).filter(isRecord).map((m) => m['containerPort']);
    const health = isRecord(container['healthCheck']) ? container['healthCheck'] : null;
    const command = Array.isArray(health?.['command']) ? health['command'].map(String) : [];
    for (const port of probePorts(command)) {
      if (!mapped.includes(port)) out.push({ rule: PLATFORM_RULES.ecsHealthPort, message: `${name}: the health check probes port ${port} but portMappings map ${mapped.length > 0 ? mapped.join(', ') : 'no port'}`, near: '"healthCheck"' });
    }
    const user = typeof container['user'] === 'string' ? container['user'] : '';
    if (user === '' || /^(root|0)(:|$)/.test(user)) out.push({ rule: PLATFORM_RULES.ecsRoot, message: `${name}: ${user === '' ? 'no "user", so the image\'s user applies (root unless the image says otherwise)' : `"user": "${user}" is root`}`, near: `"name": "${name}"` });
    if (container['readonlyRootFilesystem'] !== true) out.push({ rule: PLATFORM_RULES.ecsWritableRoot, message: `${name}: readonlyRootFilesystem is not true`, near: `"name": "${name}"` });
    const env = (Array.isArray(container['environment']) ? container['environment'] : []).filter(isRecord).map((e): [string, unknown] => [String(e['name']), e['value']]);
    out.push(...plainSecrets(env, `${name}'s environment`));
  }
  return out;
}

export function cloudRunChecks(data: Record<string, unknown>): Finding[] {
  const out: Finding[] = [];
  const spec = isRecord(data['spec']) && isRecord(data['spec']['template']) && isRecord(data['spec']['template']['spec']) ? data['spec']['template']['spec'] : {};
  for (const container of (Array.isArray(spec['containers']) ? spec['containers'] : []).filter(isRecord)) {
    if (!container['startupProbe'] && !container['livenessProbe']) out.push({ rule: PLATFORM_RULES.noHealthCheck, message: 'the container has neither a startupProbe nor a livenessProbe', near: 'image:' });
    const env = (Array.isArray(container['env']) ? container['env'] : []).filter(isRecord).map((e): [string, unknown] => [String(e['name']), e['value']]);
    out.push(...plainSecrets(env, 'env'));
  }
  return out;
}

export function flyChecks(data: Record<string, unknown>): Finding[] {
  const out: Finding[] = [];
  const http = isRecord(data['http_service']) ? data['http_service'] : null;
  if (http && !(Array.isArray(http['checks']) && http['checks'].length > 0)) out.push({ rule: PLATFORM_RULES.noHealthCheck, message: '[http_service] has no [[http_service.checks]]', near: '[http_service]' });
  for (const service of (Array.isArray(data['services']) ? data['services'] : []).filter(isRecord)) {
    const checks = [service['tcp_checks'], service['http_checks']].filter((c) => Array.isArray(c) && c.length > 0);
    if (checks.length === 0) out.push({ rule: PLATFORM_RULES.noHealthCheck, message: `[[services]] on internal port ${String(service['internal_port'])} has no tcp_checks or http_checks`, near: '[[services]]' });
  }
  if (isRecord(data['env'])) out.push(...plainSecrets(Object.entries(data['env']), '[env]'));
  return out;
}

export function renderChecks(data: Record<string, unknown>): Finding[] {
  const out: Finding[] = [];
  for (const service of (Array.isArray(data['services']) ? data['services'] : []).filter(isRecord)) {
    const name = String(service['name']);
    if (service['type'] === 'web' && service['runtime'] !== 'static' && typeof service['healthCheckPath'] !== 'string') out.push({ rule: PLATFORM_RULES.noHealthCheck, message: `web service ${name} has no healthCheckPath`, near: `name: ${name}` });
    const env = (Array.isArray(service['envVars']) ? service['envVars'] : []).filter(isRecord).map((e): [string, unknown] => [String(e['key']), e['value']]);
    out.push(...plainSecrets(env, `${name}'s envVars`));
  }
  return out;
}

export function wranglerChecks(data: Record<string, unknown>): Finding[] {
  return isRecord(data['vars']) ? plainSecrets(Object.entries(data['vars']), '[vars]') : [];
}

export function vercelChecks(data: Record<string, unknown>): Finding[] {
  const names = new Set<string>();
  for (const entry of (Array.isArray(data['headers']) ? data['headers'] : []).filter(isRecord)) {
    for (const h of (Array.isArray(entry['headers']) ? entry['headers'] : []).filter(isRecord)) names.add(String(h['key']).toLowerCase());
  }
  const framing = names.has('x-frame-options') || names.has('content-security-policy');
  if (names.has('x-content-type-options') && framing) return [];
  const missing = [names.has('x-content-type-options') ? null : 'X-Content-Type-Options', framing ? null : 'X-Frame-Options or Content-Security-Policy'].filter(Boolean);
  return [{ rule: PLATFORM_RULES.vercelHeaders, message: `no ${missing.join(' and no ')} header`, near: '"headers"' }];
}
