/** Text helpers for evidence: every match comes with its 1-based line number. */

export interface LineMatch {
  match: RegExpExecArray;
  line: number;
  /** The whole source line the match starts on, trimmed (for evidence notes). */
  text: string;
}

/** 1-based line number of a character offset. */
export function lineAt(text: string, index: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < index; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

/** The trimmed text of a 1-based line, cut to 120 characters. */
export function lineText(text: string, line: number): string {
  const content = text.split('\n')[line - 1] ?? '';
  const trimmed = content.trim();
  return trimmed.length > 120 ? `${trimmed.slice(0, 117)}...` : trimmed;
}

/** All matches of a global regex, with line numbers. */
export function matchAll(text: string, re: RegExp): LineMatch[] {
  const flags = re.flags.includes('g') ? re.flags : re.flags + 'g';
  const global = new RegExp(re.source, flags);
  const out: LineMatch[] = [];
  for (let m = global.exec(text); m !== null; m = global.exec(text)) {
    const line = lineAt(text, m.index);
    out.push({ match: m, line, text: lineText(text, line) });
    if (m[0] === '') global.lastIndex++;
  }
  return out;
}

export function firstMatch(text: string, re: RegExp): LineMatch | null {
  return matchAll(text, re)[0] ?? null;
}

/** Line number of the first line containing `needle` (for manifest keys), or undefined. */
export function lineOf(text: string, needle: string | RegExp): number | undefined {
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (typeof needle === 'string' ? line.includes(needle) : needle.test(line)) return i + 1;
  }
  return undefined;
}

/** Removes // and /* comments from C-like source, keeping line breaks so line numbers hold. */
export function stripCComments(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, (c) => c.replace(/[^\n]/g, ' ')).replace(/(^|[^:'"`\\])\/\/[^\n]*/g, '$1');
}

/** Removes # comments (Python, Ruby, shell, Elixir), keeping line breaks. */
export function stripHashComments(text: string): string {
  return text.replace(/(^|\s)#[^\n]*/g, '$1');
}

export function parsePort(value: string | number | undefined | null): number | null {
  if (value === undefined || value === null) return null;
  const n = typeof value === 'number' ? value : Number.parseInt(String(value).trim(), 10);
  return Number.isInteger(n) && n >= 1 && n <= 65535 && String(n) === String(value).trim().replace(/^0+(?=\d)/, '') ? n : null;
}
