/**
 * Splits a service's environment into the ConfigMap (plain settings with their defaults) and the
 * Secret (credentials and backing-service connection settings, which differ per environment and
 * often embed passwords). Secret values are never generated: only the key names, and for the dev
 * overlay an example whose connection strings point at the dev StatefulSets.
 */
import type { BackingServiceKind, ProjectPlan, ServicePlan } from '../../plan/schema.js';
import { backingSpec } from '../compose/backing.js';
import { wireBacking, type BackingInstance } from '../compose/wiring.js';
import { podPort } from './names.js';

export type DevKind = Exclude<BackingServiceKind, 'sqlite'>;

/** The host name of a backing service in the dev overlay (its Service name). */
export function backingHost(kind: DevKind, plan: ProjectPlan): string {
  const name = backingSpec(kind).name;
  return plan.services.some((s) => s.name === name) ? `${name}-server` : name;
}

/** Placeholder for passwords in example files; the user replaces it. */
export const PASSWORD_PLACEHOLDER = 'change-me';

export function devInstances(service: ServicePlan, plan: ProjectPlan): Map<DevKind, BackingInstance> {
  const out = new Map<DevKind, BackingInstance>();
  for (const backing of service.backingServices) {
    if (backing.kind === 'sqlite') continue;
    out.set(backing.kind, { spec: backingSpec(backing.kind), host: backingHost(backing.kind, plan), passwordRef: PASSWORD_PLACEHOLDER });
  }
  return out;
}

export interface SecretKey {
  name: string;
  /** What the value is, shown as a comment in templates and examples. */
  comment: string;
  /** Example value for the dev overlay (dev backing services), or '' when the user must supply it. */
  devValue: string;
}

export interface ServiceConfig {
  /** ConfigMap data, sorted by key. */
  data: Array<[string, string]>;
  /** Keys that are required but have no default: present with an empty value and a comment. */
  requiredEmpty: string[];
  /** Optional variables without defaults, listed in a comment only. */
  optional: string[];
  secrets: SecretKey[];
}

/** `http://localhost:3001` → `http://users:3001` when this service depends on `users` listening on 3001. */
function clusterAddress(value: string, service: ServicePlan, plan: ProjectPlan): string {
  const match = /^([a-z][a-z0-9+.-]*:\/\/)(?:localhost|127\.0\.0\.1|0\.0\.0\.0)(:(\d+))(.*)$/i.exec(value);
  if (!match) return value;
  const port = Number(match[3]);
  if (podPort(service) === port) return value;
  const target = plan.services.find((s) => service.dependsOn.includes(s.name) && podPort(s) === port);
  return target ? `${match[1]}${target.name}${match[2]}${match[4]}` : value;
}

export function serviceConfig(service: ServicePlan, plan: ProjectPlan): ServiceConfig {
  const data = new Map<string, string>();
  const port = podPort(service);
  const portVar = service.port.envVar ?? (service.kind !== 'worker' ? 'PORT' : null);
  if (port !== null && portVar !== null) data.set(portVar, String(port));
  const wired = wireBacking(service, devInstances(service, plan));
  const secrets: SecretKey[] = [...wired.entries()].map(([name, value]) => ({
    name,
    comment: `connection setting for a backing service (dev overlay value: ${value.includes(PASSWORD_PLACEHOLDER) ? 'the dev StatefulSet, with its password' : value})`,
    devValue: value,
  }));
  const requiredEmpty: string[] = [];
  const optional: string[] = [];
  // A static site's files are built into the image; runtime variables would not reach them.
  if (service.kind !== 'static') {
    for (const variable of [...service.env].sort((a, b) => a.name.localeCompare(b.name))) {
      if (data.has(variable.name) || wired.has(variable.name)) continue;
      if (variable.secret) secrets.push({ name: variable.name, comment: variable.required ? 'credential read by the app (required)' : 'credential read by the app (optional)', devValue: '' });
      else if (variable.default !== null) data.set(variable.name, clusterAddress(variable.default, service, plan));
      else if (variable.required) {
        data.set(variable.name, '');
        requiredEmpty.push(variable.name);
      } else optional.push(variable.name);
    }
  }
  return {
    data: [...data.entries()].sort(([a], [b]) => a.localeCompare(b)),
    requiredEmpty,
    optional,
    secrets: secrets.sort((a, b) => a.name.localeCompare(b.name)),
  };
}
