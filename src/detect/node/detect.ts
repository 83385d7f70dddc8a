/**
 * The Node.js detector: one package.json directory at a time. detect() says whether it is an app,
 * a workspace root or a library (classify.ts); plan() builds the ServicePlan (planner.ts).
 * Integrated Nx projects (project.json without package.json) are handled in nx.ts.
 */
import type { RepoFs } from '../../core/repo/repo-fs.js';
import { joinPath } from '../../core/repo/repo-fs.js';
import type { ServicePlan } from '../../plan/schema.js';
import type { Detection } from '../types.js';
import { classify } from './classify.js';
import { detectNxProject, isStandaloneNxApp, planNxProject } from './nx.js';
import { planPackage } from './planner.js';

export function detect(repo: RepoFs, dir: string): Detection | null {
  // A standalone Nx app keeps its build (and so its start) in its own project.json.
  if (isStandaloneNxApp(repo, dir)) {
    const nx = detectNxProject(repo, dir);
    if (nx?.role === 'service') return { ...nx, data: { ...(nx.data as object), standaloneNx: true } };
  }
  if (repo.isFile(joinPath(dir, 'package.json'))) return classify(repo, dir);
  return detectNxProject(repo, dir);
}

export function plan(repo: RepoFs, dir: string, detection: Detection): ServicePlan[] {
  if ((detection.data as { standaloneNx?: boolean } | undefined)?.standaloneNx) return planNxProject(repo, dir, detection);
  if (repo.isFile(joinPath(dir, 'package.json'))) return planPackage(repo, dir, detection);
  return planNxProject(repo, dir, detection);
}
