import type { Generator } from '../types.js';
import { generate, inputs, type KubernetesInputs } from './generate.js';

export const kubernetesGenerator: Generator<KubernetesInputs> = {
  id: 'kubernetes',
  displayName: 'Kubernetes',
  description: 'Kubernetes manifests and a Kustomize base with overlays.',
  inputs,
  generate,
};
