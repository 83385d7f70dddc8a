/**
 * Runbook sections for the Kubernetes target: the kubernetes/kustomize families' objects, the
 * deploy hooks (deploy/deploy.sh, deploy/rollback.sh) and each service's strategy.
 */
import { blueGreenNames, canaryName, PREVIOUS_SLOT_ANNOTATION, SLOT_LABEL } from '../kubernetes/strategy/plan.js';
import { backingKinds, type RunbookFacts, type ServiceFacts } from './facts.js';
import { code, fence, names, table } from './markdown.js';
import { Flowchart } from './mermaid.js';
import type { TargetRunbooks } from './target.js';

const OVERLAYS = [['dev', 'dev'], ['staging', 'staging'], ['production', 'prod']] as const;

function ns(f: RunbookFacts, overlay: string): string {
  return `${f.namespacePrefix}-${overlay}`;
}

function strategyText(s: ServiceFacts): string {
  const st = s.strategy;
  if (st.strategy === 'rolling') return 'rolling update';
  return `${st.strategy}${st.rollouts ? ' (Argo Rollouts)' : ' (plain Deployments)'}`;
}

function workloadRef(s: ServiceFacts): string {
  return s.strategy.workloads.kind === 'Rollout' ? `rollout/${s.name}` : s.strategy.workloads.names.map((n) => `deployment/${n}`).join(', ');
}

function podSelector(s: ServiceFacts): string {
  return `app.kubernetes.io/name=${s.name}`;
}

function deployment(f: RunbookFacts): string {
  const argo = f.services.some((s) => s.strategy.rollouts);
  const withSecrets = f.services.filter((s) => s.secrets.length > 0);
  const out = [
    '# Deployment',
    '',
    `How to deploy **${f.plan.name}** to Kubernetes with the files devsquad generated (\`deploy/kustomize/\`, \`deploy/kubernetes/\`, \`deploy/deploy.sh\`).`,
    '',
    table(['service', 'kind', 'port', 'health', 'image', 'strategy', 'workload'], f.services.map((s) => [
      s.name, s.kind, s.port === null ? '-' : `${s.port} (${s.portVar ?? 'PORT'})`, s.health ?? (s.port === null ? '-' : 'TCP'), `<registry>/${s.image}`, strategyText(s), workloadRef(s),
    ])),
    '',
    '## Prerequisites',
    '',
    '- `kubectl` 1.30 or later with access to the cluster (the pods use the `preStop` sleep action), an ingress controller (ingress-nginx by default).',
    ...(argo ? ['- The Argo Rollouts controller in the cluster and the `kubectl argo rollouts` plugin on the machine that deploys: `kubectl create namespace argo-rollouts && kubectl apply -n argo-rollouts -f https://github.com/argoproj/argo-rollouts/releases/latest/download/install.yaml`.'] : []),
    '- Images pushed by CI as `<registry>/<project>-<service>` (set the registry with the kubernetes `registry` input).',
    '',
    '## Environments',
    '',
    table(['environment', 'overlay', 'namespace'], OVERLAYS.map(([env, overlay]) => [env, `deploy/kustomize/overlays/${overlay}`, ns(f, overlay)])),
    '',
    '## First install of an environment',
    '',
  ];
  if (withSecrets.length > 0) {
    out.push('1. Fill in the secrets (the env files are git-ignored; never commit them):', '');
    for (const s of withSecrets) out.push(`   - ${s.name}: ${code(`deploy/kustomize/overlays/<overlay>/secrets/${s.name}.env`)} from the \`.env.example\` beside it, keys ${names(s.secrets)}.`);
    out.push('');
  }
  out.push(`${withSecrets.length > 0 ? '2' : '1'}. Apply the overlay (it creates the namespace):`, '', fence('sh', ['kubectl apply -k deploy/kustomize/overlays/staging']), '');
  const migrating = f.services.filter((s) => s.migrate !== null);
  if (migrating.length > 0) {
    out.push('## Migrations', '', 'The manifests do not run migrations. Run them from a running pod of the new version before sending it all traffic:', '');
    for (const s of migrating) {
      out.push(fence('sh', [`pod=$(kubectl -n ${ns(f, 'staging')} get pod -l ${podSelector(s)} -o name | head -n 1)`, `kubectl -n ${ns(f, 'staging')} exec "$pod" -- ${s.migrate ?? ''}`]), '');
    }
    out.push('Keep migrations backward compatible (expand, deploy, contract): the previous version keeps running during the release and after a rollback.', '');
  }
  out.push(
    '## Releasing a version',
    '',
    'CI calls the deploy hook after pushing the image; by hand it is the same command:',
    '',
    fence('sh', [`deploy/deploy.sh staging ${f.services[0]?.name ?? '<service>'} <registry>/${f.services[0]?.image ?? '<image>'}@sha256:<digest>`]),
    '',
    'Environment variables: `NAMESPACE` (default `<prefix>-<overlay>`), `KUBE_CONTEXT`, `ROLLOUT_TIMEOUT_SECONDS` (600), `DEPLOY_PROMOTE` (`auto` or `manual`), `CANARY_OBSERVE_SECONDS` (60).',
    '',
  );
  for (const s of f.services) out.push(`- **${s.name}**: ${releaseText(f, s)}`);
  out.push('', '## Checking a release', '');
  for (const s of f.services) {
    const lines = s.strategy.workloads.kind === 'Rollout'
      ? [`kubectl argo rollouts -n ${ns(f, 'staging')} get rollout ${s.name}`]
      : s.strategy.workloads.names.map((n) => `kubectl -n ${ns(f, 'staging')} rollout status deployment/${n}`);
    if (s.serves && s.port !== null) lines.push(`kubectl -n ${ns(f, 'staging')} port-forward svc/${s.name} 8080:${s.port} &`, `curl -fsS http://localhost:8080${s.health ?? '/'}`);
    out.push(fence('sh', lines), '');
  }
  return out.join('\n');
}

