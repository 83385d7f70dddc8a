import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { zipSync } from 'fflate';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RepoFs } from '../../core/repo/repo-fs.js';
import { memoryIo } from '../../cli/io.js';
import { dbImport, dbStatus } from '../../cli/commands/db/index.js';
import { testdir } from '../../../test/helpers.js';
import { depsScanner } from './index.js';
import type { OsvRecord } from './osv/types.js';

const FIXTURES = path.join(import.meta.dirname, 'fixtures');
const REAL_OSV = '/work/shared/data/osv';

const NODE_REPO = {
  'package.json': { name: 'app', dependencies: { lodash: '^4.17.0' }, devDependencies: { minimist: '^1.2.0' } },
  'package-lock.json': {
    name: 'app', lockfileVersion: 3,
    packages: {
      '': { name: 'app', dependencies: { lodash: '^4.17.0' }, devDependencies: { minimist: '^1.2.0' } },
      'node_modules/lodash': { version: '4.17.11' },
      'node_modules/minimist': { version: '1.2.5', dev: true },
      'node_modules/mkdirp/node_modules/minimist': { version: '0.0.8', dev: true },
      'node_modules/left-pad': { version: '1.3.0' },
    },
  },
};

const PY_REPO = { 'requirements.txt': 'Django==3.2.13\nPyYAML==5.3.1\nrequests==2.31.0\n' };

let savedEnv: NodeJS.ProcessEnv;
beforeEach(() => {
  savedEnv = { ...process.env };
  // Never touch the user's real cache or the network from tests.
  process.env.DEVSQUAD_VULN_DB = fs.mkdtempSync(path.join(os.tmpdir(), 'devsquad-osv-'));
  delete process.env.DEVSQUAD_OFFLINE;
});
afterEach(() => {
  fs.rmSync(process.env.DEVSQUAD_VULN_DB!, { recursive: true, force: true });
  process.env = savedEnv;
});

async function scan(files: Parameters<typeof testdir>[0], options: { vulnDb?: string; osvApiUrl?: string } = {}) {
  const root = testdir(files);
  return depsScanner.scan(RepoFs.open(root), { root, ...options });
}

describe('offline scan against real advisories', () => {
  it('reports lodash and both minimist copies with ids, severity, fixes, dev/direct and the lockfile line', async () => {
    const out = await scan(NODE_REPO, { vulnDb: FIXTURES });
    expect(out.problems).toEqual([]);
    expect(out.scanned).toBe(4);
    expect(out.findings.map((f) => `${f.ruleId} ${f.title.split(':')[0]}`)).toEqual([
      'DSQ-DEP-GHSA-jf85-cpcp-j695 lodash@4.17.11',
      'DSQ-DEP-GHSA-xvch-5gv4-984h minimist@1.2.5',
      'DSQ-DEP-GHSA-xvch-5gv4-984h minimist@0.0.8',
    ]);
    const [lodash, minimist, nested] = out.findings;
    expect(lodash).toMatchObject({
      severity: 'critical', category: 'dependencies', owasp: 'A06:2021', cwe: ['CWE-1321', 'CWE-20'],
      location: { file: 'package-lock.json', line: 14 },
      recommendation: 'Upgrade lodash to 4.17.12 or later.',
    });
    expect(lodash!.message).toContain('(direct) is affected by GHSA-jf85-cpcp-j695, CVE-2019-10744');
    expect(lodash!.message).toContain('CVSS 9.1');
    expect(minimist!.message).toContain('(direct, dev-only)');
    expect(minimist!.message).toContain('Fixed in: 1.2.6.');
    expect(nested!.message).toContain('(transitive, dev-only)');
    expect(nested!.recommendation).toContain('Upgrade minimist to 0.2.4 or later (it is transitive');
    expect(new Set(out.findings.map((f) => f.fingerprint)).size).toBe(3);
    const again = await scan(NODE_REPO, { vulnDb: FIXTURES });
    expect(again.findings.map((f) => f.fingerprint)).toEqual(out.findings.map((f) => f.fingerprint));
  });

  it('PyPI: PEP 440 ranges, records without severity default to medium and say so', async () => {
    const out = await scan(PY_REPO, { vulnDb: FIXTURES });
    expect(out.findings.map((f) => f.ruleId)).toEqual(['DSQ-DEP-PYSEC-2022-213', 'DSQ-DEP-PYSEC-2021-142']);
    expect(out.findings[0]).toMatchObject({ severity: 'medium', location: { file: 'requirements.txt', line: 1 } });
    expect(out.findings[0]!.message).toContain('not rated by the advisory');
    expect(out.findings[0]!.message).toContain('CVE-2022-34265');
  });

  it('reads a zip of OSV records the same way', async () => {
    const entries: Record<string, Uint8Array> = {};
    for (const f of fs.readdirSync(FIXTURES).filter((n) => n.endsWith('.json'))) entries[f] = fs.readFileSync(path.join(FIXTURES, f));
    const zip = path.join(process.env.DEVSQUAD_VULN_DB!, 'npm-all.zip');
    fs.writeFileSync(zip, zipSync(entries));
    const out = await scan(NODE_REPO, { vulnDb: zip });
    expect(out.findings).toHaveLength(3);
  });

  it('a missing --vuln-db is a problem, not a clean result', async () => {
    const out = await scan(NODE_REPO, { vulnDb: '/nonexistent/osv' });
    expect(out.findings).toEqual([]);
    expect(out.problems).toEqual([expect.objectContaining({ code: 'DSQ_ERR_DEPS_VULN_DB' })]);
  });
});

