/**
 * Checks across the .tf files of one directory (a module or a root), the way Terraform reads them:
 * every var.x, local.x, module.x, data.t.n and t.n reference is declared; module.x.y names an output
 * the called module declares and the call passes exactly the module's variables (when the module's
 * directory is among the files checked); each provider in use is in required_providers with a
 * version constraint that has an upper bound; types are known to their provider.
 */
import path from 'node:path';
import { KNOWN_TYPES as AWS_AND_RANDOM } from './terraform-aws-types.js';
import { AZURERM_TYPES } from './terraform-azurerm-types.js';
import { GOOGLE_TYPES } from './terraform-google-types.js';
import { HCLOUD_TYPES } from './terraform-hcloud-types.js';
import {
  dynamicIterators, interpolations, isJson, lineOf, literal, localNames, namedBlocks, referencesIn, strings, terraformBlocks, typedBlocks,
  type Json, type ParsedFile, type Reference,
} from './terraform-model.js';
import { TF_RULES } from './terraform-rules.js';
import type { Diagnostic, RuleInfo } from './types.js';

/** Providers whose types are checked: AWS and random, Google, AzureRM, Hetzner Cloud. */
const KNOWN_TYPES: Record<string, { resource: ReadonlySet<string>; data: ReadonlySet<string> }> = { ...AWS_AND_RANDOM, google: GOOGLE_TYPES, azurerm: AZURERM_TYPES, hcloud: HCLOUD_TYPES };

const MODULE_META = new Set(['source', 'version', 'count', 'for_each', 'providers', 'depends_on']);
/** Blocks whose addresses are not references to live objects (moved.from names what no longer exists). */
const SKIPPED_BLOCKS = new Set(['moved', 'removed']);

function diag(rule: RuleInfo, file: ParsedFile, message: string, line: number | undefined): Diagnostic {
  return { ruleId: rule.id, severity: rule.severity, message, file: file.path, ...(line ? { line } : {}), recommendation: rule.recommendation };
}

export function directoryOf(file: string): string {
  const dir = path.posix.dirname(file);
  return dir === '.' ? '' : dir;
}

interface Declarations {
  variables: Map<string, { required: boolean }>;
  locals: Set<string>;
  modules: Map<string, Array<{ body: Json; file: ParsedFile }>>;
  outputs: Set<string>;
  resources: Set<string>;
  data: Set<string>;
}

function declarations(files: readonly ParsedFile[]): Declarations {
  const d: Declarations = { variables: new Map(), locals: new Set(), modules: new Map(), outputs: new Set(), resources: new Set(), data: new Set() };
  for (const file of files) {
    for (const v of namedBlocks(file, 'variable')) d.variables.set(v.name, { required: !('default' in v.body) });
    for (const name of localNames(file)) d.locals.add(name);
    for (const m of namedBlocks(file, 'module')) d.modules.set(m.name, [...(d.modules.get(m.name) ?? []), { body: m.body, file }]);
    for (const o of namedBlocks(file, 'output')) d.outputs.add(o.name);
    for (const r of typedBlocks(file, 'resource')) d.resources.add(`${r.type}.${r.name}`);
    for (const r of typedBlocks(file, 'data')) d.data.add(`${r.type}.${r.name}`);
  }
  return d;
}

function fileReferences(file: ParsedFile): Reference[] {
  const scoped = dynamicIterators(file.json);
  const out: Reference[] = [];
  for (const [kind, value] of Object.entries(file.json)) {
    if (SKIPPED_BLOCKS.has(kind)) continue;
    for (const text of strings(value)) for (const expression of interpolations(text)) out.push(...referencesIn(expression, scoped));
  }
  return out;
}

/** Declarations per directory's files, computed once per checkDirectories call (modules are referenced many times). */
type DeclarationsOf = (files: readonly ParsedFile[]) => Declarations;

