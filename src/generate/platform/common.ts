/**
 * Plan facts every platform reads, in one place so vercel.json, fly.toml, render.yaml, the ECS task
 * definitions, Cloud Run services and the CloudFormation template agree with each other and with the
 * Dockerfile, compose and Kubernetes output: the container port, the health path, plain env vars,
 * secret env vars, the image's non-root uid and writable directories, and the image's own
 * HEALTHCHECK command (a command that certainly exists in the image, because it is the one the
 * generated Dockerfile runs).
 */
import type { Evidence, ProjectPlan, ServicePlan } from '../../plan/schema.js';
import type { GeneratedFile } from '../types.js';
import { containerPort } from '../compose/generate.js';
import { inputs as dockerfileInputs, RECIPES } from '../dockerfile/generate.js';
import { dockerfilePathFor } from '../dockerfile/paths.js';
import { imageFacts } from '../kubernetes/runtime.js';
import { healthPath } from '../kubernetes/names.js';
import { serviceFacts } from '../terraform/aws/facts.js';

export const PLATFORMS = ['vercel', 'cloudflare', 'ecs', 'cloudrun', 'cloudformation', 'fly', 'render'] as const;
export type Platform = (typeof PLATFORMS)[number];

/** Where the platform files that are not tied to a service folder go. */
export const PLATFORM_ROOT = 'platform';

/** The project as a lowercase slug starting with a letter (AWS, Fly and Render names need that). */
export function projectSlug(plan: ProjectPlan): string {
  const slug = plan.name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  const lettered = /^[a-z]/.test(slug) ? slug : `app-${slug}`.replace(/-$/, '');
  return lettered.slice(0, 24).replace(/-+$/, '');
}

/** The image name of a service on every registry: `<project>-<service>` (as Terraform and Kubernetes name it). */
export function imageName(plan: ProjectPlan, service: ServicePlan): string {
  return `${projectSlug(plan)}-${service.name}`;
}

export interface PlatformFacts {
  port: number | null;
  /** HTTP health path (static sites: nginx's /healthz), or null when the plan knows none. */
  healthPath: string | null;
  /** Plain env vars with their values (defaults from the code or .env.example, the port var). */
  environment: Record<string, string>;
  /** Env vars whose values are credentials or backing-service URLs: set in the platform's secret store. */
  secretNames: string[];
  /** Required env vars without a default that are not secrets: the user sets them. */
  unset: string[];
  /** The env var the app reads its port from, when the plan says. */
  portEnvVar: string | null;
  /** Numeric uid of the image's final USER. */
  uid: number;
  /** Directories the process writes to (mounted writable under a read-only root filesystem). */
  writable: string[];
  /** argv of the image's HEALTHCHECK, or null when the Dockerfile has none. */
  probe: string[] | null;
  /** `<path>/Dockerfile` (or `<path>/<name>.Dockerfile` for a second service in one folder). */
  dockerfile: string;
  /** Docker build context, '' for the repository root. */
  context: string;
}

const NO_DATA = { engine: null, redis: false, notes: [] };

export function platformFacts(plan: ProjectPlan, service: ServicePlan): PlatformFacts {
  const facts = serviceFacts(service, NO_DATA);
  const image = imageFacts(service);
  return {
    port: containerPort(service),
    healthPath: service.kind === 'worker' ? null : healthPath(service),
    environment: facts.environment,
    secretNames: facts.secretNames,
    unset: facts.unset,
    portEnvVar: service.port.envVar,
    uid: image.uid,
    writable: image.writable,
    probe: imageProbe(service),
    dockerfile: dockerfilePathFor(service, plan.services),
    context: service.build.context,
  };
}

/** The exec-form argv of the final stage's HEALTHCHECK CMD in the service's generated Dockerfile. */
export function imageProbe(service: ServicePlan): string[] | null {
  let text: string;
  try {
    text = RECIPES[service.language](service, dockerfileInputs.parse({})).text;
  } catch {
    return null;
  }
  const joined = text.replace(/\\\n\s*/g, ' ');
  const lines = joined.split('\n');
  let start = 0;
  for (const [i, line] of lines.entries()) if (/^FROM\s/i.test(line)) start = i;
  const check = lines.slice(start).find((l) => /^HEALTHCHECK\s/i.test(l));
  const argv = check ? /\sCMD\s+(\[.*\])\s*$/.exec(check)?.[1] : undefined;
  if (!argv) return null;
  try {
    const parsed: unknown = JSON.parse(argv);
    return Array.isArray(parsed) && parsed.every((a) => typeof a === 'string') ? parsed : null;
  } catch {
    return null;
  }
}

/** Path of a file that belongs in the service's folder (vercel.json, wrangler.toml, fly.toml). */
export function inServiceDir(service: ServicePlan, file: string): string {
  return service.path === '' ? file : `${service.path}/${file}`;
}

const EVIDENCE_FACTS = /^(port|health|start|migrate|framework|build|env:|backing:)/;

export function evidenceOf(services: readonly ServicePlan[]): Evidence[] {
  return services.flatMap((s) => s.evidence.filter((e) => EVIDENCE_FACTS.test(e.fact)));
}

/** Sorted copy of a record, so output does not depend on detection order. */
export function sorted<T>(record: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => a.localeCompare(b)));
}

/** `DATABASE_URL` → `database-url` (the names Secret Manager and Render accept). */
export function slug(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
}

/** What one platform made for the plan: files, plus notes for the README when it does not apply. */
export interface PlatformResult {
  files: GeneratedFile[];
  /** One line per service the platform cannot run, with the reason. */
  notApplicable: string[];
}

/**
 * YAML output options: YAML 1.1 quoting (so `2010-09-09` or `on` stay strings for PyYAML and other
 * 1.1 parsers too) and no anchors for repeated objects (every value written out in full).
 */
export const YAML_OPTIONS = { version: '1.1', aliasDuplicateObjects: false } as const;