function releaseText(f: RunbookFacts, s: ServiceFacts): string {
  const st = s.strategy;
  if (st.strategy === 'rolling') return `\`kubectl set image\` on deployment/${s.name}, then waits for \`kubectl rollout status\`. New pods take traffic once ${s.health ? `GET ${s.health}` : 'the readiness check'} passes; old pods stop only then (maxUnavailable 0).${st.fallback ? ` (${st.fallback})` : ''}`;
  if (st.rollouts && st.strategy === 'blue-green') return `sets the Rollout's image; the new pods come up behind Service ${blueGreenNames(s.service).preview}; with \`DEPLOY_PROMOTE=auto\` the hook promotes (Service ${s.name} switches), with \`manual\` you test and run \`kubectl argo rollouts -n ${ns(f, 'prod')} promote ${s.name}\`.`;
  if (st.rollouts) return `sets the Rollout's image; 20% of the pods run the new version and the Rollout pauses. \`DEPLOY_PROMOTE=auto\` promotes after \`CANARY_OBSERVE_SECONDS\` if the canary stays healthy; \`manual\` leaves it for \`kubectl argo rollouts -n ${ns(f, 'prod')} promote ${s.name}\`. Then 50% for 60 s, then 100%.`;
  if (st.strategy === 'blue-green') return `updates the idle colour (${blueGreenNames(s.service).blue} or ${blueGreenNames(s.service).green}), waits for it, records the live colour in the \`${PREVIOUS_SLOT_ANNOTATION}\` annotation and switches Service ${s.name}'s \`${SLOT_LABEL}\` selector.`;
  return `gives ${canaryName(s.service)} the new image and 1 replica (Service ${s.name} selects both tracks), waits \`CANARY_OBSERVE_SECONDS\`, then updates ${s.name} and scales the canary back to 0.`;
}

