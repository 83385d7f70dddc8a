/**
 * Rust sources of one binary and just enough Rust expression syntax to follow a bind address:
 * balanced arguments, top-level commas, string literals (a `'` is a char literal only when it
 * closes right away, so lifetimes like `&'static str` do not swallow the line).
 */
import type { RepoFs } from '../../core/repo/repo-fs.js';
import { stripCComments } from '../shared/text.js';
import type { CargoBin, CargoManifest } from './cargo.js';

export interface RustFile {
  file: string;
  code: string;
  raw: string;
}

const MAX_FILES = 400;
/** Test helpers compiled only under cfg(test): their ports and env reads are not the app's. */
const TEST_FILE = /\/src\/(?:.*\/)?(tests?|test_utils?|testing|fixtures?|benches)(\/|\.rs$)|_tests?\.rs$/;

/**
 * The files compiled into `bin`: its own main first, then the package's other sources (not the
 * other binaries' mains, tests, benches or examples), then its path dependencies' sources.
 */
export function binSources(repo: RepoFs, manifest: CargoManifest, bin: CargoBin, pathDeps: readonly string[]): RustFile[] {
  const otherBins = manifest.bins.filter((b) => b !== bin).map((b) => b.file);
  const otherBinDirs = otherBins.filter((f) => f.endsWith('/main.rs') && f.includes('/src/bin/')).map((f) => f.slice(0, -'/main.rs'.length) + '/');
  const names = [bin.file];
  for (const file of repo.glob('src/**/*.rs', { cwd: manifest.dir })) {
    if (file === bin.file || otherBins.includes(file) || otherBinDirs.some((d) => file.startsWith(d)) || TEST_FILE.test(file)) continue;
    names.push(file);
  }
  for (const dep of pathDeps) names.push(...repo.glob('src/**/*.rs', { cwd: dep }).filter((f) => !TEST_FILE.test(f)));
  const out: RustFile[] = [];
  for (const file of names.slice(0, MAX_FILES)) {
    const raw = repo.readText(file);
    if (raw !== null) out.push({ file, raw, code: stripCComments(raw) });
  }
  return out;
}

function skipQuoted(text: string, i: number): number {
  const c = text[i];
  if (c === "'") {
    // 'a' or '\n' is a char literal; anything else ('static, 'a) is a lifetime.
    if (text[i + 1] === '\\' && text[i + 3] === "'") return i + 3;
    if (text[i + 2] === "'") return i + 2;
    return i;
  }
  for (let j = i + 1; j < text.length; j++) {
    if (text[j] === '\\') j++;
    else if (text[j] === '"') return j;
  }
  return text.length;
}

/** The arguments of the call whose `(` is at `open`. */
export function callArgs(code: string, open: number): { args: string[]; end: number } | null {
  if (code[open] !== '(') return null;
  let depth = 0;
  for (let i = open; i < code.length && i < open + 3000; i++) {
    const c = code[i];
    if (c === '"' || c === "'") {
      i = skipQuoted(code, i);
      continue;
    }
    if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') {
      depth--;
      if (depth === 0) {
        const inner = code.slice(open + 1, i).trim();
        return { args: inner === '' ? [] : splitTopLevel(inner), end: i };
      }
    }
  }
  return null;
}

/** Splits at commas outside brackets and strings (closures' `|a, b|` are rare enough to ignore). */
export function splitTopLevel(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"' || c === "'") {
      i = skipQuoted(text, i);
      continue;
    }
    if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') depth--;
    else if (c === ',' && depth === 0) {
      out.push(text.slice(start, i).trim());
      start = i + 1;
    }
  }
  out.push(text.slice(start).trim());
  return out.filter((p) => p !== '');
}

/** The statement starting at `start`, up to the `;` that ends it at depth 0 (or a closing brace). */
export function statementAt(code: string, start: number): string {
  let depth = 0;
  for (let i = start; i < code.length && i < start + 3000; i++) {
    const c = code[i];
    if (c === '"' || c === "'") {
      i = skipQuoted(code, i);
      continue;
    }
    if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') {
      if (depth === 0) return code.slice(start, i).trim();
      depth--;
    } else if (c === ';' && depth === 0) return code.slice(start, i).trim();
  }
  return code.slice(start).trim();
}

export function stringLiteral(expr: string): string | null {
  const m = /^"((?:[^"\\]|\\.)*)"$/.exec(expr.trim());
  return m ? (m[1] ?? '') : null;
}

/** 8080, 8080u16, 8_080_u16 → '8080'. */
export function numberLiteral(expr: string): string | null {
  const m = /^(\d[\d_]*?)_?(?:u16|u32|u64|usize|i32|i64)?$/.exec(expr.trim());
  return m ? (m[1] ?? '').replace(/_/g, '') : null;
}

export function escapeRe(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
