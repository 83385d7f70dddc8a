/**
 * The quality gate's contract: a score from 0 to 100 with the checks behind it, blockers (any one
 * fails the gate) and recommendations. The policy (policy.ts) sets weights, thresholds and what blocks.
 */
import type { AgentResult } from '../../agents/types.js';
import type { ProjectPlan } from '../../plan/schema.js';

export interface GateCheck {
  id: string;
  title: string;
  /** Points lost on this check (0 = passed). */
  penalty: number;
  passed: boolean;
  detail: string;
}

export interface GateOutcome {
  score: number;
  passed: boolean;
  blockers: string[];
  recommendations: string[];
  checks: GateCheck[];
}

export interface GateInput {
  plan: ProjectPlan;
  /** Results of the steps the gate depends on (succeeded or not), by step id. */
  results: ReadonlyArray<{ stepId: string; result: AgentResult | null; status: string; error?: string }>;
  /** Policy inputs from the workflow step (e.g. { policy: 'gate.yaml' }) resolved by the caller. */
  inputs: Record<string, unknown>;
}

export type GateEvaluator = (input: GateInput) => GateOutcome;
