/**
 * Where a command prints. Commands never touch process.stdout directly, so tests can capture output
 * and the CLI decides colours in one place: only on a TTY, never with NO_COLOR or --no-color.
 */
import pc from 'picocolors';

export type Colors = ReturnType<typeof pc.createColors>;

export interface Io {
  out(text: string): void;
  err(text: string): void;
  color: Colors;
  /** stderr is a terminal: progress and hints may be shown there. */
  interactive: boolean;
}

export function colorEnabled(stream: { isTTY?: boolean }, flag: boolean | undefined, env: NodeJS.ProcessEnv = process.env): boolean {
  if (flag === false) return false;
  if (env.NO_COLOR) return false;
  if (env.FORCE_COLOR && env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false') return true;
  return Boolean(stream.isTTY) && env.TERM !== 'dumb';
}

/**
 * `devsquad agents | head` closes the pipe early: that is the reader's choice, not an error. Exit
 * quietly on EPIPE instead of crashing with a stack trace.
 */
function exitOnBrokenPipe(stream: NodeJS.WriteStream): void {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
}

let pipesGuarded = false;

export function processIo(colors: boolean): Io {
  if (!pipesGuarded) {
    pipesGuarded = true;
    exitOnBrokenPipe(process.stdout);
    exitOnBrokenPipe(process.stderr);
  }
  return {
    out: (t) => process.stdout.write(t.endsWith('\n') ? t : t + '\n'),
    err: (t) => process.stderr.write(t.endsWith('\n') ? t : t + '\n'),
    color: pc.createColors(colors),
    interactive: Boolean(process.stderr.isTTY),
  };
}

/** An Io that records output, for tests. */
export function memoryIo(): Io & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return {
    stdout,
    stderr,
    out: (t) => void stdout.push(t),
    err: (t) => void stderr.push(t),
    color: pc.createColors(false),
    interactive: false,
  };
}
