/**
 * Test harness (used by the slo and alerts tests only): writes generated files to a temp directory
 * and runs the real `promtool check rules` and `promtool test rules` on them. Tests skip when
 * promtool is not installed (Debian package `prometheus`; CI installs it).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { GeneratedFile } from '../../types.js';

export const promtoolAvailable: boolean = (() => {
  try {
    execFileSync('which', ['promtool'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

export interface PromtoolResult {
  ok: boolean;
  output: string;
}

/** Writes the files under a temp root and runs check rules on every rules file and test rules on every test file. */
export function runPromtool(files: readonly GeneratedFile[]): PromtoolResult {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'devsquad-promtool-'));
  try {
    for (const file of files) {
      fs.mkdirSync(path.dirname(path.join(root, file.path)), { recursive: true });
      fs.writeFileSync(path.join(root, file.path), file.content);
    }
    const rules = files.filter((f) => f.kind === 'prometheus-rules').map((f) => f.path);
    const tests = files.filter((f) => f.path.endsWith('.test.yml')).map((f) => f.path);
    let output = '';
    let ok = true;
    for (const [args, cwd] of [[['check', 'rules', ...rules], root], [['test', 'rules', ...tests.map((t) => path.basename(t))], path.join(root, 'monitoring/prometheus/tests')]] as const) {
      if (args.length === 2) continue;
      const run = spawnSync('promtool', args, { cwd, encoding: 'utf8' });
      output += `${run.stdout}${run.stderr}`;
      ok &&= run.status === 0;
    }
    return { ok, output };
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}
