import pc from 'picocolors';
import { describe, expect, it } from 'vitest';
import { testdir } from '../../test/helpers.js';
import { fakeScanner, finding } from '../scan/engine/fake-scanner-testing.js';
import { runAudit } from '../scan/engine/run.js';
import type { Scanner } from '../scan/types.js';
import { renderJson } from './json.js';
import { renderTable } from './table.js';

async function report() {
  const root = testdir({ 'app.py': 'import os\nos.system(cmd)  # devsquad-ignore: DSQ-PY-0002 -- trusted CLI tool\nyaml.load(x)\n' });
  const registry = new Map<string, Scanner>([['code', fakeScanner('code', [
    finding({ ruleId: 'DSQ-PY-0001', title: 'Unsafe YAML load', file: 'app.py', line: 3, severity: 'critical', cwe: ['CWE-502'] }),
    finding({ ruleId: 'DSQ-PY-0002', title: 'Shell command from input', file: 'app.py', line: 2, cwe: ['CWE-78'] }),
    finding({ ruleId: 'DSQ-PY-0003', title: 'Weak hash', file: 'app.py', line: 1, severity: 'low' }),
  ], [{ code: 'DSQ_ERR_MANIFEST_PARSE', file: 'pyproject.toml', message: 'broken TOML' }], 3)]]);
  return runAudit(root, { registry });
}

describe('table report', () => {
  it('groups by severity with file:line, rule id and title, lists suppressions and problems, and ends with a summary', async () => {
    const text = renderTable(await report(), { color: pc.createColors(false) });
    const lines = text.split('\n');
    expect(lines[0]).toBe('CRITICAL (1)');
    expect(lines[1]).toMatch(/^ {2}app\.py:3 {2}DSQ-PY-0001 {2}Unsafe YAML load$/);
    expect(text.indexOf('LOW (1)')).toBeGreaterThan(text.indexOf('CRITICAL (1)'));
    expect(text).toContain('SUPPRESSED (1)');
    expect(text).toContain('[comment: trusted CLI tool]');
    expect(text).toContain('PROBLEMS (1): the audit is incomplete');
    expect(text).toContain('pyproject.toml: broken TOML');
    expect(lines.at(-1)).toBe('2 findings: 1 critical, 0 high, 0 medium, 1 low, 0 info · 1 suppressed · 1 problem');
    expect(text).not.toContain('\u001b[');
  });
});

describe('JSON report', () => {
  it('has a stable documented shape', async () => {
    const json = JSON.parse(renderJson(await report(), { version: '0.1.0' })) as Record<string, unknown>;
    expect(Object.keys(json)).toEqual(['version', 'tool', 'root', 'summary', 'findings', 'suppressed', 'problems', 'stats']);
    expect(json.version).toBe(1);
    expect(json.summary).toEqual({ bySeverity: { critical: 1, high: 0, medium: 0, low: 1, info: 0 }, total: 2, suppressed: 1, problems: 1 });
    expect(json.findings).toMatchObject([{ ruleId: 'DSQ-PY-0001', location: { file: 'app.py', line: 3 }, cwe: ['CWE-502'] }, { ruleId: 'DSQ-PY-0003' }]);
    expect(json.suppressed).toMatchObject([{ ruleId: 'DSQ-PY-0002', suppressed: { kind: 'comment', reason: 'trusted CLI tool' } }]);
    expect(json.problems).toEqual([{ scanner: 'code', code: 'DSQ_ERR_MANIFEST_PARSE', file: 'pyproject.toml', message: 'broken TOML' }]);
  });
});
