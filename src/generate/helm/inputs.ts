/**
 * Inputs of the helm family: the kubernetes family's inputs (the chart's defaults are its objects),
 * minus what a chart decides at install time instead: the namespace (`helm install -n`) and whether
 * plain manifests are written. `strategy`/`rollouts` pick the chart's workloads: rolling gives the
 * plain Deployment chart; blue-green or canary give a chart whose templates render every strategy,
 * chosen per service by `services.<name>.strategy` in the values (strategy-values.ts).
 */
import { z } from 'zod';
import { inputs as kubernetesInputs } from '../kubernetes/inputs.js';

export const inputs = kubernetesInputs.omit({ manifests: true, namespace: true }).extend({
  /** Chart version (SemVer); bump it when the chart's templates change. */
  chartVersion: z.string().regex(/^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$/, 'a SemVer 2 version such as 0.1.0').default('0.1.0'),
});
export type HelmInputs = z.infer<typeof inputs>;
