/**
 * The plan facts every runbook quotes, gathered once per service: names, ports, health routes, env
 * var names, secrets, backing services, images, migrations and the deployment strategy. Names come
 * from the same helpers the generators use, so a runbook never names an object nobody wrote.
 */
import type { BackingServiceKind, ProjectPlan, ServicePlan } from '../../plan/schema.js';
import { backingSpec } from '../compose/backing.js';
import { serviceConfig } from '../kubernetes/config.js';
import { healthPath, podPort, projectName, serves } from '../kubernetes/names.js';
import { serviceStrategy, type ServiceStrategy } from '../kubernetes/strategy/plan.js';
import { projectSlug } from '../terraform/names.js';
import type { RunbooksInputs } from './inputs.js';

export interface BackingFacts {
  kind: BackingServiceKind;
  /** Compose service / dev StatefulSet name (the host apps reach in development). */
  host: string | null;
  port: number | null;
  envVar: string | null;
}

export interface ServiceFacts {
  service: ServicePlan;
  name: string;
  kind: ServicePlan['kind'];
  port: number | null;
  portVar: string | null;
  health: string | null;
  serves: boolean;
  /** Plain settings (ConfigMap / environment). */
  config: string[];
  /** Secret keys: secret env vars and backing-service connection settings. */
  secrets: string[];
  backing: BackingFacts[];
  /** `<project>-<service>`: the image name every family pushes. */
  image: string;
  migrate: string | null;
  dependsOn: string[];
  strategy: ServiceStrategy;
}

export interface RunbookFacts {
  plan: ProjectPlan;
  project: string;
  /** AWS-safe slug terraform prefixes resources with. */
  slug: string;
  namespacePrefix: string;
  services: ServiceFacts[];
  inputs: RunbooksInputs;
}

function backingFacts(service: ServicePlan): BackingFacts[] {
  return service.backingServices.map((b) => {
    if (b.kind === 'sqlite') return { kind: b.kind, host: null, port: null, envVar: b.envVar };
    const spec = backingSpec(b.kind);
    return { kind: b.kind, host: spec.name, port: spec.port, envVar: b.envVar };
  });
}

export function gatherFacts(plan: ProjectPlan, services: readonly ServicePlan[], inputs: RunbooksInputs): RunbookFacts {
  const project = projectName(plan);
  return {
    plan,
    project,
    slug: projectSlug(plan),
    namespacePrefix: inputs.namespace ?? project,
    inputs,
    services: services.map((service) => {
      const config = serviceConfig(service, plan);
      const port = podPort(service);
      return {
        service,
        name: service.name,
        kind: service.kind,
        port,
        portVar: port === null ? null : (service.port.envVar ?? 'PORT'),
        health: port === null ? null : healthPath(service),
        serves: serves(service),
        config: config.data.map(([key]) => key),
        secrets: config.secrets.map((s) => s.name),
        backing: backingFacts(service),
        image: `${project}-${service.name}`,
        migrate: service.commands.migrate,
        dependsOn: [...service.dependsOn],
        strategy: serviceStrategy(service, inputs),
      };
    }),
  };
}

/** Backing services used by any service, each once, in first-use order. */
export function backingKinds(facts: RunbookFacts): BackingFacts[] {
  const seen = new Map<string, BackingFacts>();
  for (const s of facts.services) for (const b of s.backing) if (!seen.has(b.kind)) seen.set(b.kind, b);
  return [...seen.values()];
}
