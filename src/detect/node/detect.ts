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
import { detectNxProject, planNxProject } from './nx.js';
import { planPackage } from './planner.js';

export function detect(repo: RepoFs, dir: string): Detection | null {
  if (repo.isFile(joinPath(dir, 'package.json'))) return classify(repo, dir);
  return detectNxProject(repo, dir);
}

export function plan(repo: RepoFs, dir: string, detection: Detection): ServicePlan[] {
  if (repo.isFile(joinPath(dir, 'package.json'))) return planPackage(repo, dir, detection);
  return planNxProject(repo, dir, detection);
}
