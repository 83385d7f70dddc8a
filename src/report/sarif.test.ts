import fs from 'node:fs';
import path from 'node:path';
import type { Log } from 'sarif';
import { describe, expect, it } from 'vitest';
import { testdir } from '../../test/helpers.js';
import { fakeScanner, finding } from '../scan/engine/fake-scanner-testing.js';
import { runAudit } from '../scan/engine/run.js';
import type { Finding } from '../core/finding.js';
import type { Scanner } from '../scan/types.js';
import { renderSarif, FINGERPRINT_KEY } from './sarif.js';
import { sarifProblems } from './sarif-schema-testing.js';

const files = {
  'packages/api/src/db/users.ts': 'import { pool } from "./pool";\nexport const byId = (id: string) => pool.query("SELECT * FROM users WHERE id = " + id);\n// devsquad-ignore: DSQ-JS-0002 -- admin-only debug route\nexec(cmd);\n',
  'deploy/my app/Dockerfile': 'FROM node:20\nUSER root\n',
  'package-lock.json': '{}',
};

/** Dependency scanners may attach a CVSS score to a Finding; the report prefers it. */
function withCvss(f: Finding, cvss: number): Finding {
  return Object.assign(f, { cvss });
}

function scannersFor(root: string): ReadonlyMap<string, Scanner> {
  return new Map<string, Scanner>([
    ['code', fakeScanner('code', [
      finding({ ruleId: 'DSQ-JS-0001', title: 'SQL built from request input', file: 'packages/api/src/db/users.ts', line: 2, severity: 'critical', cwe: ['CWE-89'], owasp: 'A03:2021', confidence: 'high' }),
      finding({ ruleId: 'DSQ-JS-0002', title: 'Command injection', file: path.join(root, 'packages/api/src/db/users.ts'), line: 4, cwe: ['78'], owasp: 'A03:2021-Injection' }),
    ])],
    ['deps', fakeScanner('dependencies', [
      withCvss(finding({ ruleId: 'DSQ-DEP-GHSA-xxxx', title: 'lodash prototype pollution', file: 'package-lock.json', line: 1, category: 'dependencies', cwe: ['CWE-1321'], owasp: 'A06:2021', fingerprint: 'dep-lodash-4.17.20' }), 7.4),
    ], [{ code: 'DSQ_ERR_OSV_UNREACHABLE', message: 'OSV API unreachable' }])],
    ['iac', fakeScanner('iac', [finding({ ruleId: 'DSQ-DF-0002', title: 'Container runs as root', file: './deploy/my app/Dockerfile', line: 2, severity: 'medium', category: 'iac', cwe: ['CWE-250'], owasp: 'A05:2021' })])],
    ['secrets', fakeScanner('secrets', [])],
  ]);
}

async function sarifFor(root: string): Promise<Log> {
  return renderSarif(await runAudit(root, { registry: scannersFor(root) }), { version: '0.1.0' });
}

