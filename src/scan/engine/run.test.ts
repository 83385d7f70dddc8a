import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { testdir } from '../../../test/helpers.js';
import type { Scanner } from '../types.js';
import { fakeScanner, finding } from './fake-scanner-testing.js';
import { parseIgnoreComment } from './suppress.js';
import { runAudit } from './run.js';

const src = [
  "const q = 'SELECT * FROM users WHERE id = ' + req.query.id;", // 1
  'db.query(q);', // 2
  '// devsquad-ignore: DSQ-JS-0002 -- id is validated as an integer by the router', // 3
  'db.query(other);', // 4
  'eval(req.body.code); // devsquad-ignore: DSQ-JS-0003', // 5
  'exec(cmd);', // 6
].join('\n');

function registry(...scanners: Array<[string, Scanner]>): ReadonlyMap<string, Scanner> {
  return new Map(scanners);
}

describe('runAudit', () => {
  it('deduplicates on (cwe, file, line), keeping the most severe and the other rule ids', async () => {
    const root = testdir({ 'src/app.js': src });
    const code = fakeScanner('code', [
      finding({ ruleId: 'DSQ-JS-0001', file: 'src/app.js', line: 2, severity: 'medium', cwe: ['CWE-89'] }),
      finding({ ruleId: 'DSQ-JS-0009', file: 'src/app.js', line: 2, severity: 'critical', cwe: ['CWE-89'] }),
      finding({ ruleId: 'DSQ-JS-0010', file: 'src/app.js', line: 2, severity: 'low', cwe: ['CWE-79'] }),
    ]);
    const iac = fakeScanner('iac', [finding({ ruleId: 'DSQ-X-0001', file: path.join(root, 'src/app.js'), line: 2, severity: 'high', cwe: ['CWE-89'], category: 'iac' })]);
    const report = await runAudit(root, { registry: registry(['code', code], ['iac', iac]) });
    expect(report.findings.map((f) => [f.ruleId, f.severity, f.location.file])).toEqual([
      ['DSQ-JS-0009', 'critical', 'src/app.js'],
      ['DSQ-JS-0010', 'low', 'src/app.js'],
    ]);
    expect(report.findings[0]!.relatedRuleIds).toEqual(['DSQ-JS-0001', 'DSQ-X-0001']);
    expect(report.summary.bySeverity).toEqual({ critical: 1, high: 0, medium: 0, low: 1, info: 0 });
    expect(report.stats.map((s) => [s.scanner, s.scanned, s.findings])).toEqual([['code', 1, 3], ['iac', 1, 1]]);
  });

  it('applies devsquad-ignore comments on the line or the line above, and reports one without a reason', async () => {
    const root = testdir({ 'src/app.js': src });
    const code = fakeScanner('code', [
      finding({ ruleId: 'DSQ-JS-0002', file: 'src/app.js', line: 4 }),
      finding({ ruleId: 'DSQ-JS-0003', file: 'src/app.js', line: 5, severity: 'critical' }),
      finding({ ruleId: 'DSQ-JS-0004', file: 'src/app.js', line: 6 }), // line 5's comment names another rule
    ]);
    const report = await runAudit(root, { registry: registry(['code', code]) });
    expect(report.suppressed.map((f) => [f.ruleId, f.suppressed])).toEqual([
      ['DSQ-JS-0003', { kind: 'comment', reason: '(no reason given)' }],
      ['DSQ-JS-0002', { kind: 'comment', reason: 'id is validated as an integer by the router' }],
    ]);
    expect(report.findings.map((f) => [f.ruleId, f.severity, f.location.line])).toEqual([
      ['DSQ-JS-0004', 'high', 6],
      ['DSQ-AUDIT-0001', 'info', 5],
    ]);
    expect(report.summary).toMatchObject({ total: 2, suppressed: 2 });
  });

  it('parses the marker inside every comment syntax', () => {
    for (const line of [
      '# devsquad-ignore: DSQ-PY-0001 -- test fixture',
      '/* devsquad-ignore: DSQ-PY-0001 -- test fixture */',
      '<!-- devsquad-ignore: DSQ-PY-0001 -- test fixture -->',
      '-- devsquad-ignore: DSQ-PY-0001 -- test fixture',
      'x = 1  // devsquad-ignore: DSQ-PY-0001, DSQ-PY-0002 -- test fixture',
    ]) {
      const parsed = parseIgnoreComment(line, 7);
      expect(parsed?.ruleIds).toContain('DSQ-PY-0001');
      expect(parsed?.reason).toBe('test fixture');
    }
    expect(parseIgnoreComment('<!-- devsquad-ignore: DSQ-HTML-0001 -->', 1)).toEqual({ line: 1, ruleIds: ['DSQ-HTML-0001'], reason: '' });
    expect(parseIgnoreComment('no marker here', 1)).toBeNull();
  });

  it('writes a baseline atomically, then suppresses exactly those findings even after the lines move', async () => {
    const root = testdir({ 'src/app.js': src });
    const findings = [finding({ ruleId: 'DSQ-JS-0001', file: 'src/app.js', line: 1 }), finding({ ruleId: 'DSQ-JS-0004', file: 'src/app.js', line: 6 })];
    const first = await runAudit(root, { registry: registry(['code', fakeScanner('code', findings)]), updateBaseline: true });
    expect(first.findings).toEqual([]);
    expect(first.baseline).toEqual({ file: '.devsquad/audit-baseline.json', entries: 2, written: true });
    const file = path.join(root, '.devsquad/audit-baseline.json');
    const written = JSON.parse(fs.readFileSync(file, 'utf8')) as { version: number; entries: Array<{ ruleId: string }> };
    expect(written.version).toBe(1);
    expect(written.entries.map((e) => e.ruleId)).toEqual(['DSQ-JS-0001', 'DSQ-JS-0004']);
    expect(fs.readdirSync(path.dirname(file))).toEqual(['audit-baseline.json']);

    // Two lines added at the top: same findings, shifted; plus a new one.
    fs.writeFileSync(path.join(root, 'src/app.js'), `'use strict';\n\n${src}\nspawn(x);\n`);
    const shifted = [
      finding({ ruleId: 'DSQ-JS-0001', file: 'src/app.js', line: 3 }),
      finding({ ruleId: 'DSQ-JS-0004', file: 'src/app.js', line: 8 }),
      finding({ ruleId: 'DSQ-JS-0005', file: 'src/app.js', line: 9 }),
    ];
    const second = await runAudit(root, { registry: registry(['code', fakeScanner('code', shifted)]) });
    expect(second.findings.map((f) => f.ruleId)).toEqual(['DSQ-JS-0005']);
    expect(second.suppressed.map((f) => [f.ruleId, f.suppressed?.kind])).toEqual([['DSQ-JS-0001', 'baseline'], ['DSQ-JS-0004', 'baseline']]);
  });

  it('fails on a broken or missing explicit baseline with a catalogue error', async () => {
    const root = testdir({ 'a.js': '', 'bad.json': '{"version": 2}' });
    const reg = registry(['code', fakeScanner('code', [])]);
    await expect(runAudit(root, { registry: reg, baseline: path.join(root, 'bad.json') })).rejects.toMatchObject({ code: 'DSQ_ERR_AUDIT_BASELINE_INVALID' });
    await expect(runAudit(root, { registry: reg, baseline: path.join(root, 'missing.json') })).rejects.toMatchObject({ code: 'DSQ_ERR_AUDIT_BASELINE_INVALID' });
  });

  it('reports scanner problems and a crashing scanner instead of a silent pass', async () => {
    const root = testdir({ 'package-lock.json': '{ not json' });
    const deps = fakeScanner('dependencies', [], [{ code: 'DSQ_ERR_MANIFEST_PARSE', file: 'package-lock.json', message: 'unparseable lockfile' }]);
    const broken: Scanner = { category: 'iac', displayName: 'Broken', scan: () => Promise.reject(new Error('boom')) };
    const report = await runAudit(root, { registry: registry(['deps', deps], ['iac', broken]) });
    expect(report.problems).toEqual([
      { scanner: 'deps', code: 'DSQ_ERR_MANIFEST_PARSE', file: 'package-lock.json', message: 'unparseable lockfile' },
      { scanner: 'iac', code: 'DSQ_ERR_AUDIT_SCANNER_FAILED', message: 'Broken scanner failed: boom' },
    ]);
    expect(report.summary.problems).toBe(2);
  });

  it('runs only the chosen scanners (by key or category), reports progress, and rejects unknown names', async () => {
    const root = testdir({ 'a.js': '' });
    const code = fakeScanner('code', []);
    const deps = fakeScanner('dependencies', []);
    const events: string[] = [];
    await runAudit(root, { registry: registry(['code', code], ['deps', deps]), only: ['dependencies'], progress: (e) => events.push(`${e.scanner}:${e.percent}`) });
    expect([code.calls, deps.calls]).toEqual([0, 1]);
    expect(events).toEqual(['deps:50']);
    await expect(runAudit(root, { registry: registry(['code', code]), only: ['code,nope'] })).rejects.toMatchObject({ code: 'DSQ_ERR_AUDIT_UNKNOWN_SCANNER' });
  });

  it('stops when the signal is aborted', async () => {
    const root = testdir({ 'a.js': '' });
    const controller = new AbortController();
    controller.abort(new Error('cancelled'));
    await expect(runAudit(root, { registry: registry(['code', fakeScanner('code', [])]), signal: controller.signal })).rejects.toThrow('cancelled');
  });
});
