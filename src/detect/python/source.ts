/**
 * Reading Python source without running it: which files to scan, comments and docstrings blanked
 * (line numbers kept) so examples in docs do not count, module paths from file paths, and the
 * arguments of a call (`uvicorn.run(app, host="0.0.0.0", port=8000)`) as text.
 */
import type { RepoFs } from '../../core/repo/repo-fs.js';
import { sourceFiles } from '../shared/source-files.js';
import { lineAt, lineText } from '../shared/text.js';

export interface PySource {
  file: string;
  /** The file with comments and docstrings blanked: same length, same line breaks. */
  code: string;
  /** The original text, for evidence notes. */
  text: string;
}

/** The Python files of a service, shallow first, read and cleaned once. */
export function readSources(repo: RepoFs, dir: string, max = 400): PySource[] {
  const out: PySource[] = [];
  for (const file of sourceFiles(repo, dir, { extensions: ['py'], max })) {
    const source = readSource(repo, file);
    if (source) out.push(source);
  }
  return out;
}

export function readSource(repo: RepoFs, file: string): PySource | null {
  const text = repo.readText(file);
  return text === null ? null : { file, text, code: blankCommentsAndDocstrings(text) };
}

/**
 * Replaces `#` comments and triple-quoted strings with spaces, keeping every line break, so regexes
 * see only code and still report the right line. Ordinary string literals are kept.
 */
export function blankCommentsAndDocstrings(text: string): string {
  const out: string[] = [];
  let i = 0;
  const blank = (s: string): string => s.replace(/[^\n]/g, ' ');
  while (i < text.length) {
    const ch = text[i]!;
    if (ch === '#') {
      const end = text.indexOf('\n', i);
      const stop = end === -1 ? text.length : end;
      out.push(blank(text.slice(i, stop)));
      i = stop;
    } else if (ch === '"' || ch === "'") {
      const triple = text.startsWith(ch.repeat(3), i);
      const quote = triple ? ch.repeat(3) : ch;
      let j = i + quote.length;
      while (j < text.length && !text.startsWith(quote, j)) {
        if (text[j] === '\\') j++;
        else if (!triple && text[j] === '\n') break; // unterminated: stop at the line end
        j++;
      }
      const end = Math.min(text.length, j + (text.startsWith(quote, j) ? quote.length : 0));
      const literal = text.slice(i, end);
      out.push(triple ? blank(literal) : literal);
      i = end;
    } else {
      out.push(ch);
      i++;
    }
  }
  return out.join('');
}

export interface Located {
  file: string;
  line: number;
  /** The source line, trimmed, for evidence. */
  note: string;
}

export function locate(source: PySource, index: number): Located {
  const line = lineAt(source.code, index);
  return { file: source.file, line, note: lineText(source.text, line) };
}

export interface Assignment extends Located {
  /** The assigned name (`app`). */
  name: string;
  /** Offset of the call's opening parenthesis in `code`. */
  openParen: number;
}

/**
 * Module-level assignments from a call: `app = FastAPI(`, `app: Flask = Flask(`, `celery = Celery(`,
 * and chained ones (`wsgi = app = falcon.App(`, named `app` when one of the names is).
 * Only column-0 statements count, so an app built inside a factory function is not "the" app.
 */
export function topLevelAssignments(source: PySource, callee: string): Assignment[] {
  const re = new RegExp(`^([A-Za-z_]\\w*)\\s*(?::\\s*[\\w.\\[\\], ]+)?=\\s*((?:[A-Za-z_]\\w*\\s*=(?!=)\\s*)*)(?:[A-Za-z_]\\w*\\.)*(?:${callee})\\s*\\(`, 'gm');
  const out: Assignment[] = [];
  for (let m = re.exec(source.code); m !== null; m = re.exec(source.code)) {
    const names = [m[1] ?? '', ...[...(m[2] ?? '').matchAll(/(\w+)\s*=/g)].map((n) => n[1] ?? '')];
    const name = names.find((n) => n === 'app') ?? names.find((n) => n === 'application') ?? names[0] ?? '';
    out.push({ ...locate(source, m.index), name, openParen: m.index + m[0].length - 1 });
  }
  return out;
}

/** Module-level `def name(` (or `async def`) declarations. */
export function topLevelFunctions(source: PySource, name: string): Located[] {
  const re = new RegExp(`^(?:async\\s+)?def\\s+(${name})\\s*\\(`, 'gm');
  const out: Located[] = [];
  for (let m = re.exec(source.code); m !== null; m = re.exec(source.code)) out.push(locate(source, m.index));
  return out;
}

export interface Call extends Located {
  /** The callee as written (`os.environ.get`, `env.bool`). */
  callee: string;
  /** Argument text between the parentheses. */
  args: string;
  /** Offset of the callee in `code`. */
  index: number;
}

/** Every call of `callee(` (a regex source), with its argument text and location. */
export function findCalls(source: PySource, callee: string): Call[] {
  const re = new RegExp(`(?<![\\w.])(?:${callee})\\s*\\(`, 'g');
  const out: Call[] = [];
  for (let m = re.exec(source.code); m !== null; m = re.exec(source.code)) {
    const open = m.index + m[0].length - 1;
    out.push({ ...locate(source, m.index), callee: m[0].slice(0, -1).trim(), args: callArguments(source.code, open), index: m.index });
  }
  return out;
}

