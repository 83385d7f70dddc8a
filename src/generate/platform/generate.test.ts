/**
 * Focused checks that every platform file says what the plan says: port, health path, env vars,
 * secrets, migrate command, and "not applicable" with a reason where a platform cannot run a stack.
 */
import path from 'node:path';
import { parse as parseToml } from 'smol-toml';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { RepoFs } from '../../core/repo/repo-fs.js';
import { analyzeRepository } from '../../plan/analyze.js';
import type { ProjectPlan } from '../../plan/schema.js';
import { EXAMPLES_DIR } from '../../../test/helpers.js';
import { generate, inputs } from './generate.js';

function run(example: string, given: Record<string, unknown> = {}): { plan: ProjectPlan; files: Map<string, { content: string; notes: string[] }> } {
  const plan = analyzeRepository(RepoFs.open(path.join(EXAMPLES_DIR, example))).plan;
  const out = generate({ plan, services: plan.services, version: '0.0.0-test' }, inputs.parse(given));
  return { plan, files: new Map(out.map((f) => [f.path, { content: f.content, notes: f.notes ?? [] }])) };
}

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- reading parsed test output

describe('platform configs agree with the plan (node-express-prisma: port 3000, /health, Postgres + Redis, prisma migrate)', () => {
  const { plan, files } = run('node-express-prisma');
  const service = plan.services[0]!;
  it('the plan is what these tests assume', () => {
    expect([service.port.value, service.health.path, service.commands.migrate]).toEqual([3000, '/health', 'npx prisma migrate deploy']);
  });

  it('ECS: port mapping, image HEALTHCHECK on that port, non-root, read-only, secrets as Secrets Manager ARNs', () => {
    const task = JSON.parse(files.get(`platform/ecs/${service.name}.task-definition.json`)!.content) as Obj;
    const c = task['containerDefinitions'][0] as Obj;
    expect(c['portMappings'][0].containerPort).toBe(3000);
    expect(c['healthCheck'].command.join(' ')).toContain("process.env.PORT||3000)+'/health'");
    expect([c['user'], c['readonlyRootFilesystem'], task['networkMode'], task['requiresCompatibilities']]).toEqual(['10001', true, 'awsvpc', ['FARGATE']]);
    expect(c['secrets'].map((s: Obj) => s['name'])).toEqual(['DATABASE_URL', 'REDIS_URL']);
    expect(c['secrets'][0].valueFrom).toBe('arn:aws:secretsmanager:eu-west-1:${AWS_ACCOUNT_ID}:secret:node-express-prisma-production-invoices/DATABASE_URL');
    expect(c['environment']).toEqual([{ name: 'PORT', value: '3000' }]);
    expect(c['logConfiguration'].logDriver).toBe('awslogs');
  });

  it('Cloud Run: containerPort, startup and liveness probes on /health, secrets via secretKeyRef, no reserved PORT', () => {
    const doc = parseYaml(files.get(`platform/cloudrun/${service.name}.service.yaml`)!.content) as Obj;
    const c = doc['spec']['template']['spec']['containers'][0] as Obj;
    expect(c['ports']).toEqual([{ name: 'http1', containerPort: 3000 }]);
    expect(c['startupProbe'].httpGet).toEqual({ path: '/health', port: 3000 });
    expect(c['livenessProbe'].httpGet).toEqual({ path: '/health', port: 3000 });
    expect(c['env']).toEqual([
      { name: 'DATABASE_URL', valueFrom: { secretKeyRef: { name: 'invoices-database-url', key: 'latest' } } },
      { name: 'REDIS_URL', valueFrom: { secretKeyRef: { name: 'invoices-redis-url', key: 'latest' } } },
    ]);
    expect(doc['spec']['template']['spec']['containerConcurrency']).toBe(80);
  });

  it('CloudFormation: target group health check and container port from the plan, long-form intrinsics only', () => {
    const text = files.get('platform/cloudformation/template.yaml')!.content;
    expect(text).not.toMatch(/!(Ref|Sub|GetAtt)\b/);
    const resources = (parseYaml(text) as Obj)['Resources'] as Obj;
    const tg = resources['InvoicesTargetGroup']['Properties'] as Obj;
    expect([tg['Port'], tg['HealthCheckPath'], tg['HealthCheckPort'], tg['Matcher']]).toEqual([3000, '/health', '3000', { HttpCode: '200-399' }]);
    expect(resources['InvoicesService']['Properties']['LoadBalancers'][0]).toEqual({ ContainerName: 'invoices', ContainerPort: 3000, TargetGroupArn: { Ref: 'InvoicesTargetGroup' } });
    expect(Object.keys(resources).filter((k) => resources[k].Type === 'AWS::SecretsManager::Secret')).toEqual(['InvoicesSecretDatabaseUrl', 'InvoicesSecretRedisUrl']);
  });

  it('fly.toml: internal_port, a check on /health, the migrate command as release_command', () => {
    const doc = parseToml(files.get('fly.toml')!.content) as Obj;
    expect(doc['http_service'].internal_port).toBe(3000);
    expect(doc['http_service'].checks[0].path).toBe('/health');
    expect(doc['deploy'].release_command).toBe('npx prisma migrate deploy');
    expect(doc['env']).toEqual({ PORT: '3000' });
  });

  it('render.yaml: healthCheckPath, Postgres and Key Value wired by reference, migrate before deploy', () => {
    const doc = parseYaml(files.get('render.yaml')!.content) as Obj;
    const web = doc['services'][0] as Obj;
    expect([web['type'], web['healthCheckPath'], web['preDeployCommand'], web['dockerfilePath']]).toEqual(['web', '/health', 'npx prisma migrate deploy', './Dockerfile']);
    expect(web['envVars']).toContainEqual({ key: 'DATABASE_URL', fromDatabase: { name: 'node-express-prisma-db', property: 'connectionString' } });
    expect(web['envVars']).toContainEqual({ key: 'REDIS_URL', fromService: { type: 'keyvalue', name: 'node-express-prisma-cache', property: 'connectionString' } });
    expect(doc['services'][1]).toMatchObject({ type: 'keyvalue', ipAllowList: [] });
    expect(doc['databases'][0]).toMatchObject({ name: 'node-express-prisma-db', postgresMajorVersion: '16' });
  });

  it('by default writes only the platforms that fit: no vercel.json or wrangler.toml for an Express API', () => {
    expect([...files.keys()].sort()).toEqual(['fly.toml', 'platform/README.md', 'platform/cloudformation/template.yaml', 'platform/cloudrun/invoices.service.yaml', 'platform/ecs/invoices.task-definition.json', 'render.yaml']);
  });
});

