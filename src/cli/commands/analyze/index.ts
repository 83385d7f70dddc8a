/** `devsquad analyze [path] [--json] [--explain]`: what devsquad found, and why. */
import type { Io } from '../../io.js';
import { analyzePath } from '../../plan-source.js';
import { ProjectPlan } from '../../../plan/schema.js';
import { formatPlan } from './format.js';

export interface AnalyzeOptions {
  path: string;
  json?: boolean;
  explain?: boolean;
}

export async function analyze(options: AnalyzeOptions, io: Io): Promise<number> {
  const { plan, verdicts } = analyzePath(options.path);
  if (options.json) {
    // Parsing on the way out guarantees `--json` is exactly the documented schema.
    io.out(JSON.stringify(ProjectPlan.parse(plan), null, 2));
    return 0;
  }
  io.out(formatPlan(plan, verdicts, { explain: Boolean(options.explain), color: io.color }));
  return 0;
}