function checkReferences(files: readonly ParsedFile[], all: ReadonlyMap<string, readonly ParsedFile[]>, dir: string, declared: DeclarationsOf): Diagnostic[] {
  const d = declared(files);
  const out: Diagnostic[] = [];
  for (const file of files) {
    const seen = new Set<string>();
    for (const ref of fileReferences(file)) {
      if (seen.has(ref.text)) continue;
      seen.add(ref.text);
      // Only a finding needs its line (lineOf scans the file from the start).
      const line = (): number | undefined => lineOf(file.content, ref.text);
      if (ref.kind === 'var' && !d.variables.has(ref.name)) out.push(diag(TF_RULES.undeclaredVariable, file, `var.${ref.name} is not declared in ${dir || '.'}`, line()));
      else if (ref.kind === 'local' && !d.locals.has(ref.name)) out.push(diag(TF_RULES.undeclaredLocal, file, `local.${ref.name} is not defined in ${dir || '.'}`, line()));
      else if (ref.kind === 'module') {
        const calls = d.modules.get(ref.name);
        if (!calls) out.push(diag(TF_RULES.undeclaredModule, file, `module.${ref.name} is not declared in ${dir || '.'}`, line()));
        else if (ref.attribute) {
          const target = moduleFiles(calls[0]!.body, dir, all);
          if (target && !declared(target).outputs.has(ref.attribute)) {
            out.push(diag(TF_RULES.unknownModuleOutput, file, `module.${ref.name} (${String(literal(calls[0]!.body.source))}) has no output "${ref.attribute}"`, line()));
          }
        }
      } else if (ref.kind === 'data' && ref.attribute && !d.data.has(`${ref.name}.${ref.attribute}`)) {
        out.push(diag(TF_RULES.undeclaredResource, file, `data.${ref.name}.${ref.attribute} is not declared in ${dir || '.'}`, line()));
      } else if (ref.kind === 'resource' && ref.attribute && !d.resources.has(`${ref.name}.${ref.attribute}`)) {
        out.push(diag(TF_RULES.undeclaredResource, file, `${ref.name}.${ref.attribute} is not declared in ${dir || '.'}`, line()));
      }
    }
  }
  for (const [name, calls] of d.modules) {
    for (const call of calls) {
      const target = moduleFiles(call.body, dir, all);
      if (!target) continue;
      const wanted = declared(target).variables;
      const given = Object.keys(call.body).filter((k) => !MODULE_META.has(k));
      const line = (): number | undefined => lineOf(call.file.content, new RegExp(`^[ \\t]*module\\s+"${name}"`, 'm'));
      const unknown = given.filter((k) => !wanted.has(k));
      const missing = [...wanted].filter(([k, v]) => v.required && !given.includes(k)).map(([k]) => k);
      if (unknown.length > 0) out.push(diag(TF_RULES.moduleArguments, call.file, `module.${name} passes ${unknown.join(', ')}, which the module does not declare`, line()));
      if (missing.length > 0) out.push(diag(TF_RULES.moduleArguments, call.file, `module.${name} does not pass required ${missing.join(', ')}`, line()));
    }
  }
  return out;
}

