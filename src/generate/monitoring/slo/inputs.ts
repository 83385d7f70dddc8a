/**
 * Typed inputs of the slo part, with defaults (`inputs.parse({})` gives them all). readme.md and
 * docs/monitoring/slo.md document each one.
 */
import { z } from 'zod';
import { DURATION_BUCKETS } from '../shared/metrics.js';
import { DEFAULT_RUNBOOK_BASE } from '../shared/rule-files.js';

const objective = z.number().gt(50).lt(100).refine((n) => n <= 99.999, 'at most 99.999 (five nines): beyond that a 30-day budget is under 26 seconds');

export const inputs = z.object({
  /** Availability objective in percent: share of requests that are not 5xx. */
  objective: objective.default(99.9),
  /** Latency objective in percent: share of requests faster than latencyThreshold. */
  latencyObjective: objective.default(99),
  /** Latency threshold in seconds; must be a bucket bound of the duration histogram. */
  latencyThreshold: z
    .number()
    .refine((n) => DURATION_BUCKETS.includes(n), `one of the histogram bucket bounds: ${DURATION_BUCKETS.join(', ')}`)
    .default(0.5),
  /** Job success objective in percent for worker services. */
  jobObjective: objective.default(99),
  /** Rolling SLO window in days (7 to 90), written as `30d`. */
  window: z
    .string()
    .regex(/^\d+d$/, 'a number of days such as 30d or 28d')
    .refine((w) => Number.parseInt(w, 10) >= 7 && Number.parseInt(w, 10) <= 90, 'between 7d and 90d')
    .default('30d'),
  /** Base URL of the runbooks (monitoring/runbooks/ as your Git host shows it); `{project}` is replaced. */
  runbookBaseUrl: z.string().url().default(DEFAULT_RUNBOOK_BASE),
});
export type SloInputs = z.infer<typeof inputs>;
