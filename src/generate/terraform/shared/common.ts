/**
 * Pieces the GCP, Azure and Hetzner trees share: pinned provider specs, versions.tf, module/root file
 * lists turned into GeneratedFiles with notes and evidence, and the plan facts each cloud reads
 * (the AWS facts in aws/facts.ts are cloud-neutral apart from their notes, so they are reused).
 */
import type { Evidence, ServicePlan } from '../../../plan/schema.js';
import type { GeneratedFile } from '../../types.js';
import { attr, attrs, block, renderFile, type Block, type BodyItem, type HclValue } from '../hcl.js';
import { TERRAFORM_VERSION } from '../aws/common.js';
import type { ModuleFiles } from '../aws/types.js';

export { output, variable } from '../aws/common.js';
export type { ModuleFiles } from '../aws/types.js';

/** Provider pins: `~>` on a minor, so a new major release never lands unasked. */
export const PROVIDER_SPECS = {
  google: { source: 'hashicorp/google', version: '~> 6.20' },
  azurerm: { source: 'hashicorp/azurerm', version: '~> 4.10' },
  hcloud: { source: 'hetznercloud/hcloud', version: '~> 1.49' },
  random: { source: 'hashicorp/random', version: '~> 3.6' },
} as const;
export type CloudProvider = keyof typeof PROVIDER_SPECS;

/** versions.tf; `terraformVersion` overrides the default (Hetzner roots need 1.10 for S3 lock files). */
export function versionsFile(header: string, providers: readonly CloudProvider[], terraformVersion: string = TERRAFORM_VERSION): string {
  const required: Record<string, HclValue> = {};
  for (const name of providers) required[name] = { ...PROVIDER_SPECS[name] };
  return renderFile([block('terraform', [], [attr('required_version', terraformVersion), block('required_providers', [], attrs(required))])], header);
}

export function resource(type: string, name: string, body: BodyItem[], note?: string[]): Block {
  return block('resource', [type, name], body, note);
}

/** One module or root directory as generated files; notes and evidence ride on its main.tf. */
export function moduleToFiles(dir: string, module: ModuleFiles, extra: Pick<GeneratedFile, 'notes' | 'evidence'> = {}): GeneratedFile[] {
  return Object.entries(module).map(([name, content]) => ({
    path: `${dir}/${name}`,
    content,
    kind: 'terraform',
    generator: 'terraform',
    ...(name === 'main.tf' ? extra : {}),
  }));
}

const EVIDENCE_FACTS = /^(port|health|env:|backing:)/;

export function evidenceOf(services: readonly ServicePlan[]): Evidence[] {
  return services.flatMap((s) => s.evidence.filter((e) => EVIDENCE_FACTS.test(e.fact)));
}

/** Env var names a platform sets itself and refuses from the user (Cloud Run: PORT and K_*). */
export function withoutReserved(environment: Record<string, string>, reserved: readonly string[]): Record<string, string> {
  return Object.fromEntries(Object.entries(environment).filter(([name]) => !reserved.includes(name)));
}

/** `DATABASE_URL` → `database-url`: the names Key Vault, Container Apps and Secret Manager accept. */
export function secretSlug(envName: string): string {
  return envName.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
}
