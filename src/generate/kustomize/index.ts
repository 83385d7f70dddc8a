import type { Generator } from '../types.js';
import { generate, inputs, type KustomizeInputs } from './generate.js';

export const kustomizeGenerator: Generator<KustomizeInputs> = {
  id: 'kustomize',
  displayName: 'Kustomize',
  description: 'Kustomize base (the Kubernetes manifests) with dev, staging and prod overlays.',
  inputs,
  generate,
};
