/**
 * End to end: `devsquad audit` through the built CLI (bin/devsquad.js → dist/) on a temp repository.
 * Rule ids and severities belong to the scanners, so the test reads them from a first JSON run rather
 * than hard-coding them: it checks the audit's own contract (formats, exit codes, suppressions).
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Log } from 'sarif';
import os from 'node:os';
import { afterAll, describe, expect, it } from 'vitest';
import { sarifProblems } from '../../src/report/sarif-schema-testing.js';
import { severityRank, type Severity } from '../../src/validate/types.js';
import { REPO_ROOT, writeFiles } from '../helpers.js';

const BIN = path.join(REPO_ROOT, 'bin/devsquad.js');

/** Async, so the tests below can run concurrently (each CLI start loads every scanner). */
function devsquad(args: string[], cwd = REPO_ROOT, env: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '', ...env }, timeout: 120_000, maxBuffer: 64 * 1024 * 1024 }, (_error, stdout, stderr) => {
      resolve({ code: child.exitCode, stdout, stderr });
    });
  });
}

interface JsonFinding { ruleId: string; severity: Severity; location: { file: string; line: number }; suppressed?: { kind: string; reason: string } }
interface JsonReport { findings: JsonFinding[]; suppressed: JsonFinding[]; problems: unknown[] }

// A Dockerfile with no USER (runs as root) and a hard-coded AWS key: found by the iac and secrets scanners.
const KEY_LINE = 'const awsKey = "AKIAIOSFODNN7EXAMPLQ";';
const repo = {
  Dockerfile: 'FROM node:20-alpine\nWORKDIR /app\nCOPY . .\nCMD ["node", "src/app.js"]\n',
  'src/app.js': `const http = require('http');\n${KEY_LINE}\nhttp.createServer((q, r) => r.end('ok')).listen(3000);\n`,
};

// Own temp dirs: testdir() registers cleanup on the current test, which concurrent tests do not share.
const temps: string[] = [];
afterAll(() => {
  for (const dir of temps) fs.rmSync(dir, { recursive: true, force: true });
});
function testdir(files: Record<string, string>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'devsquad-audit-e2e-'));
  temps.push(root);
  writeFiles(root, files);
  return root;
}

async function auditJson(root: string, extra: string[] = []): Promise<{ code: number | null; report: JsonReport }> {
  const run = await devsquad(['audit', root, '--only', 'iac,secrets', '--format', 'json', '--fail-on', 'none', ...extra]);
  return { code: run.code, report: JSON.parse(run.stdout) as JsonReport };
}

describe('devsquad audit with scan worker threads', () => {
  // 520 JS files: flat trees. Two threads split the work (the main thread parses, the worker analyses);
  // three split the files (each worker parses and analyses its own).
  it('reports exactly what one thread reports with one and two workers (520 files, a worker each scan long)', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 520; i++) {
      files[`src/routes/r${String(i).padStart(3, '0')}.js`] = i % 5 === 0
        ? `const cp = require('child_process');\nmodule.exports = (app) => app.get('/run${i}', (req, res) => cp.exec(req.query.cmd, () => res.end()));\n`
        : `module.exports = (app) => app.get('/ok${i}', (req, res) => res.json({ n: ${i} }));\n`;
    }
    const root = testdir(files);
    const scan = (threads: string) => devsquad(['audit', root, '--only', 'code', '--format', 'json', '--fail-on', 'none'], REPO_ROOT, { DEVSQUAD_SCAN_THREADS: threads });
    const [one, two, three] = [await scan('1'), await scan('2'), await scan('3')];
    expect([one.code, two.code, three.code]).toEqual([0, 0, 0]);
    const findings = (run: { stdout: string }) => (JSON.parse(run.stdout) as JsonReport).findings;
    expect(findings(one).filter((f) => f.ruleId === 'DSQ-JS-0003')).toHaveLength(104);
    expect(findings(two)).toEqual(findings(one));
    expect(findings(three)).toEqual(findings(one));
  }, 180_000);
});

