/**
 * The agent contract. An agent is a catalogue of tasks; a task has typed inputs (Zod, defaults for
 * everything), a description, and `run(ctx)` returning the unified AgentResult. Tasks report progress
 * (0-100 with a message), honour `ctx.signal`, and record the decisions they make in the shared memory,
 * so the orchestrator, the CLI and later the HTTP API drive them the same way.
 */
import type { z } from 'zod';
import type { Finding } from '../core/finding.js';
import type { RepoFs } from '../core/repo/repo-fs.js';
import type { GeneratedFile } from '../generate/types.js';
import type { ProjectPlan } from '../plan/schema.js';
import type { Diagnostic } from '../validate/types.js';

export type AgentName = 'infrastructure' | 'security' | 'monitoring';
export const AGENT_NAMES: readonly AgentName[] = ['infrastructure', 'security', 'monitoring'];

export type ResultSeverity = 'critical' | 'high' | 'medium' | 'low' | 'none';

/** A generated file with what its validator said (empty: clean). */
export interface ResultFile extends GeneratedFile {
  diagnostics: Diagnostic[];
}

export interface AgentResult {
  status: 'success' | 'error';
  /** A short markdown summary for people. */
  output: string;
  files: ResultFile[];
  findings: Finding[];
  /** The highest finding severity, or none. */
  severity: ResultSeverity;
  metadata: {
    agent: AgentName;
    task: string;
    stack: string[];
    startedAt: string;
    durationMs: number;
    [key: string]: unknown;
  };
}

/** What a task may read and call. Memory is null when the run is not persisted. */
export interface TaskMemory {
  /** Records a decision (or edit/status/note) with an optional key agents can look up again. */
  record(entry: { text: string; type?: 'decision' | 'edit' | 'status' | 'note'; key?: string }): void;
  /** The newest decision stored under a key for this repository, or null. */
  recall(key: string): string | null;
}

export interface TaskContext<Inputs = Record<string, unknown>> {
  repo: RepoFs;
  /** Absolute path of the repository root. */
  root: string;
  plan: ProjectPlan;
  inputs: Inputs;
  progress(percent: number, message: string): void;
  signal: AbortSignal;
  memory: TaskMemory | null;
  version: string;
}

export interface AgentTask<Inputs = Record<string, unknown>> {
  agent: AgentName;
  /** snake_case task id, unique within its agent: dockerfile, ci_cd, audit, slo_sla … */
  id: string;
  description: string;
  inputs: z.ZodType<Inputs>;
  run(context: TaskContext<Inputs>): Promise<AgentResult>;
}
