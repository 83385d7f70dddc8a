/** Where a command's plan comes from: a fresh analysis of the repository, or a --plan file. */
import fs from 'node:fs';
import { DsqError } from '../core/errors.js';
import { RepoFs } from '../core/repo/repo-fs.js';
import { analyzeRepository, type AnalyzeResult } from '../plan/analyze.js';
import { ProjectPlan } from '../plan/schema.js';

export function analyzePath(repoPath: string): AnalyzeResult & { repo: RepoFs } {
  const repo = RepoFs.open(repoPath);
  return { ...analyzeRepository(repo), repo };
}

export function readPlanFile(file: string): ProjectPlan {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new DsqError('DSQ_ERR_PLAN_READ', { path: file, reason: (error as NodeJS.ErrnoException).code ?? (error as Error).message });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new DsqError('DSQ_ERR_PLAN_INVALID', { path: file, reason: `not JSON (${(error as Error).message})` }, { cause: error });
  }
  const parsed = ProjectPlan.safeParse(json);
  if (!parsed.success) {
    const reason = parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    throw new DsqError('DSQ_ERR_PLAN_INVALID', { path: file, reason }, { cause: parsed.error });
  }
  return parsed.data;
}
