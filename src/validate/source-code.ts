/**
 * Parse check for generated application code (FileKind 'source'): TypeScript/JavaScript through the
 * TypeScript compiler's parser, Python and Go through ast-grep's tree-sitter grammars (an ERROR or
 * MISSING node is a syntax error). Syntax only: types and imports are the user's build's business.
 * Not registered yet (the lead wires it into src/validate/api.ts); the monitoring parts' tests use it.
 */
import { parse, type SgNode } from '@ast-grep/napi';
import { dynamicGrammar } from '../scan/code/languages.js';
import type ts from 'typescript';
import { typescriptSyntaxProblems } from './typescript-jobs.js';
import type { Diagnostic, RuleInfo } from './types.js';

export const SOURCE_PARSE: RuleInfo = {
  id: 'DSQ-SRC-0001',
  title: 'Source file does not parse',
  severity: 'high',
  recommendation: 'Fix the syntax error; generated code must parse for its language.',
};

// ts.ScriptKind values (TS = 3, TSX = 4, JS = 1, JSX = 2), so the compiler loads only when a file is checked.
const TS_KINDS: Record<string, ts.ScriptKind> = {
  '.ts': 3, '.mts': 3, '.cts': 3, '.tsx': 4,
  '.js': 1, '.mjs': 1, '.cjs': 1, '.jsx': 2,
};

/**
 * ast-grep accepts one dynamic registration per process: src/scan/code/languages.ts registers every
 * grammar at once. A grammar that is not available is skipped (null), never guessed.
 */
function grammar(name: 'python' | 'go'): string | null {
  return dynamicGrammar(name);
}

function extension(path: string): string {
  const dot = path.lastIndexOf('.');
  return dot < 0 ? '' : path.slice(dot).toLowerCase();
}

function diagnostic(file: string, line: number, column: number, message: string): Diagnostic {
  return { ruleId: SOURCE_PARSE.id, severity: SOURCE_PARSE.severity, message, file, line, column, recommendation: SOURCE_PARSE.recommendation };
}

function checkTypeScript(path: string, content: string, kind: ts.ScriptKind): Diagnostic[] {
  return typescriptSyntaxProblems(path, content, kind).map((p) => diagnostic(path, p.line, p.column, p.message));
}

function checkTreeSitter(path: string, content: string, language: 'python' | 'go'): Diagnostic[] {
  const lang = grammar(language);
  if (lang === null) return [];
  const root = parse(lang, content).root();
  const bad: SgNode[] = [...root.findAll({ rule: { kind: 'ERROR' } })];
  const missing = (node: SgNode): void => {
    for (const child of node.children()) {
      // tree-sitter inserts a zero-width token where one is MISSING (an unclosed bracket).
      const { start, end } = child.range();
      if (start.index === end.index && child.isLeaf() && !child.isNamed() && String(child.kind()).trim() !== '') bad.push(child);
      missing(child);
    }
  };
  missing(root);
  return bad.map((node) => {
    const start = node.range().start;
    return diagnostic(path, start.line + 1, start.column + 1, node.kind() === 'ERROR' ? `${language} syntax error near: ${node.text().split('\n')[0]!.slice(0, 60)}` : `${language} syntax error: missing ${node.kind()}`);
  });
}

/** Parse errors of one generated code file, by extension; unknown extensions give nothing. */
export function checkSource(path: string, content: string): Diagnostic[] {
  const ext = extension(path);
  const tsKind = TS_KINDS[ext];
  if (tsKind !== undefined) return checkTypeScript(path, content, tsKind);
  if (ext === '.py') return checkTreeSitter(path, content, 'python');
  if (ext === '.go') return checkTreeSitter(path, content, 'go');
  return [];
}
