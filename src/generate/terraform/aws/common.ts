/**
 * Pieces every AWS module and root shares: pinned versions, `variable` / `output` blocks and the
 * versions.tf file. Versions are pinned with `~>` so a new major provider release never lands unasked.
 */
import { attr, attrs, block, expr, inline, renderFile, type Block, type BodyItem, type HclValue } from '../hcl.js';

export const TERRAFORM_VERSION = '~> 1.6';
export const PROVIDERS = {
  aws: { source: 'hashicorp/aws', version: '~> 5.70' },
  random: { source: 'hashicorp/random', version: '~> 3.6' },
} as const;
export type ProviderName = keyof typeof PROVIDERS;

export interface VariableSpec {
  type: string;
  description: string;
  default?: HclValue;
  nullable?: boolean;
  sensitive?: boolean;
  validation?: { condition: string; message: string };
}

export function variable(name: string, spec: VariableSpec): Block {
  const body: BodyItem[] = attrs({
    description: spec.description,
    type: expr(spec.type),
    default: spec.default,
    nullable: spec.nullable,
    sensitive: spec.sensitive,
  });
  if (spec.validation) {
    body.push(block('validation', [], [attr('condition', expr(spec.validation.condition)), attr('error_message', spec.validation.message)]));
  }
  return block('variable', [name], body);
}

export function output(name: string, description: string, value: HclValue, sensitive = false): Block {
  return block('output', [name], attrs({ description, value, sensitive: sensitive ? true : undefined }));
}

export function versionsFile(header: string, providers: readonly ProviderName[]): string {
  const required: Record<string, HclValue> = {};
  for (const name of providers) required[name] = { ...PROVIDERS[name] };
  return renderFile(
    [block('terraform', [], [attr('required_version', TERRAFORM_VERSION), block('required_providers', [], attrs(required))])],
    header,
  );
}

/** `merge(var.tags, { Name = … })`: every resource carries the caller's tags plus its own name. */
export function tagsWith(name: HclValue): HclValue {
  return expr(`merge(var.tags, ${inline({ Name: name })})`);
}
