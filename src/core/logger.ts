/**
 * A quiet logger: nothing below `warn` is printed unless --verbose (or DEVSQUAD_LOG=debug) asks
 * for it. Logs go to stderr so that `--json` output on stdout stays machine-readable.
 */

export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 99 };

export interface Logger {
  level: LogLevel;
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export function createLogger(level: LogLevel = 'warn', sink: (line: string) => void = (l) => process.stderr.write(l + '\n')): Logger {
  const logger: Logger = {
    level,
    debug: (m) => emit('debug', m),
    info: (m) => emit('info', m),
    warn: (m) => emit('warn', m),
    error: (m) => emit('error', m),
  };
  function emit(at: LogLevel, message: string): void {
    if (ORDER[at] >= ORDER[logger.level]) sink(at === 'info' ? message : `${at}: ${message}`);
  }
  return logger;
}

function levelFromEnv(): LogLevel {
  const value = process.env.DEVSQUAD_LOG;
  return value === 'debug' || value === 'info' || value === 'warn' || value === 'error' || value === 'silent' ? value : 'warn';
}

/** The process-wide logger; the CLI raises its level with --verbose. */
export const log: Logger = createLogger(levelFromEnv());
