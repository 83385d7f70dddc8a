/**
 * Platform validator: picks the format from the file name, parses with the real parser (JSON, `yaml`,
 * `smol-toml`), checks the documented fields with a strict Zod schema (DSQ-PF-0002), then the rules
 * in platform-rules.ts and the CloudFormation reference checks in platform-cfn.ts.
 *
 * | file name | platform |
 * | --- | --- |
 * | vercel.json | Vercel |
 * | wrangler.toml | Cloudflare Workers / Pages |
 * | *.task-definition.json | Amazon ECS |
 * | *.service.yaml under cloudrun/, *.cloudrun.yaml | Cloud Run (Knative Service) |
 * | *.yaml / *.json under cloudformation/, *.cfn.yaml, *.template.yaml | CloudFormation |
 * | fly.toml, *.fly.toml | Fly.io |
 * | render.yaml | Render Blueprint |
 */
import { parse as parseToml } from 'smol-toml';
import { parseDocument } from 'yaml';
import type { z } from 'zod';
import type { Diagnostic, Validator, ValidatorInput } from './types.js';
import { CFN_SHORT_TAGS, cfnReferenceChecks } from './platform-cfn.js';
import { cloudRunChecks, ecsChecks, flyChecks, isRecord, PLATFORM_RULES, renderChecks, vercelChecks, wranglerChecks, type Finding, type PlatformRule } from './platform-rules.js';
import { cloudFormationSchema, cloudRunSchema, ecsTaskDefinitionSchema, flySchema, renderSchema, vercelSchema, wranglerSchema } from './platform-schemas.js';

type Format = 'json' | 'yaml' | 'toml';
interface PlatformKind {
  id: 'vercel' | 'cloudflare' | 'ecs' | 'cloudrun' | 'cloudformation' | 'fly' | 'render';
  format: Format;
  schema: z.ZodType;
  checks: (data: Record<string, unknown>) => Finding[];
}

export function platformKindOf(path: string): PlatformKind | null {
  const normalised = path.replace(/\\/g, '/');
  const base = (normalised.split('/').at(-1) ?? '').toLowerCase();
  if (base === 'vercel.json') return { id: 'vercel', format: 'json', schema: vercelSchema, checks: vercelChecks };
  if (base === 'wrangler.toml') return { id: 'cloudflare', format: 'toml', schema: wranglerSchema, checks: wranglerChecks };
  if (base.endsWith('.task-definition.json')) return { id: 'ecs', format: 'json', schema: ecsTaskDefinitionSchema, checks: ecsChecks };
  if (base === 'fly.toml' || base.endsWith('.fly.toml')) return { id: 'fly', format: 'toml', schema: flySchema, checks: flyChecks };
  if (base === 'render.yaml' || base === 'render.yml') return { id: 'render', format: 'yaml', schema: renderSchema, checks: renderChecks };
  if (base.endsWith('.cloudrun.yaml') || (/(^|\/)cloudrun\//i.test(normalised) && /\.ya?ml$/.test(base))) return { id: 'cloudrun', format: 'yaml', schema: cloudRunSchema, checks: cloudRunChecks };
  if (/\.(cfn|template)\.(ya?ml|json)$/.test(base) || (/(^|\/)cloudformation\//i.test(normalised) && /\.(ya?ml|json)$/.test(base))) {
    return { id: 'cloudformation', format: base.endsWith('.json') ? 'json' : 'yaml', schema: cloudFormationSchema, checks: cfnReferenceChecks };
  }
  return null;
}

function lineOf(content: string, needle: string | undefined): number {
  if (!needle) return 1;
  const index = content.split('\n').findIndex((l) => l.includes(needle));
  return index < 0 ? 1 : index + 1;
}

function diagnostic(file: ValidatorInput, rule: PlatformRule, message: string, line: number, column?: number): Diagnostic {
  const out: Diagnostic = { ruleId: rule.id, severity: rule.severity, message, file: file.path, line, recommendation: rule.recommendation };
  if (column !== undefined) out.column = column;
  return out;
}

/** Parses the file; a parse error comes back as the diagnostics to return. */
function parse(file: ValidatorInput, kind: PlatformKind): { data: unknown } | { errors: Diagnostic[] } {
  const rule = PLATFORM_RULES.parse;
  if (kind.format === 'yaml') {
    const doc = parseDocument(file.content, kind.id === 'cloudformation' ? { customTags: CFN_SHORT_TAGS } : {});
    const problems = [...doc.errors, ...doc.warnings.filter((w) => w.code === 'TAG_RESOLVE_FAILED')];
    if (problems.length > 0) return { errors: problems.map((e) => diagnostic(file, rule, e.message.split('\n')[0] ?? e.message, e.linePos?.[0]?.line ?? 1, e.linePos?.[0]?.col)) };
    try {
      return { data: doc.toJS({ maxAliasCount: 100 }) };
    } catch (error) {
      return { errors: [diagnostic(file, rule, `Cannot read the YAML: ${(error as Error).message}`, 1)] };
    }
  }
  try {
    return { data: kind.format === 'json' ? JSON.parse(file.content) : parseToml(file.content) };
  } catch (error) {
    const err = error as Error & { line?: number; column?: number };
    const fromMessage = /line (\d+)/.exec(err.message)?.[1];
    return { errors: [diagnostic(file, rule, err.message.split('\n')[0] ?? err.message, err.line ?? (fromMessage ? Number(fromMessage) : 1), err.column)] };
  }
}

export function validatePlatform(file: ValidatorInput): Diagnostic[] {
  const kind = platformKindOf(file.path);
  if (!kind) {
    return [diagnostic(file, PLATFORM_RULES.schema, 'Unknown platform file name: expected vercel.json, wrangler.toml, *.task-definition.json, a Cloud Run or CloudFormation YAML, fly.toml or render.yaml', 1)];
  }
  const parsed = parse(file, kind);
  if ('errors' in parsed) return parsed.errors;
  if (!isRecord(parsed.data)) return [diagnostic(file, PLATFORM_RULES.schema, 'The top level must be an object (a mapping).', 1)];
  const out: Diagnostic[] = [];
  const result = kind.schema.safeParse(parsed.data);
  if (!result.success) {
    for (const issue of result.error.issues) {
      const path = issue.path.map(String);
      const unknownKeys = issue.code === 'unrecognized_keys' ? issue.keys : [];
      const where = path.length > 0 ? path.join('.') : '(top level)';
      const message = unknownKeys.length > 0 ? `${where}: unknown field ${unknownKeys.join(', ')}` : `${where}: ${issue.message}`;
      const near = unknownKeys[0] ?? [...path].reverse().find((p) => !/^\d+$/.test(p));
      out.push(diagnostic(file, PLATFORM_RULES.schema, message, lineOf(file.content, near)));
    }
  }
  for (const finding of kind.checks(parsed.data)) out.push(diagnostic(file, finding.rule, finding.message, lineOf(file.content, finding.near)));
  return out;
}

export const platformValidator: Validator = {
  kind: 'platform',
  displayName: 'platform',
  matches: (path: string) => platformKindOf(path) !== null,
  validate: validatePlatform,
};
