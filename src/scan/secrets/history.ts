/**
 * `--history`: secrets that were committed and later deleted are still in every clone. We read
 * `git log -p --all` (git run directly with an argument array, never a shell; capped in bytes and
 * time) and scan the lines each commit added, with the same rules as the working tree.
 */
import { spawn } from 'node:child_process';
import type { ScanProblem } from '../types.js';

export interface AddedFile {
  commit: string;
  file: string;
  /** Added lines with their line numbers in the file at that commit. */
  lines: Array<{ line: number; text: string }>;
}

export interface HistoryOptions {
  maxBytes?: number;
  timeoutMs?: number;
  signal?: AbortSignal;
}

interface GitResult {
  stdout: string;
  truncated: boolean;
  code: number | null;
  error?: string;
}

function git(root: string, args: string[], options: HistoryOptions): Promise<GitResult> {
  const maxBytes = options.maxBytes ?? 64 * 1024 * 1024;
  return new Promise((resolve) => {
    const child = spawn('git', ['-C', root, '-c', 'core.quotepath=off', ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: options.timeoutMs ?? 120_000,
      signal: options.signal,
      env: { ...process.env, GIT_TERMINAL_PROMPT: '0', GIT_PAGER: 'cat', LC_ALL: 'C' },
    });
    const chunks: Buffer[] = [];
    let size = 0;
    let truncated = false;
    child.stdout.on('data', (chunk: Buffer) => {
      if (truncated) return;
      if (size + chunk.length > maxBytes) {
        chunks.push(chunk.subarray(0, maxBytes - size));
        truncated = true;
        child.kill();
        return;
      }
      chunks.push(chunk);
      size += chunk.length;
    });
    child.stderr.resume();
    child.on('error', (err) => resolve({ stdout: '', truncated, code: null, error: err.message }));
    child.on('close', (code, signal) => {
      const timedOut = signal !== null && !truncated;
      resolve({ stdout: Buffer.concat(chunks).toString('utf8'), truncated, code, error: timedOut ? `git was stopped (${signal}) after the time limit` : undefined });
    });
  });
}

/** Parses `git log -p -U0 --format=%x00%H` output into the lines each commit added, per file. */
export function parseLog(text: string): AddedFile[] {
  const out: AddedFile[] = [];
  let commit = '';
  let current: AddedFile | null = null;
  let next = 0;
  for (const raw of text.split('\n')) {
    if (raw.startsWith('\0')) {
      commit = raw.slice(1).trim();
      current = null;
    } else if (raw.startsWith('diff --git ')) {
      current = null;
    } else if (raw.startsWith('+++ ')) {
      const target = raw.slice(4);
      current = target === '/dev/null' ? null : { commit, file: target.replace(/^b\//, ''), lines: [] };
      if (current) out.push(current);
    } else if (raw.startsWith('@@')) {
      const m = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,\d+)? @@/.exec(raw);
      next = m ? Number(m[1]) : 0;
    } else if (current && raw.startsWith('+')) {
      current.lines.push({ line: next, text: raw.slice(1) });
      next++;
    }
  }
  return out.filter((f) => f.lines.length > 0);
}

export async function readHistory(root: string, options: HistoryOptions = {}): Promise<{ files: AddedFile[]; problems: ScanProblem[] }> {
  const probe = await git(root, ['rev-parse', '--is-inside-work-tree'], options);
  if (probe.error !== undefined && probe.code === null && /ENOENT/.test(probe.error)) {
    return { files: [], problems: [{ code: 'DSQ_SECRETS_HISTORY_NO_GIT', message: 'git is not installed: the history scan (--history) was skipped.' }] };
  }
  if (probe.code !== 0 || probe.stdout.trim() !== 'true') {
    return { files: [], problems: [{ code: 'DSQ_SECRETS_HISTORY_NOT_A_REPO', message: `${root} is not a git repository: the history scan (--history) was skipped.` }] };
  }
  const log = await git(root, ['log', '-p', '--all', '--relative', '-U0', '--no-color', '--no-ext-diff', '--no-textconv', '--format=%x00%H'], options);
  const problems: ScanProblem[] = [];
  if (log.truncated) problems.push({ code: 'DSQ_SECRETS_HISTORY_TRUNCATED', message: 'git history is larger than the scan cap: only the newest commits were scanned.' });
  if (log.error !== undefined) problems.push({ code: 'DSQ_SECRETS_HISTORY_FAILED', message: `git log failed: ${log.error}` });
  else if (log.code !== 0 && !log.truncated) problems.push({ code: 'DSQ_SECRETS_HISTORY_FAILED', message: `git log exited with code ${String(log.code)}` });
  return { files: parseLog(log.stdout), problems };
}
