/**
 * The terraform validator (*.tf). Each file is parsed with @cdktf/hcl2json (DSQ-TF-0000 on a syntax
 * error) and checked on its own: policy rules on single resources and types known to their provider.
 * `validateSet` adds what needs a whole directory, the way Terraform reads one: references declared,
 * module calls and outputs matching the called module, providers required and pinned, S3 buckets with
 * their encryption and public access block. Both are synchronous (see terraform-hcl.ts for how).
 */
import { parseHclSync } from './terraform-hcl.js';
import type { ParsedFile } from './terraform-model.js';
import { blockLine } from './terraform-model.js';
import { checkDirectories, checkTypes } from './terraform-refs.js';
import { bucketRules, resourceRules, TF_PARSE_RULE, type TfHit } from './terraform-rules.js';
import type { Diagnostic, Validator, ValidatorInput } from './types.js';

function hitToDiagnostic(hit: TfHit): Diagnostic {
  const line = blockLine(hit.entity.file, 'resource', hit.entity.type, hit.entity.name);
  return { ruleId: hit.rule.id, severity: hit.rule.severity, message: hit.message, file: hit.entity.file.path, ...(line ? { line } : {}), recommendation: hit.rule.recommendation };
}

/** Parses files; returns the parsed ones and a DSQ-TF-0000 diagnostic for each that does not parse. */
function parseAll(files: readonly ValidatorInput[]): { parsed: ParsedFile[]; errors: Diagnostic[] } {
  const parsed: ParsedFile[] = [];
  const errors: Diagnostic[] = [];
  parseHclSync(files).forEach((result, i) => {
    const file = files[i]!;
    if (result.ok) parsed.push({ path: file.path, content: file.content, json: result.json });
    else {
      errors.push({
        ruleId: TF_PARSE_RULE.id,
        severity: TF_PARSE_RULE.severity,
        message: `HCL does not parse: ${result.error}`,
        file: file.path,
        ...(result.line ? { line: result.line } : {}),
        ...(result.column ? { column: result.column } : {}),
        recommendation: TF_PARSE_RULE.recommendation,
      });
    }
  });
  return { parsed, errors };
}

/** Checks one file on its own. */
export function validateTerraform(file: ValidatorInput): Diagnostic[] {
  const { parsed, errors } = parseAll([file]);
  const [one] = parsed;
  if (!one) return errors;
  return [...resourceRules(one).map(hitToDiagnostic), ...checkTypes(one)];
}

/** Checks that need every .tf file of a directory; files are grouped by directory. */
export function validateTerraformSet(files: readonly ValidatorInput[]): Diagnostic[] {
  const { parsed } = parseAll(files.filter((f) => terraformValidator.matches(f.path)));
  return [...bucketRules(parsed).map(hitToDiagnostic), ...checkDirectories(parsed)];
}

/**
 * Both: every file on its own, then the directory checks (what tests and scripts usually want). The
 * files are parsed once, in one batch, rather than once per file and again for the directories.
 */
export function validateTerraformFiles(files: readonly ValidatorInput[]): Diagnostic[] {
  const { parsed, errors } = parseAll(files);
  const perFile = files.flatMap((f) => {
    const one = parsed.find((p) => p.path === f.path && p.content === f.content);
    return one ? [...resourceRules(one).map(hitToDiagnostic), ...checkTypes(one)] : errors.filter((e) => e.file === f.path);
  });
  const tf = parsed.filter((p) => terraformValidator.matches(p.path));
  return [...perFile, ...bucketRules(tf).map(hitToDiagnostic), ...checkDirectories(tf)];
}

export const terraformValidator: Validator = {
  kind: 'terraform',
  displayName: 'terraform',
  matches: (path: string) => /\.tf$/i.test(path),
  validate: validateTerraform,
  validateSet: validateTerraformSet,
};
