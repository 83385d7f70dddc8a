import { describe, expect, it } from 'vitest';
import { compareGeneric } from './generic.js';
import { comparePep440, parsePep440 } from './pep440.js';
import { compareSemver } from './semver.js';

/** Asserts `list` is strictly ascending under `cmp`. */
function ascending(cmp: (a: string, b: string) => number, list: string[]): void {
  for (let i = 0; i + 1 < list.length; i++) {
    expect(cmp(list[i]!, list[i + 1]!), `${list[i]} < ${list[i + 1]}`).toBeLessThan(0);
    expect(cmp(list[i + 1]!, list[i]!), `${list[i + 1]} > ${list[i]}`).toBeGreaterThan(0);
  }
}

describe('PEP 440', () => {
  it('orders dev < pre < release < post, and epochs above everything', () => {
    ascending(comparePep440, ['1.0.dev0', '1.0.dev1', '1.0a1.dev1', '1.0a1', '1.0a2', '1.0b1', '1.0rc1', '1.0', '1.0+local.1', '1.0.post1.dev1', '1.0.post1', '1.0.1', '1.1', '2.0', '1!0.1']);
  });
  it('treats spellings and trailing zeros as equal', () => {
    expect(comparePep440('1.0', '1.0.0')).toBe(0);
    expect(comparePep440('1.0alpha1', '1.0a1')).toBe(0);
    expect(comparePep440('1.0-1', '1.0.post1')).toBe(0);
    expect(comparePep440('1.0c1', '1.0rc1')).toBe(0);
    expect(comparePep440('v2.31.0', '2.31')).toBe(0);
    expect(parsePep440('1.0.x')).toBeNull();
  });
  it('compares local versions segment by segment', () => {
    ascending(comparePep440, ['1.0+abc', '1.0+abc.1', '1.0+1', '1.0+2']);
  });
  it('orders the versions real advisories name (requests, django)', () => {
    ascending(comparePep440, ['2.3.0', '2.28.2', '2.30.0', '2.31.0']);
    ascending(comparePep440, ['3.2', '3.2.13', '3.2.14', '4.0', '4.0.5', '4.0.6']);
  });
});

describe('semver (npm, crates.io, Go)', () => {
  it('orders prereleases, Go v-prefixes and pseudo-versions', () => {
    ascending(compareSemver, ['0.0.0-20190101000000-aaaaaaaaaaaa', '0.0.0-20230101000000-bbbbbbbbbbbb', 'v0.1.0', '1.0.0-alpha', '1.0.0-alpha.1', '1.0.0-beta.2', '1.0.0-beta.11', '1.0.0-rc.1', 'v1.0.0', '1.2', '1.10.0']);
    expect(compareSemver('v0.17.0', '0.17.0+incompatible')).toBe(0);
    expect(compareSemver('1.21.0-0', '1.21.0')).toBeLessThan(0);
  });
});

describe('RubyGems / Composer / Maven approximation', () => {
  it('orders qualifiers and numeric segments', () => {
    ascending(compareGeneric, ['2.0-alpha1', '2.0-beta9', '2.0-rc1', '2.0', '2.0.1', '2.3.1', '2.4', '2.12.2', '2.15.0']);
    ascending(compareGeneric, ['1.0.0-SNAPSHOT', '1.0.0', '1.0.0-sp1']);
    ascending(compareGeneric, ['7.0.0.beta1', '7.0.0.rc1', '7.0.0', '7.0.1']);
    expect(compareGeneric('1.0', '1.0.0')).toBe(0);
    expect(compareGeneric('v1.2.3', '1.2.3')).toBe(0);
  });
});
