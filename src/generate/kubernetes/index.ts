import type { Generator } from '../types.js';
import { generate, inputs, type KubernetesInputs } from './generate.js';

export const kubernetesGenerator: Generator<KubernetesInputs> = {
  id: 'kubernetes',
  displayName: 'Kubernetes',
  description: 'Kubernetes manifests (Kustomize and Helm are the kustomize and helm families).',
  inputs,
  generate,
};
