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

  it('helm: upgrade --install per environment namespace, rollback from helm history', () => {
    const d = docs({ target: 'helm' });
    expect(d.get('DEPLOYMENT.md')).toContain('helm upgrade --install node-express-prisma deploy/helm/node-express-prisma -n node-express-prisma-staging --create-namespace -f deploy/helm/node-express-prisma/values-staging.yaml -f secrets-staging.yaml --set-string image.tag=<commit-sha>');
    expect(d.get('DEPLOYMENT.md')).toContain('      DATABASE_URL: "<value>"');
    expect(d.get('ROLLBACK.md')).toContain('helm history node-express-prisma -n node-express-prisma-staging --max 10');
    expect(d.get('ROLLBACK.md')).toContain('helm rollback node-express-prisma <revision> -n node-express-prisma-staging --wait');
    expect(d.get('TROUBLESHOOTING.md')).toContain('kubectl -n node-express-prisma-staging logs -l app.kubernetes.io/name=invoices');
  });

  it('gcp: Cloud Run service names from terraform, traffic rollback, logs read', () => {
    const d = docs({ target: 'gcp' });
    expect(d.get('DEPLOYMENT.md')).toContain('$REGION-docker.pkg.dev/$PROJECT_ID/node-express-prisma-staging-invoices/node-express-prisma-invoices');
    expect(d.get('DEPLOYMENT.md')).toContain('gcloud run deploy node-express-prisma-staging-invoices --region $REGION');
    // The data module writes DATABASE_URL / REDIS_URL itself: no secret for the user to fill.
    expect(d.get('DEPLOYMENT.md')).not.toContain('gcloud secrets versions add');
    expect(d.get('ROLLBACK.md')).toContain('gcloud run services update-traffic node-express-prisma-staging-invoices --region $REGION --to-revisions=<previous-revision>=100');
    expect(d.get('ROLLBACK.md')).toContain('gcloud run revisions list --service node-express-prisma-staging-invoices');
    expect(d.get('TROUBLESHOOTING.md')).toContain('gcloud run services logs read node-express-prisma-staging-invoices --region $REGION');
    expect(d.get('INFRASTRUCTURE.md')).toContain('Cloud SQL PostgreSQL');
    expect(d.get('INFRASTRUCTURE.md')).toContain('Memorystore Redis');
  });

  it('azure: the container app name terraform computes (md5 suffix), revision list/activate, logs show', () => {
    const d = docs({ target: 'azure' });
    const app = 'node-express-prisma-stagi-8b41ff';
    expect(d.get('DEPLOYMENT.md')).toContain(`az containerapp update --name ${app} --resource-group rg-node-express-prisma-staging --image "$ACR.azurecr.io/staging/node-express-prisma-invoices:<commit-sha>"`);
    expect(d.get('ROLLBACK.md')).toContain(`az containerapp revision activate --name ${app} --resource-group rg-node-express-prisma-staging --revision <previous-revision>`);
    expect(d.get('ROLLBACK.md')).toContain(`az containerapp revision list --name ${app}`);
    expect(d.get('TROUBLESHOOTING.md')).toContain(`az containerapp logs show --name ${app} --resource-group rg-node-express-prisma-staging --tail 100`);
    expect(d.get('INFRASTRUCTURE.md')).toContain('Azure Database for PostgreSQL');
  });

  it('hetzner: servers by label, ssh + docker compose in /opt/app, data server', () => {
    const d = docs({ target: 'hetzner' });
    const list = 'hcloud server list --selector service=node-express-prisma-staging-invoices -o noheader -o columns=ipv4';
    expect(d.get('DEPLOYMENT.md')).toContain(list);
    expect(d.get('DEPLOYMENT.md')).toContain('docker compose --project-directory /opt/app exec app sh -c \'npx prisma migrate deploy\'');
    expect(d.get('ROLLBACK.md')).toContain('/node-express-prisma-invoices:<previous-commit-sha>|');
    expect(d.get('TROUBLESHOOTING.md')).toContain('hcloud load-balancer describe node-express-prisma-staging-invoices');
    expect(d.get('TROUBLESHOOTING.md')).toContain('hcloud server ip node-express-prisma-staging-data');
    expect(d.get('INFRASTRUCTURE.md')).toContain('SSH 22 (firewall)');
  });
});
