/**
 * Helpers detectors use to build a ServicePlan: a blank plan with safe defaults, and small
 * mutators that keep evidence next to the facts they support.
 */
import type { Evidence, Feature, Language, ServicePlan, BackingServiceKind, EnvVar } from './schema.js';

export function blankService(input: { name: string; path: string; language: Language; runtime: ServicePlan['runtime'] }): ServicePlan {
  return {
    name: serviceName(input.name),
    path: input.path,
    language: input.language,
    framework: null,
    runtime: input.runtime,
    packageManager: null,
    commands: { install: null, build: null, start: null, migrate: null, test: null, lint: null },
    port: { value: null, envVar: null, bindAddress: null },
    health: { path: null },
    env: [],
    backingServices: [],
    kind: 'server',
    dependsOn: [],
    existing: { dockerfile: null, compose: null, ci: [], kubernetes: [] },
    build: { context: input.path, outputDir: null, target: null, artifact: null, workspacePackages: [], systemPackages: [], features: [] },
    warnings: [],
    evidence: [],
  };
}

/** Turns any folder or package name (`@acme/api`, `My_App`) into a DNS-label service name. */
export function serviceName(raw: string): string {
  const base = raw.replace(/^@[^/]+\//, '').toLowerCase();
  const cleaned = base.replace(/[^a-z0-9-]+/g, '-').replace(/-+/g, '-').replace(/^-|-$/g, '').slice(0, 63).replace(/-$/, '');
  return cleaned === '' ? 'app' : /^[a-z0-9]/.test(cleaned) ? cleaned : `app-${cleaned}`.slice(0, 63);
}

export function addEvidence(service: ServicePlan, fact: string, file: string, note: string, line?: number): void {
  const evidence: Evidence = line === undefined ? { fact, file, note } : { fact, file, line, note };
  if (!service.evidence.some((e) => e.fact === fact && e.file === file && e.line === line && e.note === note)) {
    service.evidence.push(evidence);
  }
}

export function addFeature(service: ServicePlan, feature: Feature): void {
  if (!service.build.features.includes(feature)) service.build.features.push(feature);
}

export function addWarning(service: ServicePlan, warning: string): void {
  if (!service.warnings.includes(warning)) service.warnings.push(warning);
}

export function addBackingService(service: ServicePlan, kind: BackingServiceKind, envVar: string | null): void {
  const found = service.backingServices.find((b) => b.kind === kind);
  if (!found) service.backingServices.push({ kind, envVar });
  else if (found.envVar === null && envVar !== null) found.envVar = envVar;
}

/** Adds or merges an env var: required wins over optional, a secret stays a secret. */
export function addEnv(service: ServicePlan, env: { name: string; required?: boolean; secret?: boolean; default?: string | null }): void {
  const found = service.env.find((e) => e.name === env.name);
  const next: EnvVar = {
    name: env.name,
    required: env.required ?? false,
    secret: env.secret ?? false,
    default: env.secret ? null : (env.default ?? null),
  };
  if (!found) {
    service.env.push(next);
    return;
  }
  found.required = found.required || next.required;
  found.secret = found.secret || next.secret;
  if (found.secret) found.default = null;
  else if (found.default === null && next.default !== null) found.default = next.default;
}
