/**
 * The SLO spec file: OpenSLO v1 documents (Service, then an SLI and an SLO per indicator). OpenSLO
 * has no field for our burn-rate policy or latency threshold, so those travel as annotations under
 * devsquad.dev/, which OpenSLO allows on metadata.
 */
import type { SloInputs } from './inputs.js';
import type { Sli } from './sli.js';

type Json = { [key: string]: unknown };

function metricSource(query: string): Json {
  return { metricSource: { type: 'Prometheus', spec: { query } } };
}

export function openSloDocuments(service: string, slis: readonly Sli[], options: SloInputs): Json[] {
  const docs: Json[] = [
    { apiVersion: 'openslo/v1', kind: 'Service', metadata: { name: service, displayName: service }, spec: { description: `SLOs of ${service}, generated from the plan.` } },
  ];
  for (const sli of slis) {
    const name = `${service}-${sli.kind}`;
    const ratio: Json = { counter: false };
    if (sli.good !== undefined) ratio.good = metricSource(sli.good);
    if (sli.bad !== undefined) ratio.bad = metricSource(sli.bad);
    ratio.total = metricSource(sli.total);
    docs.push({ apiVersion: 'openslo/v1', kind: 'SLI', metadata: { name }, spec: { description: sli.description, ratioMetric: ratio } });
    const annotations: Record<string, string> = { 'devsquad.dev/alerting': 'multi-window multi-burn-rate, see monitoring/slo/ERROR_BUDGET_POLICY.md' };
    if (sli.kind === 'latency') annotations['devsquad.dev/latency-threshold-seconds'] = String(options.latencyThreshold);
    docs.push({
      apiVersion: 'openslo/v1',
      kind: 'SLO',
      metadata: { name, displayName: `${service} ${sli.kind}`, annotations },
      spec: {
        description: sli.description,
        service,
        indicatorRef: name,
        timeWindow: [{ duration: options.window, isRolling: true }],
        budgetingMethod: 'Occurrences',
        objectives: [{ displayName: sli.kind, target: Number((sli.objective / 100).toPrecision(12)) }],
      },
    });
  }
  return docs;
}