describe('SARIF report', () => {
  it('passes the SARIF 2.1.0 schema and GitHub upload rules, with one run per category', async () => {
    const root = testdir(files);
    const log = await sarifFor(root);
    expect(sarifProblems(log)).toEqual([]);
    expect(log.version).toBe('2.1.0');
    expect(log.runs.map((r) => r.automationDetails?.id)).toEqual(['devsquad/code/', 'devsquad/secrets/', 'devsquad/dependencies/', 'devsquad/iac/']);
    expect(log.runs[1]!.results).toEqual([]);
    const deps = log.runs[2]!;
    expect(deps.invocations?.[0]).toMatchObject({ executionSuccessful: false, toolExecutionNotifications: [{ level: 'error', message: { text: 'OSV API unreachable' } }] });
    expect(log.runs[0]!.originalUriBaseIds?.['%SRCROOT%']?.uri).toMatch(/^file:\/\/.*\/$/);
  });

  it('writes URIs relative to the scanned root for nested, absolute and spaced paths', async () => {
    const root = testdir(files);
    const uris = (await sarifFor(root)).runs.flatMap((r) => (r.results ?? []).map((x) => x.locations?.[0]?.physicalLocation?.artifactLocation));
    expect(uris).toEqual([
      { uri: 'packages/api/src/db/users.ts', uriBaseId: '%SRCROOT%' },
      { uri: 'packages/api/src/db/users.ts', uriBaseId: '%SRCROOT%' },
      { uri: 'package-lock.json', uriBaseId: '%SRCROOT%' },
      { uri: 'deploy/my%20app/Dockerfile', uriBaseId: '%SRCROOT%' },
    ]);
  });

  it('tags rules with security, their CWE ids and OWASP 2021 category, and scores security-severity', async () => {
    const root = testdir(files);
    const log = await sarifFor(root);
    const rules = Object.fromEntries(log.runs.flatMap((r) => r.tool.driver.rules ?? []).map((r) => [r.id, r]));
    expect(rules['DSQ-JS-0001']!.properties).toMatchObject({ tags: ['security', 'code', 'CWE-89', 'A03:2021'], 'security-severity': '9.5', precision: 'high' });
    expect(rules['DSQ-JS-0002']!.properties?.tags).toEqual(['security', 'code', 'CWE-78', 'A03:2021']);
    expect(rules['DSQ-DEP-GHSA-xxxx']!.properties?.['security-severity']).toBe('7.4');
    expect(rules['DSQ-DF-0002']!.properties?.['security-severity']).toBe('5.5');
    expect(rules['DSQ-JS-0001']).toMatchObject({ name: 'SqlBuiltFromRequestInput', defaultConfiguration: { level: 'error' }, shortDescription: { text: 'SQL built from request input' } });
    expect(rules['DSQ-JS-0001']!.help?.markdown).toContain('https://cwe.mitre.org/data/definitions/89.html');
  });

  it('marks suppressed findings with an inSource suppression and its justification', async () => {
    const root = testdir(files);
    const result = (await sarifFor(root)).runs[0]!.results!.find((r) => r.ruleId === 'DSQ-JS-0002')!;
    expect(result.suppressions).toEqual([{ kind: 'inSource', status: 'accepted', justification: 'admin-only debug route' }]);
  });

  it('keeps partial fingerprints stable across runs and when lines shift', async () => {
    const root = testdir(files);
    const fingerprints = (log: Log): Record<string, string> => Object.fromEntries(log.runs.flatMap((r) => (r.results ?? []).map((x) => [x.ruleId, x.partialFingerprints![FINGERPRINT_KEY]!])));
    const first = fingerprints(await sarifFor(root));
    expect(fingerprints(await sarifFor(root))).toEqual(first);
    const file = path.join(root, 'packages/api/src/db/users.ts');
    fs.writeFileSync(file, `// header added\n\n${fs.readFileSync(file, 'utf8')}`);
    const shifted = new Map(scannersFor(root));
    shifted.set('code', fakeScanner('code', [
      finding({ ruleId: 'DSQ-JS-0001', title: 'SQL built from request input', file: 'packages/api/src/db/users.ts', line: 4, severity: 'critical', cwe: ['CWE-89'] }),
      finding({ ruleId: 'DSQ-JS-0002', title: 'Command injection', file: 'packages/api/src/db/users.ts', line: 6, cwe: ['CWE-78'] }),
    ]));
    const after = fingerprints(renderSarif(await runAudit(root, { registry: shifted }), { version: '0.1.0' }));
    expect(after).toEqual(first);
    expect(new Set(Object.values(first)).size).toBe(4);
  });
});

describe('SARIF checker', () => {
  it('rejects what GitHub would reject (so the passing tests above mean something)', () => {
    const bad = { version: '2.1.0', runs: [{ tool: { driver: { name: 'x', rules: [{ id: 'R1', properties: { 'security-severity': 9 } }] } }, results: [{ ruleId: 'R1', level: 'fatal', message: { text: 'm' }, locations: [{ physicalLocation: { artifactLocation: { uri: '/abs/file.js' }, region: { startLine: 0 } } }] }] }] };
    const problems = sarifProblems(bad).join('\n');
    for (const expected of ['schema', 'automationDetails', 'security-severity', 'not relative', 'startLine', 'partialFingerprints']) expect(problems).toContain(expected);
  });
});
