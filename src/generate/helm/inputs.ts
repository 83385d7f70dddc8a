/**
 * Inputs of the helm family: the kubernetes family's inputs (the chart's defaults are its objects),
 * minus what a chart decides at install time instead: the namespace (`helm install -n`), whether
 * plain manifests are written, and the deployment strategy (the chart renders rolling updates).
 */
import { z } from 'zod';
import { inputs as kubernetesInputs } from '../kubernetes/inputs.js';

export const inputs = kubernetesInputs.omit({ manifests: true, namespace: true, strategy: true, rollouts: true }).extend({
  /** Chart version (SemVer); bump it when the chart's templates change. */
  chartVersion: z.string().regex(/^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$/, 'a SemVer 2 version such as 0.1.0').default('0.1.0'),
});
export type HelmInputs = z.infer<typeof inputs>;
