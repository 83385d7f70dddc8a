/**
 * Runbooks generated into the user's repository (docs/deploy/): DEPLOYMENT.md, ROLLBACK.md,
 * INFRASTRUCTURE.md (a Mermaid diagram of what the target's files create) and TROUBLESHOOTING.md,
 * written from the plan's facts for one target (kubernetes, helm, compose, aws, gcp, azure, hetzner).
 */
import type { GenerateContext, GeneratedFile } from '../types.js';
import { GENERATED_MARKER } from '../../core/generated.js';
import { awsRunbooks } from './aws.js';
import { azureRunbooks } from './azure.js';
import { composeRunbooks } from './compose.js';
import { gatherFacts } from './facts.js';
import { gcpRunbooks } from './gcp.js';
import { helmRunbooks } from './helm.js';
import { hetznerRunbooks } from './hetzner.js';
import { inputs, type RunbooksInputs } from './inputs.js';
import { kubernetesRunbooks } from './kubernetes.js';
import type { TargetRunbooks } from './target.js';

export { inputs, type RunbooksInputs };

const TARGETS: Readonly<Record<RunbooksInputs['target'], TargetRunbooks>> = {
  kubernetes: kubernetesRunbooks, helm: helmRunbooks, compose: composeRunbooks, aws: awsRunbooks, gcp: gcpRunbooks, azure: azureRunbooks, hetzner: hetznerRunbooks,
};
export const RUNBOOK_DIR = 'docs/deploy';

export function generate(context: GenerateContext, options: RunbooksInputs): GeneratedFile[] {
  const services = context.services.filter((s) => s.kind === 'server' || s.kind === 'worker' || s.kind === 'static');
  if (services.length === 0) return [];
  const facts = gatherFacts(context.plan, services, options);
  const target = TARGETS[options.target];
  const header = `<!-- ${GENERATED_MARKER} the plan for ${context.plan.name} (target ${options.target}); edit freely, devsquad will not overwrite your edits -->\n\n`;
  const evidence = services.flatMap((s) => s.evidence.filter((e) => /^(port|health|migrate|env:|backing:)/.test(e.fact)));
  const file = (name: string, body: string): GeneratedFile => ({ path: `${RUNBOOK_DIR}/${name}`, content: `${header}${body.trimEnd()}\n`, kind: 'markdown', generator: 'runbooks', evidence });
  return [
    file('DEPLOYMENT.md', target.deployment(facts)),
    file('ROLLBACK.md', target.rollback(facts)),
    file('INFRASTRUCTURE.md', target.infrastructure(facts)),
    file('TROUBLESHOOTING.md', target.troubleshooting(facts)),
  ];
}
