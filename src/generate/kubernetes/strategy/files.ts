/**
 * The files the strategy adds to the kubernetes family: the CI deploy hooks (deploy/deploy.sh,
 * deploy/rollback.sh), with one note per service saying which strategy it got and why.
 */
import type { ProjectPlan, ServicePlan } from '../../../plan/schema.js';
import type { GeneratedFile } from '../../types.js';
import { hookScripts, type HookInputs } from './hooks.js';
import { strategySummary } from './plan.js';

export const DEPLOY_HOOK = 'deploy/deploy.sh';
export const ROLLBACK_HOOK = 'deploy/rollback.sh';

export function deployHookFiles(plan: ProjectPlan, services: readonly ServicePlan[], inputs: HookInputs): GeneratedFile[] {
  if (services.length === 0) return [];
  const scripts = hookScripts(plan, services, inputs);
  const notes = [
    ...scripts.strategies.map(strategySummary),
    ...scripts.strategies.flatMap((s) => (s.fallback ? [s.fallback] : [])),
    'Written executable (0755); CI calls them as deploy/deploy.sh <environment> <service> <image@digest> and deploy/rollback.sh <environment> <service>.',
  ];
  return [
    { path: DEPLOY_HOOK, content: scripts.deploy, kind: 'shell', generator: 'kubernetes', notes },
    { path: ROLLBACK_HOOK, content: scripts.rollback, kind: 'shell', generator: 'kubernetes', notes: [...notes.slice(0, scripts.strategies.length)] },
  ];
}
