/**
 * The gate policy: how many points each problem costs, the minimum score, and what blocks outright.
 * Users write it as YAML (`devsquad gate --policy gate.yaml`, or `inputs: { policy: gate.yaml }` on a
 * workflow's gate step); every key is optional and falls back to the defaults below, and a mistake is
 * an error naming the key, never a silently ignored setting.
 */
import fs from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { DsqError } from '../../core/errors.js';

const Severity = z.enum(['critical', 'high', 'medium', 'low', 'info']);

const BySeverity = (defaults: Record<z.infer<typeof Severity>, number>) =>
  z
    .object({
      critical: z.number().min(0).default(defaults.critical),
      high: z.number().min(0).default(defaults.high),
      medium: z.number().min(0).default(defaults.medium),
      low: z.number().min(0).default(defaults.low),
      info: z.number().min(0).default(defaults.info),
    })
    .strict()
    .prefault({});

/** Ids of the best-practice checks, also usable in `block.checks`. */
export const BEST_PRACTICE_CHECKS = ['non-root-user', 'healthcheck', 'k8s-probes', 'k8s-resource-limits', 'slo-rules', 'pinned-actions'] as const;
export type BestPracticeCheck = (typeof BEST_PRACTICE_CHECKS)[number];

export const GatePolicySchema = z
  .object({
    /** The minimum score (0-100) to pass. */
    threshold: z.number().min(0).max(100).default(70),
    weights: z
      .object({
        /** Points lost per finding, by severity. */
        findings: BySeverity({ critical: 40, high: 20, medium: 5, low: 1, info: 0 }),
        /** Points lost per validator diagnostic on a generated or existing file, by severity. */
        diagnostics: BySeverity({ critical: 10, high: 5, medium: 2, low: 0.5, info: 0 }),
        /** Points lost per generated file that fails validation. */
        invalidArtifact: z.number().min(0).default(25),
        /** Points lost per step that did not succeed. */
        failedStep: z.number().min(0).default(15),
        /** Points lost per best-practice check that fails. */
        bestPractice: z.number().min(0).default(5),
        /** The most points one check can cost, so one noisy check cannot hide the others. */
        maxPerCheck: z.number().min(0).max(100).default(60),
      })
      .strict()
      .prefault({}),
    block: z
      .object({
        /** Any finding at one of these severities blocks. */
        severities: z.array(Severity).default(['critical', 'high']),
        /** Any generated file failing validation blocks. */
        invalidArtifacts: z.boolean().default(true),
        /** Any step that failed, timed out or was cancelled blocks. */
        failedSteps: z.boolean().default(false),
        /** These check ids block when they fail (e.g. [non-root-user, pinned-actions]). */
        checks: z.array(z.string()).default([]),
      })
      .strict()
      .prefault({}),
  })
  .strict();

export type GatePolicy = z.infer<typeof GatePolicySchema>;

export const DEFAULT_POLICY: GatePolicy = GatePolicySchema.parse({});

/** Validates a policy object; `source` names the file in the error. */
export function parsePolicy(data: unknown, source: string): GatePolicy {
  const parsed = GatePolicySchema.safeParse(data ?? {});
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new DsqError('DSQ_ERR_GATE_POLICY_INVALID', { file: source, count: problems.length, problems: problems.join('; ') }, { cause: parsed.error });
  }
  for (const [i, id] of parsed.data.block.checks.entries()) {
    if (!KNOWN_CHECK_IDS.includes(id)) {
      throw new DsqError('DSQ_ERR_GATE_POLICY_INVALID', { file: source, count: 1, problems: `block.checks.${i}: unknown check "${id}" (known: ${KNOWN_CHECK_IDS.join(', ')})` });
    }
  }
  return parsed.data;
}

/** Every check id the gate reports. */
export const KNOWN_CHECK_IDS: readonly string[] = [
  'findings-critical',
  'findings-high',
  'findings-medium',
  'findings-low',
  'findings-info',
  'invalid-artifacts',
  'validator-diagnostics',
  'failed-steps',
  ...BEST_PRACTICE_CHECKS,
];

/** Reads and validates a YAML (or JSON) policy file. */
export function readPolicyFile(file: string): GatePolicy {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new DsqError('DSQ_ERR_GATE_POLICY_INVALID', { file, count: 1, problems: `cannot read it (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})` }, { cause: error });
  }
  let data: unknown;
  try {
    data = parseYaml(text);
  } catch (error) {
    throw new DsqError('DSQ_ERR_GATE_POLICY_INVALID', { file, count: 1, problems: `not YAML (${(error as Error).message.split('\n')[0]})` }, { cause: error });
  }
  return parsePolicy(data, file);
}
