/**
 * go.mod and go.work parsers. We parse these ourselves (there is no maintained JS parser) following
 * the grammar in the Go modules reference: one directive per line, `verb (` … `)` blocks, `//`
 * comments (which carry the `// indirect` marker), quoted or raw-quoted tokens and `=>` in replace.
 * A file we cannot make sense of yields an error string, never an exception.
 */

export interface GoRequire {
  path: string;
  version: string;
  indirect: boolean;
  line: number;
}

export interface GoReplace {
  from: string;
  to: string;
  /** The right-hand side is a directory (./x, ../x, /abs) rather than a module version. */
  local: boolean;
  line: number;
}

export interface GoDirective {
  value: string;
  line: number;
}

export interface GoMod {
  module: string;
  moduleLine: number;
  go: GoDirective | null;
  toolchain: GoDirective | null;
  requires: GoRequire[];
  replaces: GoReplace[];
}

export interface GoWork {
  go: GoDirective | null;
  toolchain: GoDirective | null;
  uses: Array<{ path: string; line: number }>;
  replaces: GoReplace[];
}

export type ParseResult<T> = { ok: true; value: T } | { ok: false; reason: string };

const GO_MOD_VERBS = new Set(['module', 'go', 'toolchain', 'require', 'replace', 'exclude', 'retract', 'godebug', 'tool', 'ignore']);
const GO_WORK_VERBS = new Set(['go', 'toolchain', 'use', 'replace', 'godebug']);

interface Statement {
  verb: string;
  args: string[];
  comment: string;
  line: number;
}

export function parseGoMod(text: string): ParseResult<GoMod> {
  const statements = parseStatements(text, GO_MOD_VERBS);
  if (!statements.ok) return statements;
  const mod: GoMod = { module: '', moduleLine: 0, go: null, toolchain: null, requires: [], replaces: [] };
  for (const st of statements.value) {
    switch (st.verb) {
      case 'module':
        if (st.args.length !== 1) return fail(st, 'module needs exactly one path');
        mod.module = st.args[0] ?? '';
        mod.moduleLine = st.line;
        break;
      case 'go':
      case 'toolchain': {
        const value = st.args[0];
        if (st.args.length !== 1 || value === undefined) return fail(st, `${st.verb} needs one version`);
        if (st.verb === 'go' && !/^\d+(\.\d+){0,2}([a-z]+\d*)?$/.test(value)) return fail(st, `invalid go version '${value}'`);
        mod[st.verb] = { value, line: st.line };
        break;
      }
      case 'require': {
        const [path, version] = st.args;
        if (st.args.length !== 2 || path === undefined || version === undefined) return fail(st, 'require needs a module path and a version');
        mod.requires.push({ path, version, indirect: /^\s*indirect\b/.test(st.comment), line: st.line });
        break;
      }
      case 'replace': {
        const replace = toReplace(st);
        if (!replace) return fail(st, 'replace needs `old [version] => new [version]`');
        mod.replaces.push(replace);
        break;
      }
      default:
        break; // exclude, retract, godebug, tool, ignore: nothing deployment needs
    }
  }
  if (mod.module === '') return { ok: false, reason: 'no module directive' };
  return { ok: true, value: mod };
}

export function parseGoWork(text: string): ParseResult<GoWork> {
  const statements = parseStatements(text, GO_WORK_VERBS);
  if (!statements.ok) return statements;
  const work: GoWork = { go: null, toolchain: null, uses: [], replaces: [] };
  for (const st of statements.value) {
    if (st.verb === 'go' || st.verb === 'toolchain') {
      const value = st.args[0];
      if (st.args.length !== 1 || value === undefined) return fail(st, `${st.verb} needs one version`);
      work[st.verb] = { value, line: st.line };
    } else if (st.verb === 'use') {
      const path = st.args[0];
      if (st.args.length !== 1 || path === undefined) return fail(st, 'use needs one directory');
      work.uses.push({ path, line: st.line });
    } else if (st.verb === 'replace') {
      const replace = toReplace(st);
      if (!replace) return fail(st, 'replace needs `old [version] => new [version]`');
      work.replaces.push(replace);
    }
  }
  return { ok: true, value: work };
}

