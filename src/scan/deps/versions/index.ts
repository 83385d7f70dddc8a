/** The version ordering for each OSV ecosystem. */
import { compareGeneric } from './generic.js';
import { comparePep440 } from './pep440.js';
import { compareSemver } from './semver.js';

export type Comparator = (a: string, b: string) => number;

export function comparatorFor(ecosystem: string): Comparator {
  switch (ecosystem) {
    case 'npm':
    case 'crates.io':
    case 'Go':
      return compareSemver;
    case 'PyPI':
      return comparePep440;
    default:
      return compareGeneric;
  }
}

export { compareGeneric, comparePep440, compareSemver };
