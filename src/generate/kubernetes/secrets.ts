/**
 * Secrets never carry values in generated files. Per service, depending on the `secrets` input:
 * - 'template': a Secret with empty values (plain manifests, kept out of the directory that
 *   `kubectl apply -f` reads) and, for Kustomize, a git-ignored env file per overlay read by a
 *   secretGenerator, with an `.example` beside it listing the keys;
 * - 'external-secrets': an ExternalSecret (External Secrets Operator) that builds the same Secret
 *   from the cluster's secret store.
 */
import type { ProjectPlan, ServicePlan } from '../../plan/schema.js';
import type { KubernetesInputs } from './inputs.js';
import type { SecretKey } from './config.js';
import { labels, projectName } from './names.js';
import type { K8sObject } from './render.js';
import { secretName } from './workload.js';

export function secretTemplate(plan: ProjectPlan, service: ServicePlan, keys: readonly SecretKey[]): K8sObject {
  return {
    object: {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: secretName(service), labels: labels(plan, service) },
      type: 'Opaque',
      stringData: Object.fromEntries(keys.map((k) => [k.name, ''])),
    },
    comment: [
      'TEMPLATE: fill in the values, apply once (kubectl apply -n <namespace> -f this file) and do not commit them;',
      'or replace this file with a SealedSecret / ExternalSecret. Keys:',
      ...keys.map((k) => `  ${k.name}: ${k.comment}`),
    ],
  };
}

export function externalSecret(plan: ProjectPlan, service: ServicePlan, keys: readonly SecretKey[], inputs: KubernetesInputs, environment: string | null): K8sObject {
  const remoteKey = [projectName(plan), environment, service.name].filter((p): p is string => p !== null).join('/');
  return {
    object: {
      apiVersion: 'external-secrets.io/v1',
      kind: 'ExternalSecret',
      metadata: { name: secretName(service), labels: labels(plan, service) },
      spec: {
        refreshInterval: '1h',
        secretStoreRef: { kind: 'ClusterSecretStore', name: inputs.secretStore },
        target: { name: secretName(service), creationPolicy: 'Owner' },
        data: keys.map((k) => ({ secretKey: k.name, remoteRef: { key: remoteKey, property: k.name } })),
      },
    },
    comment: [`Built by the External Secrets Operator from "${remoteKey}" in the ClusterSecretStore "${inputs.secretStore}" (one property per key).`],
  };
}

/** `KEY=value` lines for a secretGenerator env file example; dev values point at the dev StatefulSets. */
export function envExample(header: string, service: ServicePlan, keys: readonly SecretKey[], dev: boolean): string {
  const lines = [header, `# Copy to ${service.name}.env (git-ignored) and fill in; kustomize builds the Secret ${secretName(service)} from it.`];
  for (const key of keys) {
    lines.push(`# ${key.comment}`);
    lines.push(`${key.name}=${dev ? key.devValue : ''}`);
  }
  return `${lines.join('\n')}\n`;
}
