import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cvss3BaseScore } from './cvss.js';
import { matchRecord } from './match.js';
import { OfflineSource } from './offline.js';

const FIXTURES = path.join(import.meta.dirname, '..', 'fixtures');

describe('CVSS v3 base score', () => {
  it.each([
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', 9.8],
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:H/A:H', 9.1],
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H', 10],
    ['CVSS:3.1/AV:N/AC:H/PR:N/UI:R/S:C/C:H/I:N/A:N', 6.1],
    ['CVSS:3.0/AV:N/AC:L/PR:L/UI:N/S:U/C:L/I:L/A:L', 6.3],
    ['CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:N/I:N/A:N', 0],
    ['CVSS:3.1/AV:N/AC:L/PR:H/UI:R/S:C/C:L/I:L/A:N', 4.8],
  ])('%s → %s', (vector, score) => {
    expect(cvss3BaseScore(vector)).toBe(score);
  });
  it('returns null for v2/v4 vectors and junk', () => {
    expect(cvss3BaseScore('AV:N/AC:L/Au:N/C:P/I:P/A:P')).toBeNull();
    expect(cvss3BaseScore('CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N')).toBeNull();
    expect(cvss3BaseScore('CVSS:3.1/AV:X')).toBeNull();
  });
});

describe('matching real advisories', () => {
  const db = new OfflineSource(FIXTURES);
  const match = (eco: string, name: string, version: string, id: string) => {
    const record = db.lookupSync(eco, name).find((r) => r.id === id);
    expect(record, `${id} indexed under ${eco}/${name}`).toBeDefined();
    return matchRecord(record!, eco, name, version);
  };

  it('lodash CVE-2019-10744: affected below 4.17.12, fixed in 4.17.12', () => {
    expect(match('npm', 'lodash', '4.17.11', 'GHSA-jf85-cpcp-j695')?.fixed).toEqual(['4.17.12']);
    expect(match('npm', 'lodash', '4.17.12', 'GHSA-jf85-cpcp-j695')).toBeNull();
  });
  it('minimist CVE-2021-44906: two affected ranges with their own fixes', () => {
    expect(match('npm', 'minimist', '0.0.8', 'GHSA-xvch-5gv4-984h')?.fixed).toEqual(['0.2.4']);
    expect(match('npm', 'minimist', '1.2.5', 'GHSA-xvch-5gv4-984h')?.fixed).toEqual(['1.2.6']);
    expect(match('npm', 'minimist', '0.2.4', 'GHSA-xvch-5gv4-984h')).toBeNull();
    expect(match('npm', 'minimist', '1.2.6', 'GHSA-xvch-5gv4-984h')).toBeNull();
  });
  it('PyPI names are normalised and PEP 440 decides (PyYAML 5.4b2 is affected, 5.4 is not)', () => {
    expect(match('PyPI', 'PyYAML', '5.3.1', 'PYSEC-2021-142')).not.toBeNull();
    expect(match('PyPI', 'PyYAML', '5.4b2', 'PYSEC-2021-142')).not.toBeNull();
    expect(match('PyPI', 'pyyaml', '5.4', 'PYSEC-2021-142')).toBeNull();
  });
  it('Django CVE-2022-34265: 3.2.x and 4.0.x branches; 3.1 never affected', () => {
    expect(match('PyPI', 'Django', '3.2.13', 'PYSEC-2022-213')?.fixed).toEqual(['3.2.14', '4.0.6']);
    expect(match('PyPI', 'Django', '4.0.5', 'PYSEC-2022-213')?.fixed).toEqual(['4.0.6']);
    expect(match('PyPI', 'Django', '3.2.14', 'PYSEC-2022-213')).toBeNull();
    expect(match('PyPI', 'Django', '3.1.14', 'PYSEC-2022-213')).toBeNull();
  });
  it('requests CVE-2023-32681: GIT ranges are skipped, the ECOSYSTEM range decides', () => {
    expect(match('PyPI', 'requests', '2.30.0', 'PYSEC-2023-74')?.fixed).toEqual(['2.31.0']);
    expect(match('PyPI', 'requests', '2.2.1', 'PYSEC-2023-74')).toBeNull();
  });
  it('golang.org/x/net (Go v-versions and pseudo-versions)', () => {
    expect(match('Go', 'golang.org/x/net', 'v0.15.0', 'GO-2023-2102')?.fixed).toEqual(['0.17.0']);
    expect(match('Go', 'golang.org/x/net', 'v0.0.0-20220722155237-a158d28d115b', 'GO-2023-2102')).not.toBeNull();
    expect(match('Go', 'golang.org/x/net', 'v0.17.0', 'GO-2023-2102')).toBeNull();
  });
  it('crates.io smallvec RUSTSEC-2021-0003 and Maven log4j-core CVE-2021-44228', () => {
    expect(match('crates.io', 'smallvec', '1.6.0', 'RUSTSEC-2021-0003')?.fixed).toEqual(['1.6.1']);
    expect(match('crates.io', 'smallvec', '0.6.2', 'RUSTSEC-2021-0003')).toBeNull();
    expect(match('Maven', 'org.apache.logging.log4j:log4j-core', '2.14.1', 'GHSA-jfh8-c2jp-5v3q')?.fixed).toEqual(['2.15.0']);
    expect(match('Maven', 'org.apache.logging.log4j:log4j-core', '2.0-beta9', 'GHSA-jfh8-c2jp-5v3q')).not.toBeNull();
    expect(match('Maven', 'org.apache.logging.log4j:log4j-core', '2.0-beta8', 'GHSA-jfh8-c2jp-5v3q')).toBeNull();
    expect(match('Maven', 'org.apache.logging.log4j:log4j-core', '2.17.1', 'GHSA-jfh8-c2jp-5v3q')).toBeNull();
  });
  it('honours last_affected, versions lists and withdrawn records', () => {
    const base = { id: 'X-1', affected: [{ package: { ecosystem: 'npm', name: 'a' }, ranges: [{ type: 'SEMVER', events: [{ introduced: '1.0.0' }, { last_affected: '1.5.1' }] }], versions: ['0.9.0'] }] };
    expect(matchRecord(base, 'npm', 'a', '1.5.1')).not.toBeNull();
    expect(matchRecord(base, 'npm', 'a', '1.5.2')).toBeNull();
    expect(matchRecord(base, 'npm', 'a', '0.9.0')).not.toBeNull();
    expect(matchRecord({ ...base, withdrawn: '2024-01-01T00:00:00Z' }, 'npm', 'a', '1.2.0')).toBeNull();
  });
});
