/**
 * An agent task that runs generator families: one primary family whose inputs are the task's inputs,
 * plus companions that always come with it on their defaults (dockerfile brings .dockerignore,
 * kubernetes brings the Kustomize overlays). Files come back validated; each file's choices are
 * recorded in the shared memory as decisions, so a later run (or a person) can ask why.
 */
import type { z } from 'zod';
import { runGeneratorsAsync, type GeneratorRegistry } from '../../generate/run.js';
import { severityRank } from '../../validate/types.js';
import type { AgentName, AgentResult, AgentTask, ResultFile, TaskContext } from '../types.js';

export interface FamilyTaskSpec {
  agent: AgentName;
  id: string;
  description: string;
  registry: GeneratorRegistry;
  family: string;
  companions?: string[];
}

export function familyTask(spec: FamilyTaskSpec): AgentTask {
  const generator = spec.registry.get(spec.family);
  if (!generator) throw new Error(`${spec.agent}.${spec.id}: no family ${spec.family} in its registry`);
  const families = [spec.family, ...(spec.companions ?? [])];
  return {
    agent: spec.agent,
    id: spec.id,
    description: spec.description,
    inputs: generator.inputs as z.ZodType<Record<string, unknown>>,
    run: (context) => runFamilies(spec, families, context),
  };
}

async function runFamilies(spec: FamilyTaskSpec, families: string[], context: TaskContext): Promise<AgentResult> {
  const started = new Date();
  const files: ResultFile[] = [];
  const notes: string[] = [];
  for (const [i, family] of families.entries()) {
    if (context.signal.aborted) throw context.signal.reason;
    context.progress((i / families.length) * 100, `generating ${family}`);
    // Yield between families so a timeout or Ctrl-C is seen between pieces of synchronous work.
    await new Promise((resolve) => setImmediate(resolve));
    const inputs = family === spec.family ? context.inputs : {};
    // Async: while helm, GitHub's workflow schema or the HCL parser answer on worker threads, the
    // other steps of the run go on here.
    const result = await runGeneratorsAsync(context.plan, { only: [family], inputs: { [family]: inputs }, version: context.version, registry: spec.registry });
    for (const { file, diagnostics } of result.files) {
      files.push({ ...file, diagnostics });
      if (file.notes && file.notes.length > 0) {
        context.memory?.record({ text: `${file.path}: ${file.notes.join('; ')}`, type: 'decision', key: `file:${file.path}` });
        notes.push(`${file.path}: ${file.notes[0]}`);
      }
    }
  }
  context.progress(100, `${files.length} files`);
  const invalid = files.filter((f) => f.diagnostics.some((d) => severityRank(d.severity) > severityRank('info')));
  const output = [
    `${spec.agent}.${spec.id}: ${files.length} file${files.length === 1 ? '' : 's'} for ${context.plan.services.length} service${context.plan.services.length === 1 ? '' : 's'}${invalid.length > 0 ? `, ${invalid.length} failing validation` : ''}`,
    ...files.map((f) => `- ${f.path}`),
  ].join('\n');
  return {
    status: invalid.length > 0 ? 'error' : 'success',
    output,
    files,
    findings: [],
    severity: 'none',
    metadata: {
      agent: spec.agent,
      task: spec.id,
      stack: [...new Set(context.plan.services.map((s) => s.language))],
      startedAt: started.toISOString(),
      durationMs: Date.now() - started.getTime(),
      families,
      notes: notes.slice(0, 50),
    },
  };
}
