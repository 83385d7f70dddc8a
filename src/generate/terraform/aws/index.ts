/**
 * AWS: three reusable modules (network, service, data) and one root per environment that uses them
 * once per plan service. Module files do not depend on the plan; roots carry every plan fact.
 */
import type { Evidence, ServicePlan } from '../../../plan/schema.js';
import type { GenerateContext, GeneratedFile } from '../../types.js';
import { headerComment } from '../../types.js';
import { dataModule } from './data.js';
import { environmentRoot, type EnvironmentName } from './environment.js';
import { dataNeeds, serviceFacts } from './facts.js';
import { networkModule } from './network.js';
import { awsReadme } from './readme.js';
import { serviceModule } from './service.js';
import type { ModuleFiles } from './types.js';

export interface AwsOptions {
  region: string;
  stateBucket: string;
  lockTable: string;
  environments: readonly EnvironmentName[];
  root: string;
}

const EVIDENCE_FACTS = /^(port|health|env:|backing:)/;

function evidenceOf(services: readonly ServicePlan[]): Evidence[] {
  return services.flatMap((s) => s.evidence.filter((e) => EVIDENCE_FACTS.test(e.fact)));
}

function files(dir: string, module: ModuleFiles, extra: Pick<GeneratedFile, 'notes' | 'evidence'> = {}): GeneratedFile[] {
  return Object.entries(module).map(([name, content]) => ({
    path: `${dir}/${name}`,
    content,
    kind: 'terraform',
    generator: 'terraform',
    ...(name === 'main.tf' ? extra : {}),
  }));
}

export function generateAws(context: GenerateContext, options: AwsOptions): GeneratedFile[] {
  const { plan, services } = context;
  const header = headerComment('#', `the plan of ${plan.name}`);
  const needs = dataNeeds(services);
  const out: GeneratedFile[] = [
    ...files(`${options.root}/modules/network`, networkModule(header), { notes: ['VPC with public and private subnets, NAT, default security group emptied; VPC flow logs are not generated'] }),
    ...files(`${options.root}/modules/service`, serviceModule(header), { notes: ['ECS Fargate service, ECR, ALB (HTTPS, HTTP redirected), logs, secrets, least-privilege IAM, CPU autoscaling'] }),
  ];
  if (needs.engine || needs.redis) out.push(...files(`${options.root}/modules/data`, dataModule(header), { notes: needs.notes }));
  const serviceNotes = services.flatMap((s) => serviceFacts(s, needs).notes);
  for (const env of options.environments) {
    const root = environmentRoot({ plan, services, env, region: options.region, stateBucket: options.stateBucket, lockTable: options.lockTable, needs, header });
    out.push(...files(`${options.root}/environments/${env}`, root, {
      notes: [`state in s3://${options.stateBucket}, locked with DynamoDB table ${options.lockTable} (placeholders: set your own names)`, ...needs.notes, ...serviceNotes],
      evidence: evidenceOf(services),
    }));
  }
  out.push({
    path: `${options.root}/README.md`,
    content: awsReadme({ plan, services, environments: options.environments, region: options.region, stateBucket: options.stateBucket, lockTable: options.lockTable, needs }),
    kind: 'markdown',
    generator: 'terraform',
  });
  return out;
}
