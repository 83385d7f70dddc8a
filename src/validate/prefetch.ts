/**
 * Starts the slow, self-contained parts of validating these files on worker threads: GitHub's schema
 * check of each workflow and `helm template` of each chart (offload.ts), the HCL parse of each .tf file
 * (terraform-hcl.ts). The validators take those answers when they reach the same files and compute
 * them themselves otherwise, so calling this (or not) never changes a diagnostic; it only lets that
 * work run on another core meanwhile.
 */
import type { GeneratedFile } from '../generate/types.js';
import { prefetchWorkflowSchema } from './github-actions.js';
import { prerenderHelmCharts } from './helm.js';
import { offloadMark, settledSince } from './offload.js';
import { hclMark, hclSettledSince, prefetchHcl } from './terraform-hcl.js';

export function prefetchValidation(files: readonly GeneratedFile[]): void {
  for (const file of files) if (file.kind === 'github-actions') prefetchWorkflowSchema(file.content);
  const tf = files.filter((f) => f.kind === 'terraform');
  if (tf.length > 0) prefetchHcl(tf.map((f) => ({ path: f.path, content: f.content })));
  const charts = files.filter((f) => f.kind === 'helm');
  if (charts.length > 0) prerenderHelmCharts(charts.map((f) => ({ path: f.path, content: f.content })));
}

/**
 * Marks the work started from now on; `settled()` resolves once the workers have answered all of it,
 * without blocking this thread (await it to let other work run here meanwhile).
 */
export function prefetchMark(): { settled(): Promise<void> } {
  const marks = { checks: offloadMark(), hcl: hclMark() };
  return { settled: () => Promise.all([settledSince(marks.checks), hclSettledSince(marks.hcl)]).then(() => undefined) };
}
