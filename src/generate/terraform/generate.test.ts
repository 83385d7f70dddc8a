/**
 * The Terraform generator on real example plans: the plan's port, health route, env vars, secrets and
 * backing services reach the environments; workers get no load balancer; data stores appear only when
 * needed; inputs (region, state names, environments, cloud) behave as documented; output is stable.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RepoFs } from '../../core/repo/repo-fs.js';
import { analyzeRepository } from '../../plan/analyze.js';
import type { ProjectPlan } from '../../plan/schema.js';
import { validateTerraformFiles } from '../../validate/terraform.js';
import { runGenerators } from '../run.js';
import type { GeneratedFile } from '../types.js';
import { EXAMPLES_DIR } from '../../../test/helpers.js';
import { generate, inputs } from './generate.js';

function planOf(example: string): ProjectPlan {
  return analyzeRepository(RepoFs.open(path.join(EXAMPLES_DIR, example))).plan;
}

function run(plan: ProjectPlan, given: Record<string, unknown> = {}): GeneratedFile[] {
  return generate({ plan, services: plan.services, version: '0.0.0-test' }, inputs.parse(given));
}

function file(files: GeneratedFile[], p: string): string {
  const found = files.find((f) => f.path === `deploy/terraform/${p}`);
  if (!found) throw new Error(`no ${p} in ${files.map((f) => f.path).join(', ')}`);
  return found.content;
}

describe('terraform generator (aws)', () => {
  const prisma = planOf('node-express-prisma');

  it('writes the three modules and a root per environment', () => {
    const paths = run(prisma).map((f) => f.path.replace('deploy/terraform/', ''));
    for (const dir of ['modules/network', 'modules/service', 'modules/data']) {
      for (const name of ['main.tf', 'variables.tf', 'outputs.tf', 'versions.tf']) expect(paths).toContain(`${dir}/${name}`);
    }
    for (const env of ['dev', 'staging', 'production']) {
      for (const name of ['main.tf', 'variables.tf', 'outputs.tf', 'backend.tf', 'versions.tf']) expect(paths).toContain(`environments/${env}/${name}`);
    }
  });

  it('passes the plan\'s port, health route and URLs to the service; Postgres and Redis come from the data module', () => {
    const main = file(run(prisma), 'environments/production/main.tf');
    expect(main).toContain('module "service_invoices" {');
    expect(main).toMatch(/port\s+= 3000\n/);
    expect(main).toMatch(/health_check_path\s+= "\/health"/);
    expect(main).toMatch(/health_check_matcher\s+= "200-399"/);
    expect(main).toMatch(/DATABASE_URL = module\.data\.database_url_secret_arn/);
    expect(main).toMatch(/REDIS_URL\s+= module\.data\.redis_url_secret_arn/);
    expect(main).toMatch(/PORT = "3000"/);
    expect(main).toMatch(/engine\s+= "postgres"/);
    expect(main).toMatch(/redis\s+= true/);
    expect(main).toMatch(/multi_az\s+= true/);
  });

  it('the service module wires the health check, secrets, environment and least-privilege IAM', () => {
    const service = file(run(prisma), 'modules/service/main.tf');
    expect(service).toMatch(/health_check \{\n\s+enabled\s+= true\n\s+path\s+= var\.health_check_path\n\s+port\s+= tostring\(var\.port\)/);
    expect(service).toMatch(/secrets\s+= \[for name in sort\(keys\(local\.secrets\)\) : \{ name = name, valueFrom = local\.secrets\[name\] \}\]/);
    expect(service).toMatch(/environment\s+= \[for name in sort\(keys\(var\.environment\)\)/);
    expect(service).toContain('actions   = ["secretsmanager:GetSecretValue"]');
    expect(service).toMatch(/scan_on_push = true/);
    expect(service).toMatch(/retention_in_days = var\.log_retention_days/);
    expect(service).toContain('predefined_metric_type = "ECSServiceAverageCPUUtilization"');
    // The task role gets no policy: nothing attaches to aws_iam_role.task.
    expect(service).not.toMatch(/role\s+= aws_iam_role\.task\./);
  });

  it('a worker runs without a load balancer; URLs from the data module, plain env vars with their defaults', () => {
    const main = file(run(planOf('go-multi-binary')), 'environments/dev/main.tf');
    const block = main.slice(main.indexOf('module "service_worker"'));
    const body = block.slice(0, block.indexOf('\n}\n'));
    expect(body).not.toMatch(/\bport\s+=/);
    expect(body).not.toContain('certificate_arn');
    expect(body).toMatch(/QUEUE_NAME = "orders"/);
    expect(body).toMatch(/REDIS_URL = module\.data\.redis_url_secret_arn/);
  });

  it('secret env vars become Secrets Manager secrets; env vars without a default are pointed out', () => {
    const plan = structuredClone(prisma);
    plan.services[0]!.env.push({ name: 'STRIPE_KEY', required: true, secret: true, default: null }, { name: 'API_BASE', required: true, secret: false, default: null });
    const main = file(run(plan), 'environments/dev/main.tf');
    expect(main).toContain('secret_names = ["STRIPE_KEY"]');
    expect(main).toContain('# The app reads API_BASE without a default: add it here.');
    expect(main).not.toMatch(/API_BASE\s+=/);
  });

  it('leaves the data module out when no service needs a database or Redis', () => {
    const files = run(planOf('static-html'));
    expect(files.some((f) => f.path.includes('modules/data'))).toBe(false);
    expect(file(files, 'environments/dev/main.tf')).not.toContain('module "data"');
    expect(file(files, 'environments/dev/versions.tf')).not.toContain('random');
  });

  it('pins Terraform and providers, and keeps state in S3 with a DynamoDB lock', () => {
    const files = run(prisma, { region: 'us-east-2', stateBucket: 'acme-tfstate', lockTable: 'acme-locks' });
    expect(file(files, 'environments/staging/versions.tf')).toMatch(/required_version = "~> 1\.6"[\s\S]*version = "~> 5\.70"/);
    const backend = file(files, 'environments/staging/backend.tf');
    expect(backend).toMatch(/bucket\s+= "acme-tfstate"/);
    expect(backend).toMatch(/key\s+= "node-express-prisma\/staging\/terraform\.tfstate"/);
    expect(backend).toMatch(/dynamodb_table = "acme-locks"/);
    expect(backend).toMatch(/region\s+= "us-east-2"/);
    expect(file(files, 'environments/staging/variables.tf')).toMatch(/default\s+= "us-east-2"/);
  });

  it('uses placeholder state names by default and says so', () => {
    const files = run(prisma);
    expect(file(files, 'environments/dev/backend.tf')).toContain('"change-me-node-express-prisma-tfstate"');
    expect(files.find((f) => f.path.endsWith('environments/dev/main.tf'))?.notes?.[0]).toContain('placeholders');
  });

  it('writes only the environments asked for, in canonical order', () => {
    const roots = run(prisma, { environments: ['production', 'dev'] }).filter((f) => f.path.endsWith('/backend.tf')).map((f) => f.path);
    expect(roots).toEqual(['deploy/terraform/environments/dev/backend.tf', 'deploy/terraform/environments/production/backend.tf']);
  });

  it('rejects clouds it does not know; writes each chosen cloud once, in disjoint trees', () => {
    expect(() => inputs.parse({ cloud: ['openstack'] })).toThrow();
    const paths = run(prisma, { cloud: ['hetzner', 'aws', 'hetzner'] }).map((f) => f.path);
    expect(new Set(paths).size).toBe(paths.length);
    expect(paths).toContain('deploy/terraform/environments/dev/main.tf');
    expect(paths).toContain('deploy/terraform/hetzner/environments/dev/main.tf');
    expect(paths.some((p) => p.startsWith('deploy/terraform/gcp/'))).toBe(false);
  });

  it('is deterministic', () => {
    expect(run(prisma).map((f) => f.content)).toEqual(run(prisma).map((f) => f.content));
  });

  it('runs through generate/run.ts with directory checks and comes out valid', () => {
    const result = runGenerators(prisma, { only: ['terraform'], version: '0.0.0-test' });
    expect(result.invalid).toEqual([]);
    expect(result.files.length).toBe(28);
  });

  it('the directory checks catch a broken module: a removed variable and a renamed output', () => {
    const files = run(prisma).filter((f) => f.kind === 'terraform').map((f) => ({ path: f.path, content: f.content }));
    const vars = files.find((f) => f.path.endsWith('modules/service/variables.tf'))!;
    vars.content = vars.content.replace(/variable "cpu_target" \{[\s\S]*?\n\}\n/, '');
    const outs = files.find((f) => f.path.endsWith('modules/network/outputs.tf'))!;
    outs.content = outs.content.replace('output "vpc_id"', 'output "id"');
    const found = validateTerraformFiles(files).map((d) => `${d.ruleId} ${d.file}`);
    expect(found).toContain('DSQ-TF-0010 deploy/terraform/modules/service/main.tf');
    expect(found).toContain('DSQ-TF-0013 deploy/terraform/environments/dev/main.tf');
  });
});