function rollback(f: RunbookFacts): string {
  const out = [
    '# Rollback',
    '',
    'CI runs the rollback hook when a deploy or its smoke test fails. By hand:',
    '',
    fence('sh', f.services.map((s) => `deploy/rollback.sh production ${s.name}`)),
    '',
    'What it does, and the same steps without the hook:',
    '',
  ];
  for (const s of f.services) {
    const n = ns(f, 'prod');
    const st = s.strategy;
    out.push(`## ${s.name} (${strategyText(s)})`, '');
    if (st.strategy === 'rolling') {
      out.push('Back to the previous ReplicaSet:', '', fence('sh', [`kubectl -n ${n} rollout history deployment/${s.name}`, `kubectl -n ${n} rollout undo deployment/${s.name}    # or --to-revision=<n>`, `kubectl -n ${n} rollout status deployment/${s.name} --timeout 600s`]));
    } else if (st.rollouts) {
      out.push(
        'During a release (paused or progressing), abort: all traffic goes back to the stable pods; then put the template back so the Rollout is Healthy again:',
        '',
        fence('sh', [`kubectl argo rollouts -n ${n} abort ${s.name}`, `kubectl argo rollouts -n ${n} undo ${s.name}`]),
        '',
        'After a release was fully promoted, go back one revision and skip the steps:',
        '',
        fence('sh', [`kubectl argo rollouts -n ${n} undo ${s.name}`, `kubectl argo rollouts -n ${n} promote --full ${s.name}`, `kubectl argo rollouts -n ${n} get rollout ${s.name} --watch`]),
      );
    } else if (st.strategy === 'blue-green') {
      const { preview } = blueGreenNames(s.service);
      out.push(
        `The previous colour keeps running; switch Service ${s.name} back to it (the hook reads it from the \`${PREVIOUS_SLOT_ANNOTATION}\` annotation):`,
        '',
        fence('sh', [
          `kubectl -n ${n} get service ${s.name} -o jsonpath='{.metadata.annotations.${PREVIOUS_SLOT_ANNOTATION.replace(/\./g, '\\.')}}'`,
          `kubectl -n ${n} patch service ${s.name} --type merge -p '{"spec":{"selector":{"${SLOT_LABEL}":"blue"}}}'   # the previous colour`,
          `kubectl -n ${n} patch service ${preview} --type merge -p '{"spec":{"selector":{"${SLOT_LABEL}":"green"}}}'`,
        ]),
      );
    } else {
      out.push(
        'Stop the canary; if the stable Deployment was already updated, undo it too:',
        '',
        fence('sh', [`kubectl -n ${n} scale deployment/${canaryName(s.service)} --replicas=0`, `kubectl -n ${n} rollout undo deployment/${s.name}`, `kubectl -n ${n} rollout status deployment/${s.name} --timeout 600s`]),
      );
    }
    if (s.migrate) out.push('', `Migrations (${code(s.migrate)}) are not rolled back: the previous version must work with the new schema.`);
    out.push('');
  }
  return out.join('\n');
}

function infrastructure(f: RunbookFacts): string {
  const chart = new Flowchart('LR');
  const users = chart.node('users', 'Users', 'round');
  const registry = chart.node('registry', 'Container registry', 'db');
  const serving = f.services.filter((s) => s.serves);
  const ingress = serving.length > 0 ? chart.node('ingress', 'Ingress controller (ingress-nginx)', 'hex') : null;
  if (ingress) chart.edge(users, ingress, 'HTTPS');
  const cluster = { id: 'cluster', label: `namespace ${f.namespacePrefix}-<env>` };
  for (const s of f.services) {
    const workload = chart.node(Flowchart.id('wl', s.name), `${s.strategy.workloads.kind === 'Rollout' ? 'Rollout' : 'Deployment'} ${s.strategy.workloads.names.join(' + ')}`, 'box', cluster);
    chart.edge(registry, workload, `${s.image} image`);
    if (s.serves && ingress) {
      const svc = chart.node(Flowchart.id('svc', s.name), `Service ${s.name} :${s.port ?? ''}`, 'round', cluster);
      chart.edge(ingress, svc, s.health ? `${s.name} host, probes ${s.health}` : `${s.name} host`);
      chart.edge(svc, workload);
    }
  }
  for (const s of f.services) {
    for (const dep of s.dependsOn) {
      const target = f.services.find((t) => t.name === dep);
      if (target?.serves) chart.edge(Flowchart.id('wl', s.name), Flowchart.id('svc', dep), `http :${target.port ?? ''}`);
    }
  }
  for (const b of backingKinds(f)) {
    const id = chart.node(Flowchart.id('backing', b.kind), b.kind === 'sqlite' ? 'SQLite file (emptyDir: not shared, not kept)' : `${b.kind} (dev: StatefulSet ${b.host ?? b.kind}; staging/prod: managed)`, 'db');
    for (const s of f.services.filter((x) => x.backing.some((y) => y.kind === b.kind))) chart.edge(Flowchart.id('wl', s.name), id, b.envVar ?? b.kind);
  }
  return [
    '# Infrastructure',
    '',
    `What the Kubernetes files create for **${f.plan.name}** in each environment's namespace.`,
    '',
    fence('mermaid', [chart.render()]),
    '',
    table(['service', 'objects', 'config keys', 'secret keys', 'backing services'], f.services.map((s) => [
      s.name,
      ['ServiceAccount', 'ConfigMap', workloadRef(s), ...(s.serves ? ['Service', 'Ingress'] : []), 'HPA', 'PDB', 'NetworkPolicy'].join(', '),
      names(s.config), names(s.secrets), names(s.backing.map((b) => b.kind)),
    ])),
    '',
    'Namespace-wide: a default-deny NetworkPolicy and DNS egress (`_defaults.yaml`). Each service\'s NetworkPolicy admits its port from the ingress controller and the namespace and lets it reach its dependencies and backing services.',
    '',
  ].join('\n');
}