/**
 * The image tag for a `go` or `toolchain` directive: major.minor, because golang:<major.minor> is
 * always the newest patch and so satisfies any `go 1.22.3` minimum. 'go1.23.4' → '1.23'.
 */
export function goVersionTag(value: string): string | null {
  const m = /^(?:go)?(\d+)\.(\d+)/.exec(value.trim());
  return m ? `${m[1]}.${m[2]}` : null;
}

/** Compares two major.minor tags numerically. */
export function compareGoTags(a: string, b: string): number {
  const [am = 0, an = 0] = a.split('.').map(Number);
  const [bm = 0, bn = 0] = b.split('.').map(Number);
  return am - bm || an - bn;
}

function toReplace(st: Statement): GoReplace | null {
  const arrow = st.args.indexOf('=>');
  if (arrow < 1 || arrow > 2) return null;
  const right = st.args.slice(arrow + 1);
  const from = st.args[0];
  const to = right[0];
  if (from === undefined || to === undefined || right.length > 2) return null;
  const local = right.length === 1 && /^(\.\.?(\/|$)|\/)/.test(to);
  return { from, to, local, line: st.line };
}

function fail(st: Statement, reason: string): { ok: false; reason: string } {
  return { ok: false, reason: `line ${st.line}: ${reason}` };
}

/** Splits the file into statements, expanding `verb ( … )` blocks into one statement per line. */
function parseStatements(text: string, verbs: ReadonlySet<string>): ParseResult<Statement[]> {
  const out: Statement[] = [];
  let block: { verb: string; line: number } | null = null;
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  for (const [i, raw] of lines.entries()) {
    const line = i + 1;
    const lexed = tokenize(raw);
    if (!lexed) return { ok: false, reason: `line ${line}: unterminated quoted string` };
    const { tokens, comment } = lexed;
    if (tokens.length === 0) continue;
    if (block) {
      if (tokens.length === 1 && tokens[0] === ')') {
        block = null;
        continue;
      }
      if (tokens.includes('(') || tokens.includes(')')) return { ok: false, reason: `line ${line}: unexpected parenthesis in ${block.verb} block` };
      out.push({ verb: block.verb, args: tokens, comment, line });
      continue;
    }
    const [verb, ...args] = tokens;
    if (verb === undefined || !verbs.has(verb)) return { ok: false, reason: `line ${line}: unknown directive '${verb ?? ''}'` };
    if (args.length === 1 && args[0] === '(') {
      block = { verb, line };
      continue;
    }
    // `require ( a v1 )` on one line is not what gofmt writes but go accepts it: unwrap it.
    if (args[0] === '(' && args[args.length - 1] === ')') {
      out.push({ verb, args: args.slice(1, -1), comment, line });
      continue;
    }
    out.push({ verb, args, comment, line });
  }
  if (block) return { ok: false, reason: `line ${block.line}: ${block.verb} block is never closed` };
  return { ok: true, value: out };
}

/** Tokens of one line and its trailing `//` comment; null when a quote is left open. */
function tokenize(line: string): { tokens: string[]; comment: string } | null {
  const tokens: string[] = [];
  let i = 0;
  while (i < line.length) {
    const c = line[i] ?? '';
    if (c === ' ' || c === '\t') {
      i++;
    } else if (c === '/' && line[i + 1] === '/') {
      return { tokens, comment: line.slice(i + 2) };
    } else if (c === '(' || c === ')') {
      tokens.push(c);
      i++;
    } else if (c === '=' && line[i + 1] === '>') {
      tokens.push('=>');
      i += 2;
    } else if (c === '"') {
      let j = i + 1;
      let value = '';
      while (j < line.length && line[j] !== '"') {
        if (line[j] === '\\' && j + 1 < line.length) j++;
        value += line[j];
        j++;
      }
      if (j >= line.length) return null;
      tokens.push(value);
      i = j + 1;
    } else if (c === '`') {
      const end = line.indexOf('`', i + 1);
      if (end === -1) return null;
      tokens.push(line.slice(i + 1, end));
      i = end + 1;
    } else {
      let j = i;
      while (j < line.length && !/[\s()"`]/.test(line[j] ?? '') && !(line[j] === '/' && line[j + 1] === '/') && !(line[j] === '=' && line[j + 1] === '>')) j++;
      tokens.push(line.slice(i, j));
      i = j;
    }
  }
  return { tokens, comment: '' };
}
