/**
 * Runbook sections for the Helm chart (deploy/helm/<project>): one release per environment namespace
 * (`<project>-<env>`), values-<env>.yaml plus a git-ignored secrets-<env>.yaml, and Helm's own release
 * history for rollback. Object names are the service names, as the chart's templates write them.
 */
import { ENVIRONMENTS } from '../helm/values.js';
import { backingKinds, type RunbookFacts, type ServiceFacts } from './facts.js';
import { ENV, helmChart } from './cloud-names.js';
import { code, fence, names, table } from './markdown.js';
import { Flowchart } from './mermaid.js';
import type { TargetRunbooks } from './target.js';

const selector = (s: ServiceFacts): string => `app.kubernetes.io/name=${s.name}`;

function upgrade(f: RunbookFacts, env: string, extra = ''): string {
  const c = helmChart(f.plan);
  return `helm upgrade --install ${c.release} ${c.dir} -n ${c.namespace(env)} --create-namespace -f ${c.dir}/values-${env}.yaml -f secrets-${env}.yaml${extra} --atomic --wait --timeout 10m`;
}

function deployment(f: RunbookFacts): string {
  const c = helmChart(f.plan);
  const out = [
    '# Deployment',
    '',
    `How to deploy **${f.plan.name}** with the Helm chart in \`${c.dir}\`: one release \`${c.release}\` per environment namespace, every service in it.`,
    '',
    table(['service', 'port', 'health route', 'image', 'values block'], f.services.map((s) => [s.name, s.port === null ? '-' : String(s.port), s.health ?? '-', s.image, `services.${s.name}`])),
    '',
    '## Per environment',
    '',
    table(['environment', 'namespace', 'command'], ENVIRONMENTS.map((e) => [e, c.namespace(e), code(upgrade(f, e))])),
    '',
    `\`--atomic\` rolls the release back by itself when the pods do not become ready in time. Check what would change first with \`helm diff upgrade\` (plugin) or \`helm template ${c.release} ${c.dir} -f ${c.dir}/values-${ENV}.yaml\`.`,
    '',
  ];
  const secrets = f.services.filter((s) => s.secrets.length > 0);
  if (secrets.length > 0) {
    out.push(`## Secrets`, '', `Put the values in a git-ignored \`secrets-<env>.yaml\` (or set \`secrets.mode: external-secrets\` and store them under \`${f.project}/<env>/<service>\`):`, '',
      fence('yaml', ['services:', ...secrets.flatMap((s) => [`  ${s.name}:`, '    secrets:', ...s.secrets.map((k) => `      ${k}: "<value>"`)])]), '');
  }
  out.push('## Releasing a version', '', 'Push the images with the commit SHA as tag, then upgrade with that tag:', '',
    fence('sh', [...f.services.map((s) => `docker push <registry>/${s.image}:<commit-sha>`), upgrade(f, ENV, ' --set-string image.tag=<commit-sha>')]), '');
  const migrating = f.services.filter((s) => s.migrate !== null);
  if (migrating.length > 0) {
    out.push('## Migrations', '', 'Run them from a pod of the new release before sending traffic to it:', '');
    for (const s of migrating) out.push(`${s.name}: ${code(s.migrate ?? '')}`, '', fence('sh', [`kubectl -n ${c.namespace(ENV)} exec deploy/${s.name} -- sh -c ${JSON.stringify(s.migrate ?? '')}`]), '');
  }
  return out.join('\n');
}

function rollback(f: RunbookFacts): string {
  const c = helmChart(f.plan);
  const n = c.namespace(ENV);
  return [
    '# Rollback',
    '',
    `Helm keeps every revision of the release; roll back to the last good one (${ENV} shown):`,
    '',
    fence('sh', [`helm history ${c.release} -n ${n} --max 10`, `helm rollback ${c.release} <revision> -n ${n} --wait`, ...f.services.map((s) => `kubectl -n ${n} rollout status deployment/${s.name}`)]),
    '',
    `Without a revision number \`helm rollback ${c.release} -n ${n}\` goes back one. The next \`helm upgrade\` deploys whatever values you pass, so fix the tag in CI before releasing again.`,
    '',
    ...f.services.filter((s) => s.migrate).map((s) => `Migrations of ${s.name} (${code(s.migrate ?? '')}) are not undone: the previous version must work with the new schema.`),
    '',
  ].join('\n');
}

