/**
 * `devsquad audit [path] [--only …] [--format table|json|sarif] [--output FILE] [--fail-on high] …`.
 * Runs the scanners, renders one report, and turns it into an exit code for CI: 1 when an unsuppressed
 * finding is at or above --fail-on, 3 when a scanner could not finish (unless --allow-problems).
 * Suppressed findings never count. Progress goes to stderr, and only on a terminal.
 */
import path from 'node:path';
import { DsqError, EXIT, formatMessage } from '../../../core/errors.js';
import type { Severity } from '../../../core/finding.js';
import { renderJson } from '../../../report/json.js';
import { renderSarif } from '../../../report/sarif.js';
import { renderTable, summaryLine } from '../../../report/table.js';
import { runAudit } from '../../../scan/engine/run.js';
import type { AuditProgress, AuditReport } from '../../../scan/engine/types.js';
import { severityRank } from '../../../validate/types.js';
import { writeFileAtomic } from '../../../write/atomic.js';
import type { Io } from '../../io.js';
import { VERSION } from '../../version.js';

export type AuditFormat = 'table' | 'json' | 'sarif';
export type FailOn = Severity | 'none';

export interface AuditCommandOptions {
  path: string;
  only?: string[];
  format?: AuditFormat;
  output?: string;
  failOn?: FailOn;
  baseline?: string;
  updateBaseline?: boolean;
  vulnDb?: string;
  osvApi?: string;
  history?: boolean;
  allowProblems?: boolean;
}

const FORMATS: readonly AuditFormat[] = ['table', 'json', 'sarif'];
const FAIL_ON: readonly FailOn[] = ['critical', 'high', 'medium', 'low', 'info', 'none'];

export async function audit(options: AuditCommandOptions, io: Io): Promise<number> {
  const format = options.format ?? 'table';
  const failOn = options.failOn ?? 'high';
  if (!FORMATS.includes(format)) throw new DsqError('DSQ_ERR_CLI_USAGE', { detail: `--format must be one of ${FORMATS.join(', ')}` });
  if (!FAIL_ON.includes(failOn)) throw new DsqError('DSQ_ERR_CLI_USAGE', { detail: `--fail-on must be one of ${FAIL_ON.join(', ')}` });

  const controller = new AbortController();
  const onSigint = (): void => controller.abort(new Error('cancelled'));
  process.once('SIGINT', onSigint);
  let report: AuditReport;
  try {
    report = await runAudit(options.path, {
      ...(options.only ? { only: options.only } : {}),
      signal: controller.signal,
      ...(io.interactive ? { progress: progressPrinter(io) } : {}),
      ...(options.vulnDb !== undefined ? { vulnDb: path.resolve(options.vulnDb) } : {}),
      ...(options.osvApi !== undefined ? { osvApiUrl: options.osvApi } : {}),
      ...(options.history ? { history: true } : {}),
      ...(options.baseline !== undefined ? { baseline: path.resolve(options.baseline) } : {}),
      ...(options.updateBaseline ? { updateBaseline: true } : {}),
    });
  } catch (error) {
    if (controller.signal.aborted) {
      io.err(io.color.yellow('audit cancelled'));
      return 130;
    }
    throw error;
  } finally {
    process.removeListener('SIGINT', onSigint);
  }

  const text = format === 'sarif'
    ? JSON.stringify(renderSarif(report, { version: VERSION }), null, 2) + '\n'
    : format === 'json'
      ? renderJson(report, { version: VERSION })
      : renderTable(report, { color: io.color });
  if (options.output) {
    const file = path.resolve(options.output);
    try {
      writeFileAtomic(file, text.endsWith('\n') ? text : text + '\n');
    } catch (error) {
      throw new DsqError('DSQ_ERR_WRITE_FAILED', { path: file, reason: (error as NodeJS.ErrnoException).code ?? (error as Error).message }, { cause: error });
    }
    io.err(`${summaryLine(report, io.color)}\nReport written to ${options.output}`);
  } else {
    io.out(text);
    if (format !== 'table') io.err(summaryLine(report, io.color));
  }
  if (report.baseline?.written) io.err(`Baseline ${report.baseline.file} now holds ${report.baseline.entries} finding(s).`);
  return exitCode(report, failOn, Boolean(options.allowProblems), io);
}

/** 1 for findings at or above the threshold; otherwise 3 for an incomplete audit; otherwise 0. */
export function exitCode(report: AuditReport, failOn: FailOn, allowProblems: boolean, io?: Io): number {
  const failing = failOn === 'none' ? [] : report.findings.filter((f) => severityRank(f.severity) >= severityRank(failOn));
  if (failing.length > 0) {
    io?.err(io.color.red(formatMessage('DSQ_ERR_AUDIT_FINDINGS', { count: failing.length, threshold: failOn })));
    return EXIT.findings;
  }
  if (report.problems.length > 0 && !allowProblems) {
    io?.err(`${io.color.red('error')} ${io.color.bold('DSQ_ERR_AUDIT_INCOMPLETE')}: ${formatMessage('DSQ_ERR_AUDIT_INCOMPLETE', { count: report.problems.length })}`);
    return EXIT.input;
  }
  return EXIT.ok;
}

/** One stderr line per scanner each time it crosses a quarter, so a terminal shows life without noise. */
function progressPrinter(io: Io): (event: AuditProgress) => void {
  const last = new Map<string, number>();
  return ({ scanner, percent, message }) => {
    const bucket = Math.min(4, Math.floor(percent / 25));
    if (last.get(scanner) === bucket) return;
    last.set(scanner, bucket);
    io.err(io.color.dim(`${scanner.padEnd(8)} ${String(Math.round(percent)).padStart(3)}%  ${message}`));
  };
}
