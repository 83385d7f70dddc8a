/**
 * The one error catalogue. Every operational error devsquad can raise or report has a stable code
 * `DSQ_ERR_<AREA>_<WHAT>`, a message template, the CLI exit code and the HTTP status the API will use.
 * docs/errors.md documents each code; a test keeps the two in step.
 */

export interface ErrorSpec {
  /** Message template; `{name}` placeholders are filled from the error's params. */
  message: string;
  exitCode: number;
  httpStatus: number;
  /** What the user can do about it; shown under the message. */
  hint?: string;
}

/** Documented CLI exit codes (docs/exit-codes.md). */
export const EXIT = {
  ok: 0,
  findings: 1,
  usage: 2,
  input: 3,
  nothingToDo: 4,
  conflict: 5,
  internal: 70,
} as const;

export const ERRORS = {
  DSQ_ERR_CLI_USAGE: { message: '{detail}', exitCode: EXIT.usage, httpStatus: 400, hint: 'Run the command with --help to see its options.' },
  DSQ_ERR_REPO_NOT_FOUND: { message: 'Repository path not found: {path}', exitCode: EXIT.input, httpStatus: 404 },
  DSQ_ERR_REPO_NOT_DIRECTORY: { message: 'Repository path is not a directory: {path}', exitCode: EXIT.input, httpStatus: 400 },
  DSQ_ERR_REPO_PATH_ESCAPE: { message: 'Path {path} resolves outside the repository and was not read', exitCode: EXIT.input, httpStatus: 400 },
  DSQ_ERR_REPO_SYMLINK_ESCAPE: { message: 'Symbolic link {path} points outside the repository and was skipped', exitCode: EXIT.input, httpStatus: 400 },
  DSQ_ERR_REPO_FILE_TOO_LARGE: { message: 'File {path} is {size} bytes, over the {limit}-byte read limit, and was skipped', exitCode: EXIT.input, httpStatus: 413 },
  DSQ_ERR_REPO_BINARY_FILE: { message: 'File {path} looks binary and was not read as text', exitCode: EXIT.input, httpStatus: 415 },
  DSQ_ERR_REPO_TOO_MANY_FILES: { message: 'Repository has more than {limit} files; the rest were not indexed', exitCode: EXIT.input, httpStatus: 413, hint: 'Point devsquad at a sub-directory, or add large generated folders to .gitignore.' },
  DSQ_ERR_REPO_UNREADABLE: { message: 'Could not read {path}: {reason}', exitCode: EXIT.input, httpStatus: 500 },
  DSQ_ERR_MANIFEST_PARSE: { message: 'Could not parse {path} as {format}: {reason}', exitCode: EXIT.input, httpStatus: 422, hint: 'Fix the file; devsquad analysed the rest of the repository without it.' },
  DSQ_ERR_DETECT_NO_SERVICES: { message: 'No deployable service was found in {path}', exitCode: EXIT.nothingToDo, httpStatus: 422, hint: 'See docs/stacks.md for the stacks devsquad recognises, or write a plan by hand and pass it with --plan.' },
  DSQ_ERR_PLAN_READ: { message: 'Could not read plan file {path}: {reason}', exitCode: EXIT.input, httpStatus: 400 },
  DSQ_ERR_PLAN_INVALID: { message: 'Plan file {path} does not match the ProjectPlan schema: {reason}', exitCode: EXIT.input, httpStatus: 422, hint: 'Produce a plan with `devsquad analyze --json > plan.json` and edit that.' },
  DSQ_ERR_GENERATE_UNKNOWN_FAMILY: { message: 'Unknown artifact family "{family}". Known families: {known}', exitCode: EXIT.usage, httpStatus: 400 },
  DSQ_ERR_GENERATE_UNKNOWN_SERVICE: { message: 'No service named "{service}" in the plan. Services: {known}', exitCode: EXIT.usage, httpStatus: 400 },
  DSQ_ERR_GENERATE_INVALID_OUTPUT: { message: 'Generated {path} failed validation ({count} error(s)); it was not written', exitCode: EXIT.internal, httpStatus: 500, hint: 'This is a devsquad bug: please report it with the output of `devsquad analyze --json`.' },
  DSQ_ERR_VALIDATE_FILE_NOT_FOUND: { message: 'File to validate not found: {path}', exitCode: EXIT.input, httpStatus: 404 },
  DSQ_ERR_VALIDATE_UNKNOWN_KIND: { message: 'Cannot tell what kind of file {path} is', exitCode: EXIT.usage, httpStatus: 400, hint: 'Pass --kind dockerfile or --kind compose.' },
  DSQ_ERR_VALIDATE_PARSE: { message: 'Could not parse {path}: {reason}', exitCode: EXIT.findings, httpStatus: 422 },
  DSQ_ERR_WRITE_CONFLICT: { message: '{path} was written or edited by you; devsquad did not overwrite it', exitCode: EXIT.conflict, httpStatus: 409, hint: 'Re-run with --force to overwrite it (a backup is kept), or --out DIR to write elsewhere.' },
  DSQ_ERR_WRITE_FAILED: { message: 'Could not write {path}: {reason}', exitCode: EXIT.input, httpStatus: 500 },
  DSQ_ERR_WRITE_PATH_ESCAPE: { message: 'Refusing to write {path}: it resolves outside the output directory', exitCode: EXIT.input, httpStatus: 400 },
  DSQ_ERR_WRITE_MANIFEST_CORRUPT: { message: 'The manifest {path} is not valid ({reason}); it was set aside as {backup}', exitCode: EXIT.input, httpStatus: 500 },
  DSQ_ERR_STORE_OPEN: { message: 'Could not open the run database {path}: {reason}', exitCode: EXIT.input, httpStatus: 500, hint: 'Pass another location with --db PATH or DEVSQUAD_DB, or move the damaged file aside.' },
  DSQ_ERR_STORE_TOO_NEW: { message: 'The run database is at schema version {version}; this devsquad knows up to {supported}', exitCode: EXIT.input, httpStatus: 500, hint: 'Upgrade devsquad, or point --db at another database.' },
  DSQ_ERR_RUN_NOT_FOUND: { message: 'No run with id {id}', exitCode: EXIT.usage, httpStatus: 404, hint: 'List runs with `devsquad runs list`.' },
  DSQ_ERR_WORKFLOW_UNKNOWN: { message: 'No workflow named "{name}". Workflows: {known}', exitCode: EXIT.usage, httpStatus: 404, hint: 'Add your own as YAML in .devsquad/workflows/ (see docs/workflows.md).' },
  DSQ_ERR_WORKFLOW_INVALID: { message: '{file} is not a valid workflow ({count} problem(s)): {problems}', exitCode: EXIT.input, httpStatus: 422, hint: 'See docs/workflows.md for the format; `devsquad agents` lists every task and its inputs.' },
  DSQ_ERR_GATE_POLICY_INVALID: { message: 'Gate policy {file} is not valid ({count} problem(s)): {problems}', exitCode: EXIT.input, httpStatus: 422, hint: 'See docs/commands/gate.md for the policy format; every key is optional.' },
  DSQ_ERR_GATE_BLOCKED: { message: 'The quality gate blocked: {blockers}', exitCode: EXIT.findings, httpStatus: 422, hint: 'Fix the blockers listed above, or adjust what blocks in a policy file (--policy, see docs/commands/gate.md).' },
  DSQ_ERR_AGENT_UNKNOWN_TASK: { message: 'No task "{task}" for agent "{agent}". Known: {known}', exitCode: EXIT.usage, httpStatus: 404, hint: 'Run `devsquad agents` to list agents, their tasks and inputs.' },
  DSQ_ERR_RUN_NOT_ACTIVE: { message: 'Run {id} is {status}; only a queued or running run can be cancelled', exitCode: EXIT.usage, httpStatus: 409 },
  DSQ_ERR_RUN_CANCELLED: { message: 'Run {id} was cancelled', exitCode: 130, httpStatus: 409 },
  DSQ_ERR_AUDIT_UNKNOWN_SCANNER: { message: 'Unknown scanner "{name}". Known scanners: {known}', exitCode: EXIT.usage, httpStatus: 400 },
  DSQ_ERR_AUDIT_BASELINE_INVALID: { message: 'Could not use the audit baseline {path}: {reason}', exitCode: EXIT.input, httpStatus: 422, hint: 'Recreate it with `devsquad audit --update-baseline` (see docs/commands/audit.md).' },
  DSQ_ERR_AUDIT_SCANNER_FAILED: { message: '{scanner} scanner failed: {reason}', exitCode: EXIT.input, httpStatus: 500, hint: 'The other scanners still ran; the audit is incomplete. Re-run with --verbose and report it if it persists.' },
  DSQ_ERR_AUDIT_INCOMPLETE: { message: 'The audit is incomplete: {count} problem(s) stopped part of it', exitCode: EXIT.input, httpStatus: 422, hint: 'Fix the problems listed above (an unparseable lockfile, an unreachable OSV API), or pass --allow-problems to accept a partial audit.' },
  DSQ_ERR_AUDIT_FINDINGS: { message: 'The audit found {count} finding(s) at or above {threshold}', exitCode: EXIT.findings, httpStatus: 422, hint: 'Fix them, suppress one with a `devsquad-ignore: <ruleId> -- <reason>` comment, or accept the current ones with --update-baseline.' },
  DSQ_ERR_DEPS_UNPINNED: { message: '{path}: {count} requirement(s) without an exact version were not checked', exitCode: EXIT.input, httpStatus: 422, hint: 'Pin versions (pip-compile, uv pip compile, poetry lock) so the installed versions can be checked.' },
  DSQ_ERR_DEPS_NO_LOCKFILE: { message: '{path} has no lockfile, so its dependency versions were not checked', exitCode: EXIT.input, httpStatus: 422, hint: 'Commit the lockfile your package manager writes (Maven has none: see docs/audit/dependencies.md).' },
  DSQ_ERR_DEPS_VULN_DB: { message: 'Could not use the vulnerability database {path}: {reason}', exitCode: EXIT.input, httpStatus: 422, hint: 'Pass a directory or zip of OSV JSON records with --vuln-db, or run `devsquad db import <zip|dir>`.' },
  DSQ_ERR_DEPS_OSV_UNREACHABLE: { message: 'Could not query the OSV API at {url}: {reason}', exitCode: EXIT.input, httpStatus: 502, hint: 'Check the network, or work offline with --vuln-db PATH or `devsquad db import`.' },
  DSQ_ERR_INTERNAL_ERROR: { message: 'Internal error: {detail}', exitCode: EXIT.internal, httpStatus: 500, hint: 'This is a devsquad bug: please report it with the command you ran.' },
} as const satisfies Record<string, ErrorSpec>;

