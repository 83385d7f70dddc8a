/**
 * A Kustomize base (the kubernetes family's objects, built by its own build()) and dev/staging/prod
 * overlays under deploy/kustomize/. Pure: objects are built from the plan and inputs, then serialised.
 */
import type { GenerateContext, GeneratedFile } from '../types.js';
import { headerComment } from '../types.js';
import { backingEnvExample, backingObjects, devKinds } from '../kubernetes/backing.js';
import { build, defaultPolicies, deployable, DEFAULTS_FILE } from '../kubernetes/generate.js';
import type { KubernetesInputs } from '../kubernetes/inputs.js';
import { projectName } from '../kubernetes/names.js';
import { renderDocument, renderObjects } from '../kubernetes/render.js';
import { strategySummary } from '../kubernetes/strategy/plan.js';
import { envExample, externalSecret } from '../kubernetes/secrets.js';
import { inputs, type KustomizeInputs } from './inputs.js';
import { ENVIRONMENTS, baseKustomization, namespaceObject, overlayComment, overlayKustomization } from './overlays.js';
import { hasRollouts, ROLLOUT_TRANSFORM_FILE, rolloutTransformConfig, strategiesOf } from './strategy.js';

export { inputs, type KustomizeInputs };

const GENERATOR = 'kustomize';

export function generate(context: GenerateContext, options: KustomizeInputs): GeneratedFile[] {
  const { plan } = context;
  const services = deployable(context.services);
  if (services.length === 0) return [];
  const k8s: KubernetesInputs = { ...options, manifests: true };
  const header = (what: string): string => headerComment('#', what);
  const built = services.map((s) => build(plan, s, k8s));
  const withSecrets = built.filter((b) => b.config.secrets.length > 0);
  const files: GeneratedFile[] = [];
  const add = (path: string, content: string, kind: GeneratedFile['kind'], extra: Partial<GeneratedFile> = {}): void => {
    files.push({ path, content, kind, generator: GENERATOR, ...extra });
  };
  const projectHeader = header(`the plan for ${plan.name}`);
  const strategies = strategiesOf(services, options);
  const rollouts = hasRollouts(strategies);

  const baseFiles = [DEFAULTS_FILE, ...built.map((b) => `${b.service.name}.yaml`)];
  const baseComment = ['Shared by every overlay; Secrets are added by the overlays.'];
  if (rollouts) baseComment.push(`${ROLLOUT_TRANSFORM_FILE} tells Kustomize where a Rollout references Secrets, ConfigMaps and Services, so generated names reach it.`);
  add('deploy/kustomize/base/kustomization.yaml', renderDocument(projectHeader, baseKustomization(baseFiles, rollouts ? [ROLLOUT_TRANSFORM_FILE] : []), baseComment), 'kubernetes');
  if (rollouts) {
    add(`deploy/kustomize/base/${ROLLOUT_TRANSFORM_FILE}`, `${JSON.stringify(rolloutTransformConfig(), null, 2)}\n`, 'json', {
      notes: ['Kustomize transformer configuration for argoproj.io Rollouts (JSON: Kustomize rejects unknown keys, so it has no header comment).'],
    });
  }
  add(`deploy/kustomize/base/${DEFAULTS_FILE}`, renderObjects(projectHeader, defaultPolicies(plan)), 'kubernetes');
  for (const b of built) {
    const s = strategies.find((x) => x.service === b.service);
    const strategyNotes = s && options.strategy !== 'rolling' ? [strategySummary(s), ...(s.fallback ? [s.fallback] : [])] : [];
    add(`deploy/kustomize/base/${b.service.name}.yaml`, renderObjects(header(`the plan for service ${b.service.name}`), b.objects), 'kubernetes', { evidence: b.evidence, notes: [...b.notes, ...strategyNotes] });
  }
  const kinds = devKinds(services);
  const backingExample = backingEnvExample(projectHeader, kinds);
  const prefix = options.namespace ?? projectName(plan);
  for (const environment of ENVIRONMENTS) {
    const dir = `deploy/kustomize/overlays/${environment}`;
    const namespace = `${prefix}-${environment}`;
    const overlay = {
      plan, services, withSecrets: withSecrets.map((b) => b.service), inputs: options, environment, namespace,
      hasBacking: kinds.length > 0, hasBackingSecret: backingExample !== null, strategies,
    };
    add(`${dir}/kustomization.yaml`, renderDocument(projectHeader, overlayKustomization(overlay), overlayComment(overlay)), 'kubernetes');
    add(`${dir}/namespace.yaml`, renderObjects(projectHeader, [namespaceObject(namespace)]), 'kubernetes');
    const external = options.secrets === 'external-secrets' && environment !== 'dev';
    if (external && withSecrets.length > 0) {
      add(`${dir}/external-secrets.yaml`, renderObjects(projectHeader, withSecrets.map((b) => externalSecret(plan, b.service, b.config.secrets, k8s, environment))), 'kubernetes');
    }
    const envFiles: string[] = [];
    if (!external) {
      for (const b of withSecrets) {
        add(`${dir}/secrets/${b.service.name}.env.example`, envExample(header(`the plan for service ${b.service.name}`), b.service, b.config.secrets, environment === 'dev'), 'dotenv');
        envFiles.push(`${b.service.name}.env`);
      }
    }
    if (environment === 'dev' && kinds.length > 0) {
      add(`${dir}/backing-services.yaml`, renderObjects(projectHeader, kinds.flatMap((k) => backingObjects(plan, k))), 'kubernetes', {
        notes: ['Backing services run in-cluster for development only; staging and prod use managed services whose URLs go in the Secrets.'],
      });
      if (backingExample !== null) {
        add(`${dir}/secrets/backing.env.example`, backingExample, 'dotenv');
        envFiles.push('backing.env');
      }
    }
    if (envFiles.length > 0) add(`${dir}/.gitignore`, `${projectHeader}\n# Real secret values: never commit them.\n${envFiles.map((f) => `secrets/${f}`).join('\n')}\n`, 'text');
  }
  return files;
}