describe('devsquad db import', () => {
  it('imports a directory into the cache, merges by id, and the scanner uses it offline', async () => {
    const dbDir = process.env.DEVSQUAD_VULN_DB!;
    const io = memoryIo();
    expect(await dbImport({ source: FIXTURES }, io)).toBe(0);
    expect(io.stdout.join('\n')).toContain('Imported 8 OSV records');
    expect(await dbImport({ source: FIXTURES, dbDir }, memoryIo())).toBe(0);
    expect(fs.readFileSync(path.join(dbDir, 'npm.ndjson'), 'utf8').trim().split('\n')).toHaveLength(2);
    const status = memoryIo();
    await dbStatus({ json: true }, status);
    expect(JSON.parse(status.stdout.join(''))).toMatchObject({ dbDir, ecosystems: { npm: 2, PyPI: 3, Go: 1, 'crates.io': 1, Maven: 1 } });
    process.env.DEVSQUAD_OFFLINE = '1';
    const out = await scan(NODE_REPO);
    expect(out.problems).toEqual([]);
    expect(out.findings).toHaveLength(3);
  });

  it('refuses a source with no records', async () => {
    const empty = testdir({ 'README.md': 'nothing' });
    await expect(dbImport({ source: empty }, memoryIo())).rejects.toMatchObject({ code: 'DSQ_ERR_DEPS_VULN_DB' });
  });
});

