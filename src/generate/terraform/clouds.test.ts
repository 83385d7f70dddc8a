/**
 * GCP, Azure and Hetzner on real example plans: the plan's port and health route become probes and
 * load balancer health checks, Postgres/MySQL/Redis become the cloud's data stores with their URLs
 * wired to the services, workers get no public entry, secrets and inputs land where documented.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RepoFs } from '../../core/repo/repo-fs.js';
import { analyzeRepository } from '../../plan/analyze.js';
import type { ProjectPlan } from '../../plan/schema.js';
import { validateTerraformFiles } from '../../validate/terraform.js';
import type { GeneratedFile } from '../types.js';
import { EXAMPLES_DIR } from '../../../test/helpers.js';
import { generate, inputs } from './generate.js';

function planOf(example: string): ProjectPlan {
  return analyzeRepository(RepoFs.open(path.join(EXAMPLES_DIR, example))).plan;
}

function run(plan: ProjectPlan, given: Record<string, unknown>): GeneratedFile[] {
  return generate({ plan, services: plan.services, version: '0.0.0-test' }, inputs.parse(given));
}

function file(files: GeneratedFile[], p: string): string {
  const found = files.find((f) => f.path === `deploy/terraform/${p}`);
  if (!found) throw new Error(`no ${p} in ${files.map((f) => f.path).join(', ')}`);
  return found.content;
}

function moduleBody(main: string, name: string): string {
  const start = main.slice(main.indexOf(`module "${name}"`));
  return start.slice(0, start.indexOf('\n}\n'));
}

const prisma = planOf('node-express-prisma');
const workers = planOf('go-multi-binary');

describe('terraform for gcp', () => {
  const files = run(prisma, { cloud: ['gcp'], gcpProject: 'acme-prod-1', gcpRegion: 'us-central1' });

  it('passes the plan\'s port and health path to Cloud Run probes; PORT is left to Cloud Run', () => {
    const body = moduleBody(file(files, 'gcp/environments/production/main.tf'), 'service_invoices');
    expect(body).toMatch(/port\s+= 3000\n/);
    expect(body).toMatch(/health_check_path\s+= "\/health"/);
    expect(body).not.toMatch(/PORT\s+=/);
    const service = file(files, 'gcp/modules/service/main.tf');
    expect(service).toMatch(/dynamic "startup_probe" \{[\s\S]*?http_get \{\n\s+path = var\.health_check_path\n\s+port = local\.container_port/);
    expect(service).toMatch(/dynamic "liveness_probe"/);
    expect(service).toMatch(/secret_key_ref \{\n\s+secret\s+= env\.value\n\s+version = "latest"/);
    expect(service).toContain('role      = "roles/secretmanager.secretAccessor"');
  });

  it('maps Postgres and Redis to private Cloud SQL and Memorystore whose URL secrets reach the service', () => {
    const main = file(files, 'gcp/environments/production/main.tf');
    expect(moduleBody(main, 'data')).toMatch(/database_version\s+= "POSTGRES_16"/);
    expect(moduleBody(main, 'data')).toMatch(/redis\s+= true/);
    expect(moduleBody(main, 'data')).toMatch(/high_availability\s+= true/);
    expect(main).toMatch(/DATABASE_URL = module\.data\.database_url_secret_id/);
    expect(main).toMatch(/REDIS_URL\s+= module\.data\.redis_url_secret_id/);
    expect(moduleBody(main, 'service_invoices')).toMatch(/network\s+= module\.network\.network_id/);
    expect(file(files, 'gcp/modules/data/main.tf')).toMatch(/ipv4_enabled\s+= false/);
  });

  it('uses the inputs: project id default, region, GCS backend', () => {
    expect(file(files, 'gcp/environments/dev/variables.tf')).toMatch(/default\s+= "acme-prod-1"/);
    expect(file(files, 'gcp/environments/dev/variables.tf')).toMatch(/default\s+= "us-central1"/);
    expect(file(files, 'gcp/environments/dev/backend.tf')).toMatch(/backend "gcs" \{\n\s+bucket = "change-me-node-express-prisma-tfstate"\n\s+prefix = "node-express-prisma\/dev"/);
    expect(() => inputs.parse({ gcpProject: 'Bad_Project' })).toThrow();
  });

  it('runs workers internal-only with at least one instance, and no data modules when nothing needs them', () => {
    const out = run(workers, { cloud: ['gcp'] });
    const worker = moduleBody(file(out, 'gcp/environments/dev/main.tf'), 'service_worker');
    expect(worker).not.toMatch(/\bport\s+=/);
    expect(worker).toMatch(/min_instances\s+= 1/);
    expect(file(run(planOf('static-html'), { cloud: ['gcp'] }), 'gcp/environments/dev/main.tf')).not.toContain('module "data"');
  });
});

describe('terraform for azure', () => {
  const files = run(prisma, { cloud: ['azure'], azureLocation: 'northeurope' });

  it('gives the Container App probes and HTTPS-only ingress from the plan', () => {
    const body = moduleBody(file(files, 'azure/environments/staging/main.tf'), 'service_invoices');
    expect(body).toMatch(/port\s+= 3000\n/);
    expect(body).toMatch(/health_check_path\s+= "\/health"/);
    const service = file(files, 'azure/modules/service/main.tf');
    expect(service).toMatch(/dynamic "startup_probe" \{[\s\S]*?transport\s+= "HTTP"\n\s+port\s+= var\.port\n\s+path\s+= var\.health_check_path/);
    expect(service).toMatch(/allow_insecure_connections = false/);
    expect(service).toContain('role_definition_name = "Key Vault Secrets User"');
    expect(service).toContain('role_definition_name = "AcrPull"');
  });

  it('maps Postgres and Redis to a private Flexible Server and Azure Cache with URLs in Key Vault', () => {
    const main = file(files, 'azure/environments/production/main.tf');
    expect(moduleBody(main, 'data')).toMatch(/engine\s+= "postgres"/);
    expect(moduleBody(main, 'data')).toMatch(/sku_name\s+= "GP_Standard_D2ds_v5"/);
    expect(main).toMatch(/DATABASE_URL = module\.data\.database_url_secret_id/);
    const data = file(files, 'azure/modules/data/main.tf');
    expect(data).toMatch(/public_network_access_enabled = false/);
    expect(data).toMatch(/non_ssl_port_enabled\s+= false/);
    expect(file(files, 'azure/environments/production/main.tf')).toMatch(/purge_protection\s+= true/);
    expect(file(files, 'azure/environments/dev/backend.tf')).toMatch(/backend "azurerm"/);
    expect(file(files, 'azure/environments/dev/variables.tf')).toMatch(/default\s+= "northeurope"/);
  });

  it('gives workers no ingress and at least one replica', () => {
    const worker = moduleBody(file(run(workers, { cloud: ['azure'] }), 'azure/environments/dev/main.tf'), 'service_worker');
    expect(worker).not.toMatch(/\bport\s+=/);
    expect(worker).toMatch(/min_replicas\s+= 1/);
  });
});

describe('terraform for hetzner', () => {
  const files = run(prisma, { cloud: ['hetzner'], hetznerLocation: 'hel1' });

  it('checks the plan\'s health path on its port at the load balancer; SSH only from the allowlist', () => {
    const body = moduleBody(file(files, 'hetzner/environments/production/main.tf'), 'service_invoices');
    expect(body).toMatch(/port\s+= 3000\n/);
    expect(body).toMatch(/health_check_path\s+= "\/health"/);
    expect(body).toMatch(/server_count\s+= 2/);
    const service = file(files, 'hetzner/modules/service/main.tf');
    expect(service).toMatch(/health_check \{\n\s+protocol = "http"\n\s+port\s+= var\.port[\s\S]*?path\s+= var\.health_check_path/);
    expect(service).toMatch(/source_ips\s+= var\.ssh_allowed_cidrs/);
    expect(service).toContain('packages       = ["docker.io", "docker-compose-v2"]');
    expect(service).toMatch(/use_private_ip\s+= true/);
  });

  it('runs Postgres and Redis on a data server with a volume; the URLs reach the service\'s .env', () => {
    const main = file(files, 'hetzner/environments/dev/main.tf');
    expect(moduleBody(main, 'data')).toMatch(/engine\s+= "postgres"/);
    expect(main).toMatch(/secrets\s+= merge\(var\.invoices_secrets, \{ DATABASE_URL = module\.data\.database_url, REDIS_URL = module\.data\.redis_url \}\)/);
    expect(file(files, 'hetzner/modules/data/main.tf')).toMatch(/resource "hcloud_volume_attachment" "data"/);
    expect(file(files, 'hetzner/environments/dev/versions.tf')).toContain('required_version = "~> 1.10"');
    expect(file(files, 'hetzner/environments/dev/backend.tf')).toMatch(/use_lockfile\s+= true/);
    expect(file(files, 'hetzner/environments/dev/variables.tf')).toMatch(/default\s+= "hel1"/);
  });

  it('a worker gets servers but no load balancer arguments', () => {
    const worker = moduleBody(file(run(workers, { cloud: ['hetzner'] }), 'hetzner/environments/dev/main.tf'), 'service_worker');
    expect(worker).not.toMatch(/\bport\s+=/);
    expect(worker).not.toContain('domains');
  });
});

describe('cloud policy rules catch what the modules avoid', () => {
  it('flags SSH opened to the world in a hand-edited Hetzner service module', () => {
    const files = run(prisma, { cloud: ['hetzner'] }).filter((f) => f.kind === 'terraform').map((f) => ({ path: f.path, content: f.content }));
    const service = files.find((f) => f.path.endsWith('hetzner/modules/service/main.tf'))!;
    service.content = service.content.replace('source_ips  = var.ssh_allowed_cidrs', 'source_ips  = ["0.0.0.0/0"]');
    expect(validateTerraformFiles(files).map((d) => d.ruleId)).toContain('DSQ-TF-0025');
  });
});
