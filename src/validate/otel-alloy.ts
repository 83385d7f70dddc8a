/**
 * Grafana Alloy config check, structural: a tokenizer and a small parser for Alloy's block syntax
 * (`name "label" { attr = expr … }`) find unbalanced brackets, unterminated strings and malformed
 * statements (DSQ-OTEL-0010); top-level component names are checked against the known components
 * (0011); and references such as `loki.write.default.receiver` must name a declared component (0012).
 * It does not type-check arguments: that needs Alloy itself (`alloy fmt`, `alloy run`).
 */
import type { Diagnostic, RuleInfo, ValidatorInput } from './types.js';
import { ALLOY_COMPONENTS, ALLOY_CONFIG_BLOCKS, OTEL_RULES } from './otel-rules.js';

type Kind = 'name' | 'string' | 'number' | 'punct' | 'newline' | 'eof';
interface Token { kind: Kind; text: string; line: number }

class SyntaxProblem extends Error {
  constructor(message: string, readonly line: number) {
    super(message);
  }
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let line = 1;
  for (let i = 0; i < text.length; ) {
    const ch = text[i]!;
    const rest = text.slice(i);
    if (ch === '\n') {
      tokens.push({ kind: 'newline', text: ch, line });
      line++;
      i++;
    } else if (/\s/.test(ch)) {
      i++;
    } else if (rest.startsWith('//')) {
      const end = text.indexOf('\n', i);
      i = end === -1 ? text.length : end;
    } else if (rest.startsWith('/*')) {
      const end = text.indexOf('*/', i + 2);
      if (end === -1) throw new SyntaxProblem('unterminated /* comment', line);
      line += (text.slice(i, end).match(/\n/g) ?? []).length;
      i = end + 2;
    } else if (ch === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"' && text[j] !== '\n') j += text[j] === '\\' ? 2 : 1;
      if (text[j] !== '"') throw new SyntaxProblem('unterminated string', line);
      tokens.push({ kind: 'string', text: text.slice(i, j + 1), line });
      i = j + 1;
    } else if (ch === '`') {
      const end = text.indexOf('`', i + 1);
      if (end === -1) throw new SyntaxProblem('unterminated raw string', line);
      tokens.push({ kind: 'string', text: text.slice(i, end + 1), line });
      line += (text.slice(i, end).match(/\n/g) ?? []).length;
      i = end + 1;
    } else {
      const name = /^[A-Za-z_]\w*(\.[A-Za-z_]\w*)*/.exec(rest);
      const number = /^\d[\d_.eE+-]*/.exec(rest);
      const op = /^(==|!=|<=|>=|&&|\|\||[{}[\]()=,:.+\-*/%<>!^?])/.exec(rest);
      const match = name ?? number ?? op;
      if (match === null) throw new SyntaxProblem(`unexpected character ${JSON.stringify(ch)}`, line);
      tokens.push({ kind: name !== null ? 'name' : number !== null ? 'number' : 'punct', text: match[0], line });
      i += match[0].length;
    }
  }
  tokens.push({ kind: 'eof', text: '', line });
  return tokens;
}

export interface AlloyBlock { name: string; label: string | null; line: number; depth: number }
export interface AlloyReference { path: string; line: number }

const CLOSERS: Record<string, string> = { '{': '}', '[': ']', '(': ')' };

class Parser {
  private pos = 0;
  readonly blocks: AlloyBlock[] = [];
  readonly references: AlloyReference[] = [];
  constructor(private readonly tokens: Token[]) {}

  private peek(offset = 0): Token {
    return this.tokens[Math.min(this.pos + offset, this.tokens.length - 1)]!;
  }

  private next(): Token {
    const token = this.peek();
    this.pos++;
    return token;
  }

