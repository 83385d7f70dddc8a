/**
 * Inputs of the kustomize family: the kubernetes family's inputs (the base holds the same objects),
 * minus `manifests`, which only says whether deploy/kubernetes/ is written.
 */
import type { z } from 'zod';
import { inputs as kubernetesInputs } from '../kubernetes/inputs.js';

export const inputs = kubernetesInputs.omit({ manifests: true });
export type KustomizeInputs = z.infer<typeof inputs>;