export type ErrorCode = keyof typeof ERRORS;

export type ErrorParams = Record<string, string | number>;

export function formatMessage(code: ErrorCode, params: ErrorParams = {}): string {
  return ERRORS[code].message.replace(/\{(\w+)\}/g, (whole, key: string) =>
    key in params ? String(params[key]) : whole,
  );
}

/** An operational error with a catalogue code. The CLI catches it in one place. */
export class DsqError extends Error {
  readonly code: ErrorCode;
  readonly params: ErrorParams;

  constructor(code: ErrorCode, params: ErrorParams = {}, options?: { cause?: unknown }) {
    super(formatMessage(code, params), options);
    this.name = 'DsqError';
    this.code = code;
    this.params = params;
  }

  get exitCode(): number {
    return ERRORS[this.code].exitCode;
  }

  get hint(): string | undefined {
    const spec: ErrorSpec = ERRORS[this.code];
    return spec.hint;
  }
}

export function isDsqError(value: unknown): value is DsqError {
  return value instanceof DsqError;
}

/**
 * A problem found while reading the user's repository that did not stop the run (a broken
 * manifest, a skipped binary file). Collected and shown by `analyze`, carried in the plan.
 */
export interface RepoDiagnostic {
  code: ErrorCode;
  path: string;
  message: string;
}

export function repoDiagnostic(code: ErrorCode, path: string, params: ErrorParams = {}): RepoDiagnostic {
  return { code, path, message: formatMessage(code, { path, ...params }) };
}
