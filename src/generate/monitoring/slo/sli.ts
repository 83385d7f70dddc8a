/**
 * The SLIs of a service, as PromQL over the metric contract: availability (share of requests that
 * are not 5xx) and latency (share faster than a histogram bucket bound) for servers, job success
 * for workers. Each SLI gives its error ratio over a window, which the recording rules store.
 */
import type { ServicePlan } from '../../../plan/schema.js';
import { HTTP_DURATION, JOB_DURATION, LABELS, serviceSelector } from '../shared/metrics.js';
import type { SloInputs } from './inputs.js';

export type SliKind = 'availability' | 'latency' | 'jobs';

export interface Sli {
  kind: SliKind;
  service: string;
  /** Objective in percent. */
  objective: number;
  description: string;
  /** Error ratio over `[window]`. */
  errorRatio(window: string): string;
  /** OpenSLO ratioMetric queries (rates over 5m, for tools that evaluate them themselves). */
  good?: string;
  bad?: string;
  total: string;
}

/** `le` as clients write it: Go and OTel write `1`, Python `1.0`; both match. */
export function leMatcher(bound: number): string {
  const text = String(bound).replace('.', '\\\\.');
  return `~${Number.isInteger(bound) ? `${text}(\\\\.0)?` : text}`;
}

function rate(metric: string, selector: string, window: string): string {
  return `sum(rate(${metric}${selector}[${window}]))`;
}

export function slisFor(service: ServicePlan, options: SloInputs): Sli[] {
  const name = service.name;
  const all = serviceSelector(name);
  if (service.kind === 'worker') {
    const count = `${JOB_DURATION.name}_count`;
    const failed = serviceSelector(name, { job_outcome: 'failure' });
    return [{
      kind: 'jobs',
      service: name,
      objective: options.jobObjective,
      description: `${options.jobObjective}% of ${name}'s background jobs succeed (${JOB_DURATION.name}, job_outcome="failure" is bad).`,
      errorRatio: (w) => `${rate(count, failed, w)} / ${rate(count, all, w)}`,
      bad: rate(count, failed, '5m'),
      total: rate(count, all, '5m'),
    }];
  }
  if (service.kind !== 'server') return [];
  const count = `${HTTP_DURATION.name}_count`;
  const bucket = `${HTTP_DURATION.name}_bucket`;
  const errors = serviceSelector(name, { [LABELS.status]: '~5..' });
  const fast = serviceSelector(name, { le: leMatcher(options.latencyThreshold) });
  return [
    {
      kind: 'availability',
      service: name,
      objective: options.objective,
      description: `${options.objective}% of ${name}'s HTTP requests get a non-5xx response.`,
      errorRatio: (w) => `${rate(count, errors, w)} / ${rate(count, all, w)}`,
      bad: rate(count, errors, '5m'),
      total: rate(count, all, '5m'),
    },
    {
      kind: 'latency',
      service: name,
      objective: options.latencyObjective,
      description: `${options.latencyObjective}% of ${name}'s HTTP requests complete within ${options.latencyThreshold}s.`,
      errorRatio: (w) => `1 - (${rate(bucket, fast, w)} / ${rate(count, all, w)})`,
      good: rate(bucket, fast, '5m'),
      total: rate(count, all, '5m'),
    },
  ];
}