describe('online scan (a local server standing in for the OSV API)', () => {
  const records = new Map<string, OsvRecord>(fs.readdirSync(FIXTURES).filter((n) => n.endsWith('.json')).map((n) => {
    const r = JSON.parse(fs.readFileSync(path.join(FIXTURES, n), 'utf8')) as OsvRecord;
    return [r.id, r];
  }));
  const requests: Array<{ url: string; body: unknown }> = [];

  async function osvServer(mode: 'ok' | 'fail'): Promise<string> {
    requests.length = 0;
    const server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        requests.push({ url: req.url ?? '', body: body ? JSON.parse(body) : null });
        if (mode === 'fail') {
          res.writeHead(503).end('unavailable');
          return;
        }
        if (req.method === 'POST' && req.url === '/v1/querybatch') {
          const { queries } = JSON.parse(body) as { queries: Array<{ package: { name: string }; version: string; page_token?: string }> };
          const results = queries.map((q) => {
            // lodash answers in two pages, the way the API paginates large result sets.
            if (q.package.name === 'lodash') return q.page_token ? { vulns: [{ id: 'GHSA-jf85-cpcp-j695' }] } : { vulns: [], next_page_token: 'page2' };
            if (q.package.name === 'minimist') return { vulns: [{ id: 'GHSA-xvch-5gv4-984h' }] };
            return {};
          });
          res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ results }));
          return;
        }
        const id = decodeURIComponent((req.url ?? '').replace('/v1/vulns/', ''));
        const record = records.get(id);
        if (record) res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(record));
        else res.writeHead(404).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    onTestFinishedClose(server);
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  it('batches queries, follows next_page_token, fetches each record once', async () => {
    const url = await osvServer('ok');
    const out = await scan(NODE_REPO, { osvApiUrl: url });
    expect(out.problems).toEqual([]);
    expect(out.findings.map((f) => f.ruleId)).toEqual(['DSQ-DEP-GHSA-jf85-cpcp-j695', 'DSQ-DEP-GHSA-xvch-5gv4-984h', 'DSQ-DEP-GHSA-xvch-5gv4-984h']);
    const batches = requests.filter((r) => r.url === '/v1/querybatch');
    expect(batches).toHaveLength(2);
    expect((batches[0]!.body as { queries: unknown[] }).queries).toHaveLength(4);
    expect(batches[1]!.body).toEqual({ queries: [{ package: { name: 'lodash', ecosystem: 'npm' }, version: '4.17.11', page_token: 'page2' }] });
    expect(requests.filter((r) => r.url.startsWith('/v1/vulns/')).map((r) => r.url).sort()).toEqual(['/v1/vulns/GHSA-jf85-cpcp-j695', '/v1/vulns/GHSA-xvch-5gv4-984h']);
  });

  it('splits more than 1,000 packages into batches of at most 1,000, and reads lockfiles over 1 MiB', async () => {
    const url = await osvServer('ok');
    const packages: Record<string, unknown> = { '': { name: 'big' } };
    for (let i = 0; i < 1500; i++) packages[`node_modules/pkg-${i}`] = { version: '1.0.0', resolved: `https://registry.npmjs.org/pkg-${i}/-/pkg-${i}-1.0.0.tgz`, integrity: `sha512-${'x'.repeat(700)}` };
    const lock = JSON.stringify({ name: 'big', lockfileVersion: 3, packages }, null, 2);
    expect(lock.length).toBeGreaterThan(1024 * 1024);
    const out = await scan({ 'package-lock.json': lock }, { osvApiUrl: url });
    expect(out.problems).toEqual([]);
    expect(out.scanned).toBe(1500);
    expect(requests.filter((r) => r.url === '/v1/querybatch').map((r) => (r.body as { queries: unknown[] }).queries.length)).toEqual([1000, 500]);
  });

  it('an unreachable or failing API is a problem (no silent "no vulnerabilities")', async () => {
    const url = await osvServer('fail');
    const out = await scan(NODE_REPO, { osvApiUrl: url });
    expect(out.findings).toEqual([]);
    expect(out.problems).toEqual([expect.objectContaining({ code: 'DSQ_ERR_DEPS_OSV_UNREACHABLE', message: expect.stringContaining('HTTP 503') })]);
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const refused = await scan(NODE_REPO, { osvApiUrl: `http://127.0.0.1:${port}` });
    expect(refused.problems[0]).toMatchObject({ code: 'DSQ_ERR_DEPS_OSV_UNREACHABLE', message: expect.stringContaining('ECONNREFUSED') });
  });

  it('falls back to the imported database when the API is down, and says so', async () => {
    await dbImport({ source: FIXTURES }, memoryIo());
    const url = await osvServer('fail');
    const out = await scan(NODE_REPO, { osvApiUrl: url });
    expect(out.findings).toHaveLength(3);
    expect(out.problems[0]!.message).toContain('Used the local vulnerability database');
  });
});

describe.skipIf(!fs.existsSync(path.join(REAL_OSV, 'PyPI-all.zip')))('the real OSV exports (/work/shared/data/osv)', () => {
  it('finds the PyPA advisories for old Django and PyYAML, and only loads the PyPI zip', async () => {
    const out = await scan(PY_REPO, { vulnDb: REAL_OSV });
    const ids = out.findings.map((f) => f.ruleId);
    expect(ids).toContain('DSQ-DEP-PYSEC-2021-142');
    expect(ids).toContain('DSQ-DEP-PYSEC-2022-213');
    expect(ids).not.toContain('DSQ-DEP-PYSEC-2023-74');
  });

  it('npm (Node.js Security WG records) and Go (golang/vulndb) too', async () => {
    const out = await scan({
      ...NODE_REPO,
      'package-lock.json': { lockfileVersion: 3, packages: { '': {}, 'node_modules/lodash': { version: '4.17.15' } } },
      'svc/go.mod': 'module example.com/svc\n\ngo 1.21\n\nrequire golang.org/x/net v0.15.0\n',
      'svc/go.sum': '',
    }, { vulnDb: REAL_OSV });
    const ids = out.findings.map((f) => f.ruleId);
    expect(ids).toContain('DSQ-DEP-NSWG-ECO-516');
    expect(ids).toContain('DSQ-DEP-GO-2023-2102');
    expect(out.findings.find((f) => f.ruleId === 'DSQ-DEP-GO-2023-2102')).toMatchObject({ location: { file: 'svc/go.mod', line: 5 } });
  });
});

function onTestFinishedClose(server: http.Server): void {
  afterEach(() => new Promise<void>((resolve) => server.close(() => resolve())));
}
