/**
 * render.yaml (a Render Blueprint at the repository root) for all selected services: Docker web
 * services with healthCheckPath from the plan, workers as `type: worker`, the migrate command as
 * preDeployCommand, one Postgres database when a service uses Postgres (its URL wired with
 * fromDatabase) and one Key Value instance when a service uses Redis (fromService), every other
 * secret as `sync: false` so Render asks for it in the dashboard and it never lives in git.
 */
import { Document } from 'yaml';
import type { ServicePlan } from '../../../plan/schema.js';
import { headerComment, type GenerateContext, type GeneratedFile } from '../../types.js';
import { evidenceOf, platformFacts, projectSlug, type PlatformResult } from '../common.js';
import { YAML_OPTIONS } from '../common.js';
import type { PlatformInputs } from '../inputs.js';

function dotted(path: string): string {
  return path === '' ? '.' : `./${path}`;
}

function envVars(service: ServicePlan, facts: ReturnType<typeof platformFacts>, names: { db: string; cache: string }): Array<Record<string, unknown>> {
  const out: Array<Record<string, unknown>> = [];
  const environment = { ...facts.environment };
  // Render routes to the port in PORT; the plan's port var may be another name.
  if (facts.port !== null && !('PORT' in environment) && service.kind !== 'worker') environment['PORT'] = String(facts.port);
  for (const [key, value] of Object.entries(environment).sort(([a], [b]) => a.localeCompare(b))) out.push({ key, value });
  for (const key of facts.secretNames) {
    const backing = service.backingServices.find((b) => b.envVar === key);
    if (backing?.kind === 'postgres') out.push({ key, fromDatabase: { name: names.db, property: 'connectionString' } });
    else if (backing?.kind === 'redis') out.push({ key, fromService: { type: 'keyvalue', name: names.cache, property: 'connectionString' } });
    else out.push({ key, sync: false });
  }
  for (const key of facts.unset) out.push({ key, sync: false });
  return out;
}

export function render(context: GenerateContext, options: PlatformInputs): PlatformResult {
  const slug = projectSlug(context.plan);
  const names = { db: `${slug}-db`, cache: `${slug}-cache` };
  const notes: string[] = [];
  const services: Array<Record<string, unknown>> = [];
  for (const service of context.services) {
    const facts = platformFacts(context.plan, service);
    const entry: Record<string, unknown> = {
      type: service.kind === 'worker' ? 'worker' : 'web',
      name: service.name,
      runtime: 'docker',
      region: options.renderRegion,
      plan: options.renderPlan,
      dockerfilePath: `./${facts.dockerfile}`,
      dockerContext: dotted(facts.context),
    };
    if (service.kind !== 'worker' && facts.healthPath) entry['healthCheckPath'] = facts.healthPath;
    if (service.commands.migrate) entry['preDeployCommand'] = service.commands.migrate;
    if (service.path !== '') entry['buildFilter'] = { paths: [...new Set([`${service.path}/**`, ...service.build.workspacePackages.map((p) => `${p}/**`)])] };
    const vars = envVars(service, facts, names);
    if (vars.length > 0) entry['envVars'] = vars;
    services.push(entry);
    notes.push(`${service.name}: ${service.kind === 'worker' ? 'background worker' : `web service on port ${facts.port ?? '?'}${facts.healthPath ? `, health check ${facts.healthPath}` : ' without a health check path (the plan found no route)'}`}`);
    const asked = vars.filter((v) => v['sync'] === false).map((v) => String(v['key']));
    if (asked.length > 0) notes.push(`${service.name}: Render asks for ${asked.join(', ')} when the Blueprint is applied (sync: false)`);
  }
  const kinds = new Set(context.services.flatMap((s) => s.backingServices.map((b) => b.kind)));
  if (kinds.has('redis')) {
    services.push({ type: 'keyvalue', name: names.cache, region: options.renderRegion, plan: options.renderPlan === 'free' ? 'free' : 'starter', ipAllowList: [], maxmemoryPolicy: 'noeviction' });
    notes.push(`Key Value ${names.cache}: Redis-compatible, private network only (empty ipAllowList)`);
  }
  const yaml: Record<string, unknown> = { services };
  if (kinds.has('postgres')) {
    yaml['databases'] = [{ name: names.db, databaseName: 'app', user: 'app', region: options.renderRegion, plan: options.renderPlan === 'free' ? 'free' : 'basic-256mb', postgresMajorVersion: '16', ipAllowList: [] }];
    notes.push(`Postgres ${names.db}: version 16, private network only (empty ipAllowList)`);
  }
  const others = [...kinds].filter((k) => !['postgres', 'redis', 'sqlite'].includes(k));
  if (others.length > 0) notes.push(`not provisioned on Render: ${others.join(', ')} (their URLs are sync: false values you fill)`);
  if (kinds.has('sqlite')) notes.push('SQLite lives on the instance disk and is lost on every deploy; add a Render disk or use Postgres');
  const doc = new Document(yaml, YAML_OPTIONS);
  doc.commentBefore = headerComment('', 'the plan');
  const file: GeneratedFile = { path: 'render.yaml', content: doc.toString({ lineWidth: 0 }), kind: 'platform', generator: 'platform', evidence: evidenceOf(context.services), notes };
  return { files: [file], notApplicable: [] };
}
