/**
 * `devsquad validate <file…> [--kind K] [--json] [--fail-on SEVERITY]`: the validators devsquad runs
 * on its own output, for the Dockerfiles, compose files and .dockerignore files a user already has.
 */
import fs from 'node:fs';
import { DsqError } from '../../../core/errors.js';
import type { FileKind } from '../../../generate/types.js';
import { validatorForPath, validators } from '../../../validate/api.js';
import { SEVERITIES, severityRank, type Diagnostic, type Severity } from '../../../validate/types.js';
import type { Io } from '../../io.js';
import { formatDiagnostic } from './format.js';

export interface ValidateOptions {
  files: string[];
  kind?: string;
  json?: boolean;
  failOn?: string;
}

export async function validate(options: ValidateOptions, io: Io): Promise<number> {
  if (options.files.length === 0) throw new DsqError('DSQ_ERR_CLI_USAGE', { detail: 'Name at least one file to validate, e.g. devsquad validate Dockerfile compose.yaml' });
  const failOn = (options.failOn ?? 'high') as Severity;
  if (!SEVERITIES.includes(failOn)) throw new DsqError('DSQ_ERR_CLI_USAGE', { detail: `--fail-on must be one of ${SEVERITIES.join(', ')}` });
  if (options.kind && !validators.has(options.kind as FileKind)) {
    throw new DsqError('DSQ_ERR_CLI_USAGE', { detail: `--kind must be one of ${[...validators.keys()].join(', ')}` });
  }
  const results: Array<{ file: string; kind: string; content: string; diagnostics: Diagnostic[] }> = [];
  for (const file of options.files) {
    const validator = options.kind ? validators.get(options.kind as FileKind) : validatorForPath(file);
    if (!fs.existsSync(file)) throw new DsqError('DSQ_ERR_VALIDATE_FILE_NOT_FOUND', { path: file });
    if (!validator) throw new DsqError('DSQ_ERR_VALIDATE_UNKNOWN_KIND', { path: file });
    if (fs.statSync(file).isDirectory()) throw new DsqError('DSQ_ERR_VALIDATE_FILE_NOT_FOUND', { path: file });
    const content = fs.readFileSync(file, 'utf8');
    results.push({ file, kind: validator.kind, content, diagnostics: validator.validate({ path: file, content }) });
  }
  // Checks that need several files at once (Terraform references across a module's files).
  for (const validator of validators.values()) {
    if (!validator.validateSet) continue;
    const group = results.filter((r) => r.kind === validator.kind);
    if (group.length === 0) continue;
    for (const d of validator.validateSet(group.map((r) => ({ path: r.file, content: r.content })))) {
      (group.find((r) => r.file === d.file) ?? group[0]!).diagnostics.push(d);
    }
  }
  const failing = results.flatMap((r) => r.diagnostics).filter((d) => severityRank(d.severity) >= severityRank(failOn));
  if (options.json) {
    io.out(JSON.stringify({ files: results.map(({ content: _content, ...r }) => r), failOn, passed: failing.length === 0 }, null, 2));
  } else {
    for (const r of results) {
      io.out(`${io.color.bold(r.file)} ${io.color.dim(`(${r.kind})`)}: ${r.diagnostics.length === 0 ? io.color.green('no problems') : `${r.diagnostics.length} finding${r.diagnostics.length === 1 ? '' : 's'}`}`);
      for (const d of r.diagnostics) io.out(formatDiagnostic(d, io.color));
    }
    if (failing.length > 0) io.out(io.color.red(`${failing.length} finding${failing.length === 1 ? '' : 's'} at or above ${failOn}.`));
  }
  return failing.length > 0 ? 1 : 0;
}
