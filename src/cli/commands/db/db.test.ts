import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../cli.js';
import { memoryIo } from '../../io.js';
import { testdir } from '../../../../test/helpers.js';

const FIXTURES = path.join(import.meta.dirname, '..', '..', '..', 'scan', 'deps', 'fixtures');

describe('devsquad db (through the CLI)', () => {
  it('imports OSV records into --db-dir and reports them in status', async () => {
    const dbDir = path.join(testdir({}), 'osv');
    const io = memoryIo();
    expect(await main(['db', 'import', FIXTURES, '--db-dir', dbDir], io)).toBe(0);
    expect(io.stdout.join('\n')).toMatch(/Imported 8 OSV records into .*osv\n {2}Go {11}1 records/);
    expect(fs.existsSync(path.join(dbDir, 'PyPI.ndjson'))).toBe(true);
    const status = memoryIo();
    expect(await main(['db', 'status', '--db-dir', dbDir], status)).toBe(0);
    expect(status.stdout.join('\n')).toContain('PyPI         3 records');
  });

  it('exits 3 with DSQ_ERR_DEPS_VULN_DB for a missing source', async () => {
    const io = memoryIo();
    expect(await main(['db', 'import', '/nonexistent/osv.zip', '--db-dir', testdir({})], io)).toBe(3);
    expect(io.stderr.join('\n')).toContain('DSQ_ERR_DEPS_VULN_DB');
  });
});
