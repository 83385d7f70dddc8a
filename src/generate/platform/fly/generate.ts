/**
 * fly.toml per service. A service alone in its folder whose build context is that folder gets
 * `<path>/fly.toml` (plain `fly deploy` there works); any other gets `platform/fly/<service>.fly.toml`
 * and the exact deploy command in its header and notes. http_service on the plan's port with HTTP
 * checks on the health path (a TCP check when the plan knows no route), the migrate command as the
 * release_command, plain env in [env], secrets named for `fly secrets set`.
 */
import { stringify } from 'smol-toml';
import type { ServicePlan } from '../../../plan/schema.js';
import { headerComment, type GenerateContext, type GeneratedFile } from '../../types.js';
import { evidenceOf, imageName, inServiceDir, PLATFORM_ROOT, platformFacts, type PlatformFacts, type PlatformResult } from '../common.js';
import type { PlatformInputs } from '../inputs.js';

export function flyPath(service: ServicePlan, facts: PlatformFacts): string {
  const own = facts.dockerfile === inServiceDir(service, 'Dockerfile') && facts.context === service.path;
  return own ? inServiceDir(service, 'fly.toml') : `${PLATFORM_ROOT}/fly/${service.name}.fly.toml`;
}

export function deployCommand(service: ServicePlan, facts: PlatformFacts, path: string): string {
  if (path === inServiceDir(service, 'fly.toml')) return service.path === '' ? 'fly deploy' : `cd ${service.path} && fly deploy`;
  return `fly deploy ${facts.context === '' ? '.' : facts.context} --config ${path} --dockerfile ${facts.dockerfile}`;
}

function flyConfig(context: GenerateContext, service: ServicePlan, facts: PlatformFacts, options: PlatformInputs): { doc: Record<string, unknown>; notes: string[] } {
  const notes: string[] = [];
  const doc: Record<string, unknown> = {
    app: imageName(context.plan, service),
    primary_region: options.flyRegion,
    kill_signal: 'SIGTERM',
    kill_timeout: '30s',
  };
  const deploy: Record<string, unknown> = { strategy: 'rolling' };
  if (service.commands.migrate) {
    deploy['release_command'] = service.commands.migrate;
    notes.push(`${service.name}: release_command runs \`${service.commands.migrate}\` in a one-off machine before each release`);
  }
  doc['deploy'] = deploy;
  if (Object.keys(facts.environment).length > 0) doc['env'] = facts.environment;
  const port = facts.port;
  if (port !== null && facts.healthPath) {
    doc['http_service'] = {
      internal_port: port,
      force_https: true,
      auto_stop_machines: 'stop',
      auto_start_machines: true,
      min_machines_running: 1,
      concurrency: { type: 'requests', soft_limit: 200, hard_limit: 250 },
      checks: [{ grace_period: service.language === 'java' || service.language === 'kotlin' ? '90s' : '30s', interval: '15s', timeout: '5s', method: 'GET', path: facts.healthPath }],
    };
    notes.push(`${service.name}: http_service on internal port ${port}, checked with GET ${facts.healthPath}`);
  } else if (port !== null) {
    doc['services'] = [{
      internal_port: port,
      protocol: 'tcp',
      auto_stop_machines: 'stop',
      auto_start_machines: true,
      min_machines_running: 1,
      ports: [{ port: 80, handlers: ['http'], force_https: true }, { port: 443, handlers: ['tls', 'http'] }],
      tcp_checks: [{ grace_period: '30s', interval: '15s', timeout: '5s' }],
    }];
    notes.push(`${service.name}: no health route in the plan, so a TCP check on port ${port} (add a route and switch to [[http_service.checks]])`);
  } else {
    notes.push(`${service.name}: worker, so no http_service; Fly keeps the machine running`);
  }
  doc['vm'] = [{ memory: service.language === 'java' || service.language === 'kotlin' ? '1gb' : '512mb', cpu_kind: 'shared', cpus: 1 }];
  const secrets = [...facts.secretNames, ...facts.unset];
  if (secrets.length > 0) notes.push(`${service.name}: set ${secrets.join(', ')} with \`fly secrets set\`${service.backingServices.some((b) => b.kind === 'postgres') ? ' (`fly postgres attach` sets DATABASE_URL)' : ''}`);
  return { doc, notes };
}

export function fly(context: GenerateContext, options: PlatformInputs): PlatformResult {
  const files: GeneratedFile[] = [];
  for (const service of context.services) {
    const facts = platformFacts(context.plan, service);
    const path = flyPath(service, facts);
    const { doc, notes } = flyConfig(context, service, facts, options);
    const command = deployCommand(service, facts, path);
    notes.push(`${service.name}: deploy with \`${command}\``);
    const header = `${headerComment('#', `the plan for service ${service.name}`)}\n# Deploy: ${command}`;
    files.push({ path, content: `${header}\n${stringify(doc)}\n`, kind: 'platform', generator: 'platform', evidence: evidenceOf([service]), notes });
  }
  return { files, notApplicable: [] };
}