/** The files of a local module (source "./x" or "../x") when they are among the files checked. */
function moduleFiles(body: Json, dir: string, all: ReadonlyMap<string, readonly ParsedFile[]>): readonly ParsedFile[] | null {
  const source = literal(body.source);
  if (typeof source !== 'string' || !/^\.\.?\//.test(source)) return null;
  return all.get(path.posix.normalize(path.posix.join(dir || '.', source)).replace(/^\.$/, '')) ?? null;
}

function providerOf(type: string): string {
  return type.split('_')[0]!;
}

/** required_providers entries of the directory: local name → version constraint (or null). */
function requiredProviders(files: readonly ParsedFile[]): Map<string, string | null> | null {
  let found = false;
  const out = new Map<string, string | null>();
  for (const file of files) {
    for (const tf of terraformBlocks(file)) {
      for (const block of Array.isArray(tf.required_providers) ? tf.required_providers.filter(isJson) : []) {
        found = true;
        for (const [name, spec] of Object.entries(block)) {
          const version = isJson(spec) ? literal(spec.version) : literal(spec);
          out.set(name, typeof version === 'string' ? version : null);
        }
      }
    }
  }
  return found ? out : null;
}

/** A constraint pins when it bounds the major version: ~>, =, an exact version, or an explicit <. */
function pinned(constraint: string): boolean {
  return constraint.split(',').some((part) => /^[ \t]*(~>|=|<|!?\d)/.test(part.trim()) && !/^[ \t]*!=/.test(part));
}

function checkProviders(files: readonly ParsedFile[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  const used = new Map<string, { file: ParsedFile; line?: number }>();
  for (const file of files) {
    for (const kind of ['resource', 'data'] as const) {
      for (const e of typedBlocks(file, kind)) {
        const provider = providerOf(e.type);
        if (!used.has(provider)) used.set(provider, { file, line: lineOf(file.content, new RegExp(`^[ \\t]*${kind}\\s+"${e.type}"`, 'm')) });
      }
    }
    for (const p of namedBlocks(file, 'provider')) if (!used.has(p.name)) used.set(p.name, { file, line: lineOf(file.content, new RegExp(`^[ \\t]*provider\\s+"${p.name}"`, 'm')) });
  }
  const required = requiredProviders(files);
  const first = files[0];
  if (used.size > 0 && required === null && first) {
    out.push(diag(TF_RULES.noRequiredProviders, first, `no terraform { required_providers } block for ${[...used.keys()].join(', ')}`, undefined));
  }
  if (required) {
    for (const [name, where] of used) {
      if (!required.has(name)) out.push(diag(TF_RULES.undeclaredProvider, where.file, `provider ${name} is used but not in required_providers`, where.line));
    }
    for (const file of files) {
      for (const [name, version] of requiredProviders([file]) ?? []) {
        if (version === null || !pinned(version)) {
          const line = lineOf(file.content, new RegExp(`^[ \\t]*${name}\\s*=`, 'm'));
          out.push(diag(TF_RULES.unpinnedProvider, file, version === null ? `provider ${name} has no version constraint` : `provider ${name} version "${version}" has no upper bound`, line));
        }
      }
    }
  }
  const hasRequiredVersion = files.some((f) => terraformBlocks(f).some((tf) => tf.required_version !== undefined));
  const tfFile = files.find((f) => terraformBlocks(f).length > 0);
  if (required && !hasRequiredVersion && tfFile) out.push(diag(TF_RULES.noRequiredVersion, tfFile, 'no required_version in the terraform block', lineOf(tfFile.content, /^[ \t]*terraform\s*\{/m)));
  return out;
}

/** Resource and data types unknown to their provider (a typo such as aws_s3_buckets). */
export function checkTypes(file: ParsedFile): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const kind of ['resource', 'data'] as const) {
    for (const e of typedBlocks(file, kind)) {
      const provider = providerOf(e.type);
      const known = KNOWN_TYPES[provider];
      if (known && !known[kind].has(e.type)) {
        const line = lineOf(file.content, new RegExp(`^[ \\t]*${kind}\\s+"${e.type}"`, 'm'));
        out.push(diag(TF_RULES.unknownType, file, `${kind} type ${e.type} is not one devsquad knows for provider ${provider}`, line));
      }
    }
  }
  return out;
}

/** Every directory-level check, for each directory among `files`. */
export function checkDirectories(files: readonly ParsedFile[]): Diagnostic[] {
  const byDir = new Map<string, ParsedFile[]>();
  for (const file of files) byDir.set(directoryOf(file.path), [...(byDir.get(directoryOf(file.path)) ?? []), file]);
  const out: Diagnostic[] = [];
  const known = new Map<readonly ParsedFile[], Declarations>();
  const declared: DeclarationsOf = (group) => {
    let d = known.get(group);
    if (!d) known.set(group, (d = declarations(group)));
    return d;
  };
  for (const [dir, group] of [...byDir].sort(([a], [b]) => a.localeCompare(b))) {
    out.push(...checkReferences(group, byDir, dir, declared), ...checkProviders(group));
  }
  return out;
}
