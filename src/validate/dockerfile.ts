/**
 * Dockerfile validator: dockerfile-utils for syntax (unknown instructions, bad flags, malformed
 * JSON arguments → DSQ-DF-0000), then devsquad's best-practice rules over a stage model built from
 * dockerfile-ast (DSQ-DF-0001…, see dockerfile-rules.ts and docs/rules/dockerfile.md).
 */
import { validate as utilsValidate, ValidationSeverity } from 'dockerfile-utils';
import { log } from '../core/logger.js';
import type { Diagnostic, Severity, Validator, ValidatorInput } from './types.js';
import { buildModel } from './dockerfile-model.js';
import { DOCKERFILE_PARSE_RULE, DOCKERFILE_RULES } from './dockerfile-rules.js';

/** Dockerfile, Containerfile, api.Dockerfile, Dockerfile.prod (but not Dockerfile.dockerignore). */
export function isDockerfileName(path: string): boolean {
  const base = path.split(/[\\/]/).at(-1) ?? '';
  if (/\.dockerignore$/i.test(base)) return false;
  return /^(Dockerfile|Containerfile)(\..+)?$/i.test(base) || /.\.(Dockerfile|Containerfile)$/i.test(base);
}

/** dockerfile-utils severities (1 error, 2 warning, 3 info, 4 hint) on our scale. */
function utilsSeverity(severity: number | undefined): Severity {
  if (severity === 1) return 'high';
  if (severity === 2) return 'low';
  return 'info';
}

function syntaxDiagnostics(file: ValidatorInput): Diagnostic[] {
  const found = utilsValidate(file.content, {
    // Our own rules (DSQ-DF-0014, DSQ-DF-0015) report these with a recommendation.
    instructionCmdMultiple: ValidationSeverity.IGNORE,
    instructionEntrypointMultiple: ValidationSeverity.IGNORE,
    instructionWorkdirRelative: ValidationSeverity.IGNORE,
  });
  return found.map((d) => ({
    ruleId: DOCKERFILE_PARSE_RULE.id,
    severity: utilsSeverity(d.severity),
    message: typeof d.message === 'string' ? d.message : d.message.value,
    file: file.path,
    line: d.range.start.line + 1,
    column: d.range.start.character + 1,
    recommendation: DOCKERFILE_PARSE_RULE.recommendation,
  }));
}

export function validateDockerfile(file: ValidatorInput): Diagnostic[] {
  const out: Diagnostic[] = [];
  try {
    out.push(...syntaxDiagnostics(file));
  } catch (error) {
    log.debug(`dockerfile-utils failed on ${file.path}: ${String(error)}`);
  }
  let model;
  try {
    model = buildModel(file.content);
  } catch (error) {
    // dockerfile-ast is tolerant; a throw here is a parser bug, reported rather than crashing the run.
    out.push({ ruleId: DOCKERFILE_PARSE_RULE.id, severity: 'high', message: `Could not parse the Dockerfile: ${String(error)}`, file: file.path, recommendation: DOCKERFILE_PARSE_RULE.recommendation });
    return out;
  }
  if (model.stages.length === 0) {
    out.push({ ruleId: DOCKERFILE_PARSE_RULE.id, severity: 'high', message: 'The Dockerfile has no FROM instruction.', file: file.path, line: 1, recommendation: 'Start the build with `FROM <image>`.' });
    return out;
  }
  for (const rule of DOCKERFILE_RULES) {
    for (const hit of rule.check(model)) {
      const diagnostic: Diagnostic = {
        ruleId: rule.id,
        severity: hit.severity ?? rule.severity,
        message: hit.message,
        file: file.path,
        line: hit.line,
        recommendation: hit.recommendation ?? rule.recommendation,
      };
      if (hit.column !== undefined) diagnostic.column = hit.column;
      out.push(diagnostic);
    }
  }
  return out.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || a.ruleId.localeCompare(b.ruleId));
}

export const dockerfileValidator: Validator = {
  kind: 'dockerfile',
  displayName: 'Dockerfile',
  matches: isDockerfileName,
  validate: validateDockerfile,
};
