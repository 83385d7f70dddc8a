/** docs/monitoring/metrics.md documents the metric contract: its table and bucket list match metrics.ts. */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../../../test/helpers.js';
import { DURATION_BUCKETS, METRICS, METRICS_PATH } from './metrics.js';

const doc = fs.readFileSync(path.join(REPO_ROOT, 'docs/monitoring/metrics.md'), 'utf8');
const rows = doc.split('\n').filter((l) => /^\| `/.test(l)).map((l) => l.split('|').slice(1, -1).map((c) => c.trim()));

describe('docs/monitoring/metrics.md', () => {
  it('has one row per contract metric, in order, with its type, unit and labels', () => {
    expect(rows.map(([name, type, unit, labels]) => ({ name: name!.replaceAll('`', ''), type, unit, labels: labels!.split(/,\s*/) }))).toEqual(
      METRICS.map((m) => ({ name: m.name, type: m.type, unit: m.unit, labels: [...m.labels] })),
    );
  });

  it('lists the histogram buckets and the metrics path', () => {
    expect(doc).toContain(DURATION_BUCKETS.join(', '));
    expect(doc).toContain(`\`${METRICS_PATH}\``);
  });
});