/** The text between the parenthesis at `openParen` and its match (or the rest of the file). */
export function callArguments(code: string, openParen: number): string {
  let depth = 0;
  let quote: string | null = null;
  for (let i = openParen; i < code.length; i++) {
    const ch = code[i]!;
    if (quote) {
      if (ch === '\\') i++;
      else if (ch === quote) quote = null;
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '(' || ch === '[' || ch === '{') depth++;
    else if (ch === ')' || ch === ']' || ch === '}') {
      depth--;
      if (depth === 0) return code.slice(openParen + 1, i);
    }
  }
  return code.slice(openParen + 1);
}

/** Splits call arguments on top-level commas. */
export function splitArguments(args: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let quote: string | null = null;
  let start = 0;
  for (let i = 0; i < args.length; i++) {
    const ch = args[i]!;
    if (quote) {
      if (ch === '\\') i++;
      else if (ch === quote) quote = null;
    } else if (ch === '"' || ch === "'") quote = ch;
    else if ('([{'.includes(ch)) depth++;
    else if (')]}'.includes(ch)) depth--;
    else if (ch === ',' && depth === 0) {
      out.push(args.slice(start, i).trim());
      start = i + 1;
    }
  }
  const last = args.slice(start).trim();
  if (last !== '') out.push(last);
  return out;
}

/** The expression passed as keyword `name=` in call arguments, or null. */
export function keywordArgument(args: string, name: string): string | null {
  for (const arg of splitArguments(args)) {
    const m = new RegExp(`^${name}\\s*=(?!=)\\s*([\\s\\S]+)$`).exec(arg);
    if (m?.[1]) return m[1].trim();
  }
  return null;
}

/** The nth positional argument (0-based), skipping keywords, or null. */
export function positionalArgument(args: string, index: number): string | null {
  const positional = splitArguments(args).filter((a) => !/^\*{0,2}[A-Za-z_]\w*\s*=(?!=)/.test(a) && !a.startsWith('*'));
  return positional[index] ?? null;
}

/** The value of a plain string literal (`"x"`, `'x'`, `r"x"`, `f"x"` kept with its braces), or null. */
export function stringLiteral(expr: string | null | undefined): string | null {
  if (!expr) return null;
  const m = /^[rRbBuUfF]{0,2}(["'])((?:\\.|(?!\1)[^\\])*)\1$/.exec(expr.trim());
  return m ? (m[2] ?? '') : null;
}

/** The module-level value expression of `NAME = …` in a file (single line), or null. */
export function moduleConstant(source: PySource, name: string): { expr: string; line: number } | null {
  const re = new RegExp(`^${name}\\s*(?::[^=\\n]+)?=\\s*(.+)$`, 'm');
  const m = re.exec(source.code);
  if (!m?.[1]) return null;
  return { expr: m[1].trim(), line: lineAt(source.code, m.index) };
}

export interface ModuleRef {
  /** Dotted module path (`app.main`, `pkg` for `pkg/__init__.py`). */
  module: string;
  /** The directory, relative to the service, Python must import from ('' = the service dir, 'src' for src layouts). */
  appDir: string;
}

/**
 * The import path of a file relative to the service directory. A `src/` layout imports from `src`;
 * anything else is imported the way users run it from the service root (`uvicorn app.main:app`).
 */
export function moduleOf(dir: string, file: string): ModuleRef {
  let local = dir === '' ? file : file.slice(dir.length + 1);
  let appDir = '';
  if (local.startsWith('src/')) {
    appDir = 'src';
    local = local.slice(4);
  }
  const module = local.replace(/\.py$/, '').replace(/\/__init__$/, '').split('/').join('.');
  return { module, appDir };
}

/** The file a dotted module names, relative to `base` (a package's `__init__.py` or a module file). */
export function moduleFile(repo: RepoFs, base: string, module: string): string | null {
  const rel = module.split('.').join('/');
  for (const root of [base, base === '' ? 'src' : `${base}/src`]) {
    const prefix = root === '' ? '' : `${root}/`;
    for (const candidate of [`${prefix}${rel}.py`, `${prefix}${rel}/__init__.py`]) if (repo.isFile(candidate)) return candidate;
  }
  return null;
}

/** Whether the file imports a module (`import fastapi`, `from fastapi import …`, `import streamlit as st`). */
export function imports(source: PySource, module: string): boolean {
  const m = module.replace(/\./g, '\\.');
  return new RegExp(`^\\s*(?:from\\s+${m}(?:\\.[\\w.]+)?\\s+import\\b|import\\s+[\\w., ]*\\b${m}\\b)`, 'm').test(source.code);
}

/** File name without directories. */
export function baseName(file: string): string {
  return file.slice(file.lastIndexOf('/') + 1);
}

/** Directory part of a repo-relative path ('' for the root). */
export function dirName(file: string): string {
  return file.includes('/') ? file.slice(0, file.lastIndexOf('/')) : '';
}
