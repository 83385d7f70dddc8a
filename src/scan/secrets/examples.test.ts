/**
 * Precision check: the example apps hold no real secrets (only dev defaults, placeholders and
 * lockfile hashes), so the scanner must report nothing in any of them.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RepoFs } from '../../core/repo/repo-fs.js';
import { EXAMPLES_DIR } from '../../../test/helpers.js';
import { secretsScanner } from './index.js';

const examples = fs.readdirSync(EXAMPLES_DIR).filter((name) => fs.statSync(path.join(EXAMPLES_DIR, name)).isDirectory());

describe('secrets scanner on examples/', () => {
  it('reports no secret in any example', async () => {
    const reported: string[] = [];
    for (const name of examples) {
      const root = path.join(EXAMPLES_DIR, name);
      const out = await secretsScanner.scan(RepoFs.open(root), { root });
      for (const f of out.findings) reported.push(`${name}/${f.location.file}:${f.location.line} ${f.ruleId} ${f.message}`);
    }
    expect(reported).toEqual([]);
  }, 30_000);
});
