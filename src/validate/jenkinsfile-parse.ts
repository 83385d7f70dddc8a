/**
 * A small Groovy tokenizer and block parser for declarative Jenkinsfiles: enough to balance braces,
 * parentheses and strings (all four Groovy quote styles, comments) and to read the file as nested
 * `name args { … }` statements. It does not evaluate Groovy; scripted pipelines are out of scope.
 */

export type TokenType = 'word' | 'string' | 'punct' | 'newline';

export interface Token {
  type: TokenType;
  value: string;
  line: number;
}

export interface Statement {
  name: string;
  line: number;
  /** Tokens between the name and the block (or the end of the statement). */
  args: Token[];
  /** The `{ … }` block, or null when the statement has none. */
  block: Statement[] | null;
}

export interface ParseResult {
  statements: Statement[];
  errors: Array<{ message: string; line: number }>;
}

const QUOTES = ["'''", '"""', "'", '"'];

export function tokenize(text: string): { tokens: Token[]; errors: Array<{ message: string; line: number }> } {
  const tokens: Token[] = [];
  const errors: Array<{ message: string; line: number }> = [];
  let line = 1;
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === '\n' || c === ';') {
      tokens.push({ type: 'newline', value: c, line });
      if (c === '\n') line++;
      i++;
    } else if (c === ' ' || c === '\t' || c === '\r') {
      i++;
    } else if (text.startsWith('//', i)) {
      while (i < text.length && text[i] !== '\n') i++;
    } else if (text.startsWith('/*', i)) {
      const end = text.indexOf('*/', i + 2);
      const stop = end === -1 ? text.length : end + 2;
      if (end === -1) errors.push({ message: 'unterminated /* comment', line });
      for (let k = i; k < stop; k++) if (text[k] === '\n') line++;
      i = stop;
    } else if (QUOTES.some((q) => text.startsWith(q, i))) {
      const quote = QUOTES.find((q) => text.startsWith(q, i))!;
      const start = line;
      let k = i + quote.length;
      let value = '';
      let closed = false;
      while (k < text.length) {
        if (text[k] === '\\' && k + 1 < text.length) {
          value += text.slice(k, k + 2);
          if (text[k + 1] === '\n') line++;
          k += 2;
          continue;
        }
        if (text.startsWith(quote, k)) {
          closed = true;
          k += quote.length;
          break;
        }
        if (text[k] === '\n') {
          if (quote.length === 1) break;
          line++;
        }
        value += text[k];
        k++;
      }
      if (!closed) errors.push({ message: `unterminated string starting with ${quote}`, line: start });
      tokens.push({ type: 'string', value, line: start });
      i = k;
    } else if (/[A-Za-z_$]/.test(c)) {
      let k = i + 1;
      while (k < text.length && /[\w$.]/.test(text[k]!)) k++;
      tokens.push({ type: 'word', value: text.slice(i, k), line });
      i = k;
    } else {
      tokens.push({ type: 'punct', value: c, line });
      i++;
    }
  }
  return { tokens, errors };
}

const CLOSE: Record<string, string> = { '(': ')', '[': ']', '{': '}' };

export function parseJenkinsfile(text: string): ParseResult {
  const { tokens, errors } = tokenize(text);
  // Balance first: a stray brace makes every later statement meaningless.
  const stack: Token[] = [];
  for (const token of tokens) {
    if (token.type !== 'punct') continue;
    if (token.value in CLOSE) stack.push(token);
    else if ([')', ']', '}'].includes(token.value)) {
      const open = stack.pop();
      if (!open || CLOSE[open.value] !== token.value) {
        errors.push({ message: `unexpected "${token.value}"${open ? ` (closes "${open.value}" from line ${open.line})` : ''}`, line: token.line });
        return { statements: [], errors };
      }
    }
  }
  if (stack.length > 0) {
    const open = stack.at(-1)!;
    errors.push({ message: `"${open.value}" opened on line ${open.line} is never closed`, line: open.line });
  }
  if (errors.length > 0) return { statements: [], errors };
  let pos = 0;
  const block = (): Statement[] => {
    const out: Statement[] = [];
    while (pos < tokens.length) {
      const token = tokens[pos]!;
      if (token.type === 'newline') {
        pos++;
        continue;
      }
      if (token.type === 'punct' && token.value === '}') return out;
      const statement: Statement = { name: token.type === 'word' ? token.value : '', line: token.line, args: [], block: null };
      pos++;
      let depth = 0;
      while (pos < tokens.length) {
        const t = tokens[pos]!;
        if (depth === 0 && (t.type === 'newline' || (t.type === 'punct' && t.value === '}'))) break;
        if (depth === 0 && t.type === 'punct' && t.value === '{') {
          pos++;
          statement.block = block();
          pos++; // the closing brace
          break;
        }
        if (t.type === 'punct' && (t.value === '(' || t.value === '[' || t.value === '{')) depth++;
        if (t.type === 'punct' && (t.value === ')' || t.value === ']' || t.value === '}')) depth--;
        statement.args.push(t);
        pos++;
      }
      out.push(statement);
    }
    return out;
  };
  return { statements: block(), errors };
}

/** Every statement in a tree, depth first. */
export function* walk(statements: readonly Statement[]): Generator<Statement> {
  for (const statement of statements) {
    yield statement;
    if (statement.block) yield* walk(statement.block);
  }
}
