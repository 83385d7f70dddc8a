/**
 * Live progress per step. On a terminal: one line per step, redrawn in place with ANSI cursor moves
 * (status, percent, last message), at most every 80 ms. Elsewhere (CI logs, pipes): plain lines, one per
 * step start and finish, so logs stay readable. No dependency beyond the Io.
 */
import type { EngineEvent } from '../../../orchestrate/engine.js';
import type { Workflow } from '../../../orchestrate/workflows/schema.js';
import type { Io } from '../../io.js';

interface Line {
  id: string;
  label: string;
  status: string;
  percent: number;
  message: string;
  started: number;
}

const ICONS: Record<string, string> = { queued: '·', running: '▸', succeeded: '✓', failed: '✗', timed_out: '⧗', cancelled: '■', skipped: '-', blocked: '⊘' };

export class ProgressDisplay {
  private readonly lines: Line[];
  private drawn = 0;
  private last = 0;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly io: Io,
    workflow: Workflow,
    private readonly tty: boolean,
  ) {
    this.lines = workflow.steps.map((s) => ({ id: s.id, label: `${s.id} (${s.agent}.${s.task})`, status: 'queued', percent: 0, message: '', started: 0 }));
  }

  onEvent(event: EngineEvent): void {
    const line = event.stepId ? this.lines.find((l) => l.id === event.stepId) : undefined;
    if (!line) return;
    if (event.type === 'step.started') {
      if (!this.tty && line.status !== 'running') this.io.err(`${ICONS.running} ${line.label} started`);
      Object.assign(line, { status: 'running', started: line.started || Date.now() });
    } else if (event.type === 'step.progress') {
      line.percent = event.percent ?? line.percent;
      line.message = event.message ?? line.message;
    } else if (event.type === 'step.retrying') {
      line.message = `retrying after attempt ${event.attempt}: ${event.error ?? ''}`;
      if (!this.tty) this.io.err(`↻ ${line.label} ${line.message}`);
    } else if (event.type === 'step.finished') {
      line.status = event.status ?? 'failed';
      if (line.status === 'succeeded') line.percent = 100;
      line.message = event.error ?? (line.status === 'succeeded' ? `done in ${Date.now() - (line.started || Date.now())} ms` : '');
      if (!this.tty) this.io.err(`${ICONS[line.status] ?? '?'} ${line.label} ${line.status}${event.error ? `: ${event.error}` : ''}`);
    }
    if (this.tty) this.schedule();
  }

  private schedule(): void {
    const wait = 80 - (Date.now() - this.last);
    if (wait <= 0) return this.draw();
    this.timer ??= setTimeout(() => this.draw(), wait);
  }

  private draw(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.last = Date.now();
    const c = this.io.color;
    const width = Math.max(20, (process.stderr.columns ?? 100) - 1);
    const paint: Record<string, (s: string) => string> = { succeeded: c.green, failed: c.red, timed_out: c.red, cancelled: c.yellow, blocked: c.yellow, running: c.cyan, skipped: c.dim, queued: c.dim };
    const text = this.lines.map((l) => {
      const plain = `${ICONS[l.status] ?? '?'} ${l.label.padEnd(34)} ${l.status.padEnd(9)} ${String(l.percent).padStart(3)}%  ${l.message}`;
      return `\x1b[2K${(paint[l.status] ?? ((s: string) => s))(plain.slice(0, width))}`;
    });
    const up = this.drawn > 0 ? `\x1b[${this.drawn}A\r` : '';
    this.io.err(up + text.join('\n'));
    this.drawn = this.lines.length;
  }

  /** Final redraw (TTY) so the last state stays on screen. */
  finish(): void {
    if (this.tty) this.draw();
  }
}
