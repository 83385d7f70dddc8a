/**
 * Test harness for the app-side parts (otel SDK, sentry, health, logging): every generated code file
 * parses (checkSource), Python files also compile with `python3 -m py_compile` and Go files pass
 * `gofmt -e` when those tools are installed (tests skip them cleanly otherwise).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { checkSource } from '../../../validate/source-code.js';
import type { GeneratedFile } from '../../types.js';

function has(tool: string): boolean {
  try {
    execFileSync('which', [tool], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

export const python3Available = has('python3');
export const gofmtAvailable = has('gofmt');

/** Problems of the generated code files, one line each; empty when everything parses. */
export function codeProblems(files: readonly GeneratedFile[]): string[] {
  const code = files.filter((f) => f.kind === 'source');
  const problems = code.flatMap((f) => checkSource(f.path, f.content).map((d) => `${f.path}:${d.line}:${d.column} ${d.message}`));
  const py = code.filter((f) => f.path.endsWith('.py'));
  const go = code.filter((f) => f.path.endsWith('.go'));
  if ((py.length > 0 && python3Available) || (go.length > 0 && gofmtAvailable)) {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'devsquad-src-'));
    try {
      for (const f of [...py, ...go]) {
        fs.mkdirSync(path.dirname(path.join(root, f.path)), { recursive: true });
        fs.writeFileSync(path.join(root, f.path), f.content);
      }
      if (py.length > 0 && python3Available) {
        const script = 'import sys, py_compile\nfor p in sys.argv[1:]:\n    try:\n        py_compile.compile(p, cfile=p + "c", doraise=True)\n    except py_compile.PyCompileError as e:\n        print(e.msg)';
        const run = spawnSync('python3', ['-c', script, ...py.map((f) => f.path)], { cwd: root, encoding: 'utf8' });
        if (run.stdout.trim() !== '' || run.status !== 0) problems.push(`py_compile: ${run.stdout}${run.stderr}`);
      }
      if (go.length > 0 && gofmtAvailable) {
        const run = spawnSync('gofmt', ['-e', '-l', ...go.map((f) => f.path)], { cwd: root, encoding: 'utf8' });
        if (run.status !== 0) problems.push(`gofmt: ${run.stderr}`);
      }
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  }
  return problems;
}