describe('platforms that do not fit say why and write nothing', () => {
  it('Go API + worker: Vercel, Cloudflare and Cloud Run (for the worker) are not applicable, with reasons', () => {
    const { files } = run('go-multi-binary', { platforms: ['vercel', 'cloudflare', 'cloudrun', 'fly'] });
    expect([...files.keys()].sort()).toEqual(['fly.toml', 'platform/README.md', 'platform/cloudrun/api.service.yaml', 'platform/fly/worker.fly.toml']);
    const readme = files.get('platform/README.md')!;
    expect(readme.notes).toContainEqual(expect.stringMatching(/^vercel: not applicable for api: chi \(go\) is a long-running server/));
    expect(readme.notes).toContainEqual(expect.stringMatching(/^cloudflare: not applicable for worker: a background worker/));
    expect(readme.notes).toContainEqual(expect.stringMatching(/^cloudrun: not applicable for worker: a worker; a Cloud Run service must answer HTTP/));
    expect(readme.content).toContain('- not applicable: api: chi (go)');
    const worker = files.get('platform/fly/worker.fly.toml')!;
    expect(worker.content).toContain('# Deploy: fly deploy . --config platform/fly/worker.fly.toml --dockerfile worker.Dockerfile');
    expect((parseToml(worker.content) as Obj)['http_service']).toBeUndefined();
  });

  it('Vite SPA: Vercel preset, dist output, SPA rewrite and headers; Cloudflare Pages on dist', () => {
    const { files } = run('node-vite-react-spa');
    const vercel = JSON.parse(files.get('vercel.json')!.content) as Obj;
    expect([vercel['framework'], vercel['outputDirectory'], vercel['buildCommand']]).toEqual(['vite', 'dist', 'npm run build']);
    expect(vercel['rewrites']).toEqual([{ source: '/((?!assets/).*)', destination: '/index.html' }]);
    expect(vercel['headers'][0].headers.map((h: Obj) => h['key'])).toContain('X-Content-Type-Options');
    expect((parseToml(files.get('wrangler.toml')!.content) as Obj)['pages_build_output_dir']).toBe('./dist');
  });
});
