/**
 * Finds workflows: the built-ins plus the user's `.devsquad/workflows/*.yaml|yml` (a user file with a
 * built-in's name replaces it). Every user file is parsed and checked; a broken one is an error that
 * lists every problem with its path, never a half-run workflow.
 */
import path from 'node:path';
import { DsqError } from '../../core/errors.js';
import { RepoFs } from '../../core/repo/repo-fs.js';
import { BUILTIN_WORKFLOWS } from './builtin.js';
import { checkWorkflow, WorkflowSchema, type TaskLookup, type Workflow, type WorkflowProblem } from './schema.js';

export const USER_WORKFLOW_DIR = '.devsquad/workflows';

export interface LoadedWorkflow {
  workflow: Workflow;
  /** `builtin` or the repo-relative file it came from. */
  source: string;
}

export interface WorkflowFileResult {
  file: string;
  workflow: Workflow | null;
  problems: WorkflowProblem[];
}

/** Parses and checks one user workflow document. */
export function parseWorkflow(data: unknown, tasks: TaskLookup): { workflow: Workflow | null; problems: WorkflowProblem[] } {
  const parsed = WorkflowSchema.safeParse(data);
  if (!parsed.success) {
    return { workflow: null, problems: parsed.error.issues.map((i) => ({ path: i.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('').replace(/^\./, '') || '(root)', message: i.message })) };
  }
  const problems = checkWorkflow(parsed.data, tasks);
  return { workflow: problems.length === 0 ? parsed.data : null, problems };
}

/** Every user workflow file under the repository, parsed and checked. */
export function readUserWorkflows(root: string, tasks: TaskLookup): WorkflowFileResult[] {
  const dir = path.join(root, USER_WORKFLOW_DIR);
  const repo = new RepoFs(dir, { gitignore: false });
  const results: WorkflowFileResult[] = [];
  for (const file of repo.files().filter((f) => /\.ya?ml$/.test(f) && !f.includes('/')).sort()) {
    const rel = `${USER_WORKFLOW_DIR}/${file}`;
    const data = repo.readYaml(file);
    if (data === null) {
      const reason = repo.diagnostics.at(-1)?.message ?? 'not readable YAML';
      results.push({ file: rel, workflow: null, problems: [{ path: '(file)', message: reason }] });
      continue;
    }
    results.push({ file: rel, ...parseWorkflow(data, tasks) });
  }
  return results;
}

/** All workflows by name: built-ins, then valid user files (which may replace a built-in). */
export function listWorkflows(root: string, tasks: TaskLookup): { workflows: LoadedWorkflow[]; broken: WorkflowFileResult[] } {
  const byName = new Map<string, LoadedWorkflow>(BUILTIN_WORKFLOWS.map((w) => [w.name, { workflow: w, source: 'builtin' }]));
  const user = readUserWorkflows(root, tasks);
  for (const result of user) if (result.workflow) byName.set(result.workflow.name, { workflow: result.workflow, source: result.file });
  return { workflows: [...byName.values()], broken: user.filter((r) => !r.workflow) };
}

/** One workflow by name, or a catalogue error (an invalid user file of that name lists its problems). */
export function loadWorkflow(root: string, name: string, tasks: TaskLookup): LoadedWorkflow {
  const { workflows, broken } = listWorkflows(root, tasks);
  const badFile = broken.find((b) => path.basename(b.file).replace(/\.ya?ml$/, '') === name);
  if (badFile) throw invalidWorkflow(badFile.file, badFile.problems);
  const found = workflows.find((w) => w.workflow.name === name);
  if (!found) throw new DsqError('DSQ_ERR_WORKFLOW_UNKNOWN', { name, known: workflows.map((w) => w.workflow.name).join(', ') });
  return found;
}

export function invalidWorkflow(file: string, problems: readonly WorkflowProblem[]): DsqError {
  return new DsqError('DSQ_ERR_WORKFLOW_INVALID', { file, count: problems.length, problems: problems.map((p) => `${p.path}: ${p.message}`).join('; ') });
}
