/**
 * `devsquad observe` end to end, through the built CLI: the monitoring engineer's files for a real
 * example, validated, written once, then left alone; part selection and errors as a user meets them.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import YAML from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { EXAMPLES_DIR, REPO_ROOT } from '../helpers.js';

const BIN = path.join(REPO_ROOT, 'bin/devsquad.js');
const temps: string[] = [];
afterAll(() => {
  for (const dir of temps) fs.rmSync(dir, { recursive: true, force: true });
});

function devsquad(args: string[]) {
  const result = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, timeout: 120_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function copyExample(name: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dsq-observe-'));
  temps.push(dir);
  fs.cpSync(path.join(EXAMPLES_DIR, name), dir, { recursive: true });
  return dir;
}

interface JsonOut {
  mode: string;
  files: Array<{ path: string; kind: string; generator: string; action: string }>;
  written: string[];
}

describe('devsquad observe', () => {
  it('writes a coherent set for an Express app with Postgres: rules, dashboards, Alertmanager, code; a second run changes nothing', () => {
    const repo = copyExample('node-express-prisma');
    const first = devsquad(['observe', repo, '--write', '--json']);
    expect(first.code, first.stderr).toBe(0);
    const out = JSON.parse(first.stdout) as JsonOut;
    const paths = out.files.map((f) => f.path);
    expect(new Set(out.files.map((f) => f.generator))).toEqual(new Set(['alerts', 'dashboards', 'health', 'logging', 'otel', 'sentry', 'slo']));
    expect(paths).toContain('monitoring/alertmanager/alertmanager.yml');
    expect(paths.some((p) => /^monitoring\/grafana\/dashboards\/.*postgres.*\.json$/.test(p))).toBe(true);
    expect(out.written.length).toBe(out.files.length);

    // The metric the app exposes is the one the SLO rules measure and the dashboards query.
    const rules = paths.filter((p) => p.startsWith('monitoring/prometheus/rules/') && p.endsWith('-slo.rules.yml'));
    expect(rules.length).toBeGreaterThan(0);
    const ruleText = fs.readFileSync(path.join(repo, rules[0]!), 'utf8');
    expect(ruleText).toContain('http_server_request_duration_seconds');
    expect(YAML.parse(ruleText).groups.length).toBeGreaterThan(0);
    const appCode = out.files.filter((f) => f.generator === 'otel' && f.kind === 'source').map((f) => fs.readFileSync(path.join(repo, f.path), 'utf8')).join('\n');
    expect(appCode).toContain('http_server_request_duration_seconds');

    const second = devsquad(['observe', repo, '--write', '--json']);
    expect(second.code, second.stderr).toBe(0);
    expect((JSON.parse(second.stdout) as JsonOut).files.every((f) => f.action === 'unchanged')).toBe(true);
  });

  it('--only picks parts, and an unknown part is a usage error listing the known ones', () => {
    const repo = copyExample('go-gin');
    const only = devsquad(['observe', repo, '--only', 'slo,alerts', '--json']);
    expect(only.code, only.stderr).toBe(0);
    const out = JSON.parse(only.stdout) as JsonOut;
    expect(out.mode).toBe('dry-run');
    expect(new Set(out.files.map((f) => f.generator))).toEqual(new Set(['alerts', 'slo']));
    expect(fs.existsSync(path.join(repo, 'monitoring'))).toBe(false);

    const bad = devsquad(['observe', repo, '--only', 'grafana']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('DSQ_ERR_GENERATE_UNKNOWN_FAMILY');
    expect(bad.stderr).toContain('dashboards');
  });

  it('--input sets a part input, and a bad value names the field', () => {
    const repo = copyExample('python-fastapi-uv');
    const ok = devsquad(['observe', repo, '--only', 'slo', '--input', 'slo.objective=99.5', '--json']);
    expect(ok.code, ok.stderr).toBe(0);
    const bad = devsquad(['observe', repo, '--only', 'slo', '--input', 'slo.objective="lots"']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('slo');
  });
});
