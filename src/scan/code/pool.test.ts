import fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../../test/helpers.js';
import type { Batch, BatchResult, WorkerSetup } from './pool.js';
import { loadRulesOf } from './rules.js';
import { loadFlatGrammars } from './flat/grammar.js';
import { parseAhead } from './run-file.js';

// The worker thread runs tsc's output (dist/, built by `npm test`); the sources alone have no worker.
const ENTRY = process.env['DEVSQUAD_TEST_WORKER'] ?? path.join(REPO_ROOT, 'dist/scan/code/worker-entry.js');

/** A ~4 KB Express module (like the benchmark corpus) with one SQL injection at line 6. */
function module(i: number): string {
  const handlers = Array.from({ length: 24 }, (_, k) => `router.get('/r${i}/${k}', async (req, res) => {\n  const rows = await pool.query('SELECT * FROM t${k} WHERE id = $1', [req.params.id]);\n  res.json({ rows, page: ${k} });\n});\n`);
  return `const express = require('express');\nconst { pool } = require('../db');\nconst router = express.Router();\n\nrouter.get('/search${i}', async (req, res) => {\n  res.json(await pool.query("SELECT * FROM items WHERE name = '" + req.query.q + "'"));\n});\n${handlers.join('')}module.exports = router;\n`;
}

describe.skipIf(!fs.existsSync(ENTRY))('code scan worker thread', () => {
  // flat: false parses with @ast-grep/napi (native trees freed by finalizers), true into flat trees
  // (flat/tree.ts); 'parsed': this thread parses every file and the worker only analyses (scan.ts with one worker).
  it.each([false, true, 'parsed'] as const)('answers every batch and keeps memory flat while batches always wait (flat trees: %s)', async (mode) => {
    const flat = mode !== false;
    if (mode === 'parsed') expect(await loadFlatGrammars()).toBe(true);
    const setup: WorkerSetup = { rules: [['javascript', loadRulesOf('javascript')]], threads: 2, flat };
    const worker = new Worker(ENTRY, { execArgv: [], workerData: setup });
    const batches = 30;
    const answers: BatchResult[] = [];
    const start = process.memoryUsage.rss();
    let peak = start;
    try {
      await new Promise<void>((resolve, reject) => {
        worker.on('error', reject);
        worker.on('message', (r: BatchResult) => {
          peak = Math.max(peak, process.memoryUsage.rss());
          answers.push(r);
          if (answers.length === batches) resolve();
        });
        // Every batch queued at once: the worker never finds its port empty, the case that leaked.
        for (let id = 0; id < batches; id++) {
          const items: Batch['items'] = Array.from({ length: 16 }, (_, k) => ({ file: `src/routes/m${id * 16 + k}.js`, text: module(id * 16 + k) }));
          const moved: ArrayBuffer[] = [];
          for (const item of mode === 'parsed' ? items : []) {
            item.parsed = parseAhead(item.file, item.text);
            moved.push(item.parsed!.arrays);
          }
          worker.postMessage({ id, items } satisfies Batch, moved);
        }
      });
    } finally {
      await worker.terminate();
    }
    expect(answers.map((a) => a.id)).toEqual([...Array(batches).keys()]);
    const sql = answers.flatMap((a) => a.outcomes.map((o) => (o.kind === 'done' ? o.result.hits.filter((h) => h.rule === 'DSQ-JS-0001').map((h) => h.node.line) : [])));
    expect(sql).toHaveLength(batches * 16);
    expect(sql.every((lines) => lines.length === 1 && lines[0] === 6)).toBe(true);
    // Measured: +240 MB when the trees' finalizers never ran (the worker scanned inside its message
    // handler), +120 MB (a whole worker thread included) now.
    expect((peak - start) / 1048576).toBeLessThan(180);
  }, 60_000);
});