  body(depth: number, opened: Token | null): void {
    for (;;) {
      const token = this.next();
      if (token.kind === 'newline') continue;
      if (token.kind === 'eof') {
        if (opened !== null) throw new SyntaxProblem(`block opened on line ${opened.line} is never closed`, token.line);
        return;
      }
      if (token.text === '}') {
        if (opened === null) throw new SyntaxProblem('unexpected "}" with no open block', token.line);
        return;
      }
      if (token.kind !== 'name') throw new SyntaxProblem(`expected an attribute or block name, found ${JSON.stringify(token.text)}`, token.line);
      const after = this.next();
      if (after.text === '=') {
        this.expression(token.line);
      } else if (after.kind === 'string' && this.peek().text === '{') {
        const brace = this.next();
        this.blocks.push({ name: token.text, label: after.text.slice(1, -1), line: token.line, depth });
        this.body(depth + 1, brace);
      } else if (after.text === '{') {
        this.blocks.push({ name: token.text, label: null, line: token.line, depth });
        this.body(depth + 1, after);
      } else {
        throw new SyntaxProblem(`expected "=" or "{" after ${token.text}`, after.line);
      }
    }
  }

  /** An attribute value: everything up to the end of the line once brackets are balanced. */
  private expression(line: number): void {
    const stack: Token[] = [];
    let empty = true;
    for (;;) {
      const token = this.peek();
      if (token.kind === 'eof' || (stack.length === 0 && (token.kind === 'newline' || token.text === '}'))) {
        if (stack.length > 0) throw new SyntaxProblem(`"${stack.at(-1)!.text}" opened on line ${stack.at(-1)!.line} is never closed`, token.line);
        if (empty) throw new SyntaxProblem('attribute has no value', line);
        return;
      }
      this.pos++;
      if (token.kind === 'newline') continue;
      empty = false;
      if (token.text in CLOSERS) stack.push(token);
      else if (Object.values(CLOSERS).includes(token.text)) {
        const open = stack.pop();
        if (open === undefined || CLOSERS[open.text] !== token.text) throw new SyntaxProblem(`unexpected "${token.text}"`, token.line);
      } else if (token.kind === 'name' && token.text.includes('.') && this.peek().text !== '(') {
        this.references.push({ path: token.text, line: token.line });
      }
    }
  }
}

/** The component a reference points at (`loki.write.default.receiver` → loki.write, default), if it names one. */
function referencedComponent(path: string): { component: string; label: string } | null {
  const parts = path.split('.');
  for (let n = Math.min(parts.length - 1, 4); n >= 2; n--) {
    const component = parts.slice(0, n).join('.');
    if (ALLOY_COMPONENTS.has(component)) return { component, label: parts[n]! };
  }
  return null;
}

const IMPORTS = new Set(['declare', 'import.file', 'import.git', 'import.http', 'import.string']);

export function validateAlloy(file: ValidatorInput): Diagnostic[] {
  const diagnostic = (rule: RuleInfo, message: string, line: number): Diagnostic => ({
    ruleId: rule.id, severity: rule.severity, message, file: file.path, line, recommendation: rule.recommendation,
  });
  const parser = (() => {
    try {
      const p = new Parser(tokenize(file.content));
      p.body(0, null);
      return p;
    } catch (error) {
      if (error instanceof SyntaxProblem) return error;
      throw error;
    }
  })();
  if (parser instanceof SyntaxProblem) return [diagnostic(OTEL_RULES.alloySyntax, `Alloy syntax: ${parser.message}.`, parser.line)];
  const out: Diagnostic[] = [];
  const declared = new Set<string>();
  for (const block of parser.blocks.filter((b) => b.depth === 0)) {
    if (block.label === null) {
      if (!ALLOY_CONFIG_BLOCKS.has(block.name)) out.push(diagnostic(OTEL_RULES.alloyUnknownComponent, `"${block.name}" is not a configuration block, and components need a label (${block.name} "name" { … }).`, block.line));
    } else if (!ALLOY_COMPONENTS.has(block.name) && !IMPORTS.has(block.name)) {
      out.push(diagnostic(OTEL_RULES.alloyUnknownComponent, `Unknown component "${block.name}".`, block.line));
    }
    if (block.label !== null) declared.add(`${block.name}.${block.label}`);
  }
  for (const ref of parser.references) {
    const target = referencedComponent(ref.path);
    if (target !== null && !declared.has(`${target.component}.${target.label}`)) {
      out.push(diagnostic(OTEL_RULES.alloyUndefinedReference, `${ref.path} refers to ${target.component} "${target.label}", which this file does not declare.`, ref.line));
    }
  }
  return out;
}