function infrastructure(f: RunbookFacts): string {
  const c = helmChart(f.plan);
  const chart = new Flowchart('LR');
  const users = chart.node('users', 'Users', 'round');
  const ns = { id: 'ns', label: `namespace ${c.namespace('<env>')} (release ${c.release})` };
  const ingress = f.services.some((s) => s.serves) ? chart.node('ingress', 'Ingress controller', 'hex') : null;
  if (ingress) chart.edge(users, ingress, 'HTTPS');
  for (const s of f.services) {
    const dep = chart.node(Flowchart.id('dep', s.name), `Deployment ${s.name}${s.port !== null ? ` :${s.port}` : ''}`, 'box', ns);
    if (s.serves && ingress) {
      const svc = chart.node(Flowchart.id('svc', s.name), `Service ${s.name}`, 'box', ns);
      chart.edge(ingress, svc, `Ingress ${s.name}`);
      chart.edge(svc, dep, s.health ? `ready: ${s.health}` : 'port');
    }
    chart.edge(chart.node(Flowchart.id('cfg', s.name), `ConfigMap + Secret ${s.name}`, 'db', ns), dep, 'envFrom');
  }
  for (const b of backingKinds(f).filter((x) => x.kind !== 'sqlite')) {
    const id = chart.node(Flowchart.id('data', b.kind), `${b.kind} (outside the chart: managed service or your own)`, 'db');
    for (const s of f.services.filter((x) => x.backing.some((y) => y.kind === b.kind))) chart.edge(Flowchart.id('dep', s.name), id, b.envVar ?? b.kind);
  }
  return ['# Infrastructure', '', `What the \`${c.release}\` chart creates for **${f.plan.name}** in each environment's namespace.`, '', fence('mermaid', [chart.render()]), '',
    table(['service', 'objects', 'config keys', 'secret keys'], f.services.map((s) => [s.name,
      ['ServiceAccount', 'ConfigMap', 'Secret', `Deployment`, ...(s.serves ? ['Service', 'Ingress'] : []), 'HPA', 'PDB', 'NetworkPolicy'].join(', '), names(s.config), names(s.secrets)])), ''].join('\n');
}

function troubleshooting(f: RunbookFacts): string {
  const c = helmChart(f.plan);
  const n = c.namespace(ENV);
  const out = ['# Troubleshooting', '', `Commands for **${f.plan.name}** deployed with Helm (${ENV}: namespace \`${n}\`).`, '', '## The release', '',
    fence('sh', [`helm status ${c.release} -n ${n}`, `helm history ${c.release} -n ${n}`, `helm get values ${c.release} -n ${n}`, `helm get manifest ${c.release} -n ${n} | kubectl diff -f - `, `kubectl -n ${n} get events --sort-by=.lastTimestamp | tail -n 30`]), ''];
  for (const s of f.services) {
    out.push(`## ${s.name}`, '', fence('sh', [
      `kubectl -n ${n} get pods -l ${selector(s)}`,
      `kubectl -n ${n} logs -l ${selector(s)} --all-containers --tail=200 --prefix`,
      `kubectl -n ${n} logs -l ${selector(s)} --previous --tail=100   # after a crash`,
      `kubectl -n ${n} describe pod -l ${selector(s)}`,
    ]), '');
    const rows = [
      ['`UPGRADE FAILED` / `another operation is in progress`', `\`helm history ${c.release} -n ${n}\`; a release stuck in pending-upgrade: \`helm rollback ${c.release} -n ${n}\``],
      ['`values don\'t meet the specifications of the schema`', `values.schema.json rejected a value: compare with \`services.${s.name}\` in values.yaml`],
      ['`CrashLoopBackOff`', `\`logs --previous\`; a missing setting is the usual cause: config ${names(s.config)}${s.secrets.length > 0 ? `, secrets ${names(s.secrets)} (secrets-${ENV}.yaml)` : ''}`],
      ['`ImagePullBackOff`', `\`${s.image}:<tag>\` is not in the registry, or the namespace has no pull secret`],
    ];
    if (s.port !== null) rows.push(['Ready 0/1', `the app must listen on 0.0.0.0:${s.port} (${code(s.portVar ?? 'PORT')}) and answer ${s.health ? `GET ${s.health}` : 'TCP'}: \`kubectl -n ${n} port-forward deploy/${s.name} 8080:${s.port}\``]);
    out.push(table(['symptom', 'what to check'], rows), '');
  }
  return out.join('\n');
}

export const helmRunbooks: TargetRunbooks = { deployment, rollback, infrastructure, troubleshooting };