describe.concurrent('devsquad audit (built CLI)', () => {
  it('writes a valid SARIF file with --output, relative URIs and one run per scanner category', async () => {
    const root = testdir(repo);
    const out = path.join(root, 'reports', 'audit.sarif');
    const run = await devsquad(['audit', root, '--only', 'iac,secrets', '--format', 'sarif', '--output', out, '--fail-on', 'none']);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('Report written to');
    const log = JSON.parse(fs.readFileSync(out, 'utf8')) as Log;
    expect(sarifProblems(log)).toEqual([]);
    expect(log.runs.map((r) => r.automationDetails?.id)).toEqual(['devsquad/secrets/', 'devsquad/iac/']);
    const uris = log.runs.flatMap((r) => (r.results ?? []).map((x) => x.locations?.[0]?.physicalLocation?.artifactLocation?.uri));
    expect(uris).toEqual(expect.arrayContaining(['Dockerfile', 'src/app.js']));
  });

  it('sets the exit code from --fail-on: 1 at or above the threshold, 0 above the worst finding or with none', async () => {
    const root = testdir(repo);
    const { report } = await auditJson(root);
    expect(report.findings.length).toBeGreaterThan(0);
    const worst = report.findings.map((f) => f.severity).sort((a, b) => severityRank(b) - severityRank(a))[0]!;
    const above = (['critical', 'high', 'medium', 'low', 'info'] as const).filter((s) => severityRank(s) > severityRank(worst)).at(-1);
    const [table, passing] = await Promise.all([
      devsquad(['audit', root, '--only', 'iac,secrets', '--fail-on', worst]),
      above ? devsquad(['audit', root, '--only', 'iac,secrets', '--fail-on', above]) : null,
    ]);
    expect(table.code).toBe(1);
    expect(table.stdout).toContain(`${worst.toUpperCase()} (`);
    expect(table.stdout).toMatch(/\d+ findings?: \d+ critical, \d+ high/);
    expect(table.stderr).toContain('at or above');
    if (passing) expect(passing.code).toBe(0);
  });

  it('honours a devsquad-ignore comment: the finding is reported as suppressed and no longer fails the build', async () => {
    const root = testdir(repo);
    const secret = (await auditJson(root)).report.findings.find((f) => f.location.file === 'src/app.js' && f.location.line === 2);
    expect(secret).toBeDefined();
    const app = path.join(root, 'src/app.js');
    fs.writeFileSync(app, fs.readFileSync(app, 'utf8').replace(KEY_LINE, `${KEY_LINE} // devsquad-ignore: ${secret!.ruleId} -- AWS documentation example key`));
    const { report } = await auditJson(root);
    expect(report.findings.some((f) => f.location.file === 'src/app.js' && f.location.line === 2)).toBe(false);
    expect(report.suppressed).toContainEqual(expect.objectContaining({ ruleId: secret!.ruleId, suppressed: { kind: 'comment', reason: 'AWS documentation example key' } }));
    // Without a reason it still suppresses, and says so as an info finding.
    fs.writeFileSync(app, fs.readFileSync(app, 'utf8').replace(' -- AWS documentation example key', ''));
    expect((await auditJson(root)).report.findings).toContainEqual(expect.objectContaining({ ruleId: 'DSQ-AUDIT-0001', severity: 'info', location: { file: 'src/app.js', line: 2 } }));
  });

  it('accepts current findings with --update-baseline, exits 3 on scanner problems unless --allow-problems, 2 on an unknown scanner', async () => {
    const root = testdir(repo);
    const update = await devsquad(['audit', root, '--only', 'iac,secrets', '--update-baseline']);
    expect(update.code).toBe(0);
    expect(fs.existsSync(path.join(root, '.devsquad/audit-baseline.json'))).toBe(true);
    const after = (await auditJson(root)).report;
    expect(after.findings).toEqual([]);
    expect(after.suppressed.length).toBeGreaterThan(0);

    fs.writeFileSync(path.join(root, 'package-lock.json'), '{ this is not a lockfile');
    const broken = await devsquad(['audit', root, '--only', 'deps', '--osv-api', 'http://127.0.0.1:9']);
    expect(broken.code).toBe(3);
    expect(broken.stdout).toContain('PROBLEMS (');
    expect((await devsquad(['audit', root, '--only', 'deps', '--osv-api', 'http://127.0.0.1:9', '--allow-problems'])).code).toBe(0);
  });
});
