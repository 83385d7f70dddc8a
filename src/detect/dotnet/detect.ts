// Placeholder until this language's detector lands in this session.
import type { RepoFs } from '../../core/repo/repo-fs.js';
import type { ServicePlan } from '../../plan/schema.js';
import type { Detection } from '../types.js';

export function detect(_repo: RepoFs, _dir: string): Detection | null {
  return null;
}

export function plan(_repo: RepoFs, _dir: string, _detection: Detection): ServicePlan[] {
  return [];
}
