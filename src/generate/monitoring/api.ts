/**
 * The monitoring registry: the parts `devsquad observe --only …` writes, by folder name, in
 * alphabetical order. They read the same plan and one metric naming contract, so the names the app
 * exposes are the ones dashboards query, SLOs measure and alerts fire on. A test keeps keys and
 * folders in step.
 */
import type { Generator } from '../types.js';
import { alertsGenerator } from './alerts/index.js';
import { dashboardsGenerator } from './dashboards/index.js';
import { healthGenerator } from './health/index.js';
import { loggingGenerator } from './logging/index.js';
import { otelGenerator } from './otel/index.js';
import { sentryGenerator } from './sentry/index.js';
import { sloGenerator } from './slo/index.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each part has its own input type
export const monitoringParts: ReadonlyMap<string, Generator<any>> = new Map<string, Generator<any>>([
  ['alerts', alertsGenerator],
  ['dashboards', dashboardsGenerator],
  ['health', healthGenerator],
  ['logging', loggingGenerator],
  ['otel', otelGenerator],
  ['sentry', sentryGenerator],
  ['slo', sloGenerator],
]);