function troubleshooting(f: RunbookFacts): string {
  const n = ns(f, 'staging');
  const out = [
    '# Troubleshooting',
    '',
    `Commands for **${f.plan.name}** on Kubernetes; replace \`${n}\` with the environment's namespace.`,
    '',
    '## Every service',
    '',
    fence('sh', [`kubectl -n ${n} get pods,svc,ingress,hpa`, `kubectl -n ${n} get events --sort-by=.lastTimestamp | tail -n 30`]),
    '',
  ];
  for (const s of f.services) {
    out.push(`## ${s.name}`, '');
    const lines = [
      `kubectl -n ${n} logs -l ${podSelector(s)} --all-containers --tail=200 --prefix`,
      `kubectl -n ${n} logs -l ${podSelector(s)} --previous --tail=100   # after a crash`,
      `kubectl -n ${n} describe pod -l ${podSelector(s)}`,
      ...(s.strategy.workloads.kind === 'Rollout'
        ? [`kubectl argo rollouts -n ${n} get rollout ${s.name}`]
        : s.strategy.workloads.names.map((w) => `kubectl -n ${n} rollout history deployment/${w}`)),
      `kubectl -n ${n} get configmap ${s.name}-config -o yaml`,
    ];
    if (s.secrets.length > 0) lines.push(`kubectl -n ${n} get secret ${s.name}-secrets -o jsonpath='{.data}' | tr ',' '\\n' | cut -d: -f1   # key names only`);
    out.push(fence('sh', lines), '');
    const symptoms: string[][] = [
      ['`ImagePullBackOff`', `the tag or digest of \`${s.image}\` is not in the registry, or the namespace has no pull secret for it`],
      ['`CrashLoopBackOff`', `read \`logs --previous\`; a missing setting is the usual cause: config ${names(s.config)}${s.secrets.length > 0 ? `, secrets ${names(s.secrets)}` : ''}`],
      ['`OOMKilled` in describe', 'raise `resources.limits.memory` (kubernetes `resources` input)'],
      ['`CreateContainerConfigError`', `the Secret ${s.name}-secrets or ConfigMap ${s.name}-config is missing in this namespace: apply the overlay again`],
    ];
    if (s.port !== null) {
      symptoms.push(['Ready 0/1, readiness probe failed', `the app must listen on 0.0.0.0:${s.port} (${code(s.portVar ?? 'PORT')}) and answer ${s.health ? `GET ${s.health}` : 'TCP'} within 3 s: \`kubectl -n ${n} port-forward deploy/${s.strategy.workloads.names[0] ?? s.name} 8080:${s.port}\` then \`curl -v http://localhost:8080${s.health ?? '/'}\``]);
      symptoms.push(['Startup probe failed, restarts', 'the first boot is slower than the startup probe allows: raise its failureThreshold'], ['502/503 from the ingress', `no ready endpoints: \`kubectl -n ${n} get endpointslices -l kubernetes.io/service-name=${s.name}\``]);
    }
    if (s.backing.length > 0) symptoms.push(['connection refused / timeout to a database', `check ${names(s.backing.map((b) => b.envVar ?? b.kind))} in the Secret; the NetworkPolicy only opens ${s.backing.filter((b) => b.port !== null).map((b) => `${b.kind} ${b.port ?? ''}`).join(', ') || 'the listed ports'}`]);
    if (s.strategy.rollouts) symptoms.push(['Rollout `Degraded`', `\`kubectl argo rollouts -n ${n} get rollout ${s.name}\` shows the failing ReplicaSet; \`deploy/rollback.sh <env> ${s.name}\``]);
    out.push(table(['symptom', 'what to check'], symptoms), '');
  }
  return out.join('\n');
}

export const kubernetesRunbooks: TargetRunbooks = { deployment, rollback, infrastructure, troubleshooting };
