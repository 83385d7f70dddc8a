import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXAMPLES_DIR } from '../../../test/helpers.js';
import { RepoFs } from '../../core/repo/repo-fs.js';
import { analyzeRepository } from '../../plan/analyze.js';
import type { GeneratedFile } from '../types.js';
import { generate, inputs, type RunbooksInputs } from './generate.js';
import { checkMermaid } from './mermaid.js';

const plan = analyzeRepository(RepoFs.open(path.join(EXAMPLES_DIR, 'node-express-prisma'))).plan;

function docs(overrides: Partial<RunbooksInputs> = {}): Map<string, string> {
  const files: GeneratedFile[] = generate({ plan, services: plan.services, version: 'test' }, inputs.parse(overrides));
  return new Map(files.map((f) => [path.basename(f.path), f.content]));
}

describe('runbooks for node-express-prisma (invoices: port 3000, /health, postgres + redis, prisma migrate)', () => {
  it('kubernetes: deploy hook, namespaces, secrets to fill and the migration command', () => {
    const d = docs().get('DEPLOYMENT.md') ?? '';
    expect(d).toContain('deploy/deploy.sh staging invoices');
    expect(d).toContain('node-express-prisma-prod');
    expect(d).toContain('`DATABASE_URL`');
    expect(d).toContain('exec "$pod" -- npx prisma migrate deploy');
    expect(d).toContain('| invoices | server | 3000 (PORT) | /health |');
  });

  it('kubernetes canary with Rollouts: rollback says abort and undo', () => {
    const r = docs({ strategy: 'canary' }).get('ROLLBACK.md') ?? '';
    expect(r).toContain('kubectl argo rollouts -n node-express-prisma-prod abort invoices');
    expect(r).toContain('promote --full invoices');
    expect(r).toContain('npx prisma migrate deploy');
  });

  it('kubernetes blue-green without Rollouts: rollback switches the Service selector back', () => {
    const r = docs({ strategy: 'blue-green', rollouts: false }).get('ROLLBACK.md') ?? '';
    expect(r).toContain(`patch service invoices --type merge -p '{"spec":{"selector":{"deploy.devsquad.dev/slot":"blue"}}}'`);
  });

  it('infrastructure diagram names the service, its port, health route and backing services', () => {
    const infra = docs().get('INFRASTRUCTURE.md') ?? '';
    const diagram = /```mermaid\n([\s\S]*?)```/.exec(infra)?.[1] ?? '';
    expect(checkMermaid(diagram)).toEqual([]);
    expect(diagram).toContain('Service invoices :3000');
    expect(diagram).toContain('probes /health');
    expect(diagram).toMatch(/backing_postgres\[\("postgres/);
    expect(diagram).toContain('-->|"DATABASE_URL"| backing_postgres');
  });

  it('troubleshooting: kubectl logs/describe for the service, compose logs, ECS describe-services', () => {
    expect(docs().get('TROUBLESHOOTING.md')).toContain('kubectl -n node-express-prisma-staging logs -l app.kubernetes.io/name=invoices');
    expect(docs({ target: 'compose' }).get('TROUBLESHOOTING.md')).toContain('docker compose logs --tail=200 --follow invoices');
    const aws = docs({ target: 'aws' });
    expect(aws.get('TROUBLESHOOTING.md')).toContain('aws ecs describe-services --region eu-west-1 --cluster node-express-prisma-staging --services node-express-prisma-staging-invoices');
    expect(aws.get('DEPLOYMENT.md')).toContain('--secret-id node-express-prisma-staging-invoices/DATABASE_URL');
    expect(aws.get('INFRASTRUCTURE.md')).toContain('RDS PostgreSQL');
  });
});

describe('checkMermaid', () => {
  it('finds undeclared nodes, unbalanced subgraphs and brackets', () => {
    expect(checkMermaid('flowchart LR\n  a["A"]\n  a --> b')).toEqual(['line 3: edge to undeclared node b']);
    expect(checkMermaid('flowchart LR\n  subgraph g["G"]\n  a["A"]')).toContain('1 subgraph(s) without "end"');
    expect(checkMermaid('flowchart LR\n  a["A"')[0]).toMatch(/unbalanced \[\]/);
    expect(checkMermaid('graph\n')[0]).toMatch(/first line/);
  });
});
