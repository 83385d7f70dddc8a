/**
 * The rules' file-level prefilters (prefilter.ts, and the `prefilter:` of a rule file) are regexes such
 * as `\b(exec|execSync|spawn)\b`; a file is tested against ~40 of them, and each test scans the whole
 * text (a quarter of a JavaScript file's analysis time). Most are lists of whole words and literal
 * substrings, which one pass over the file answers for all: the words of its `\w+` runs that some
 * list looks for and, for case-insensitive lists, its lower-cased text. A TextTest answers exactly as
 * its regex does; one that is not such a list (`\bjwt\.`, `\b(find|findOne)\(`) keeps the regex.
 */

/** A file's text with what word tests read from it, computed on first use. */
export class FileText {
  private words: Set<string> | null = null;
  private lowered: string | null = null;
  private asciiOnly: boolean | null = null;

  constructor(readonly text: string) {}

  /** Whether `word` (made of \w characters) occurs as a whole word, as `\bword\b` finds it. */
  hasWord(word: string): boolean {
    // Tests are made lazily (pruneFor's per-branch tests): a word learned after this file's words
    // were collected means collecting them again.
    if (!this.words || (learnedAt.get(word) ?? Infinity) >= this.collectedWith) {
      this.words = wordsOf(this.text);
      this.collectedWith = learnedAt.size;
    }
    return this.words.has(word);
  }

  private collectedWith = 0;

  /** The text lower-cased, or null when it has non-ASCII characters (case folding then differs). */
  lower(): string | null {
    this.asciiOnly ??= !/[\u0080-\uffff]/.test(this.text);
    if (!this.asciiOnly) return null;
    return (this.lowered ??= this.text.toLowerCase());
  }
}

/** Each word some list looks for, with the order it was learned in. */
const learnedAt = new Map<string, number>();

function learn(words: string[]): void {
  for (const w of words) if (!learnedAt.has(w)) learnedAt.set(w, learnedAt.size);
}

let vocabulary: { regex: RegExp; size: number } | null = null;

/**
 * The words of the vocabulary the text has as whole words: one regex of all of them (longest first,
 * so a word never stops short inside a longer one). Measured on the generated corpus: 0.03 ms a file,
 * and fast from the first file (a character loop in JS runs interpreted until V8 optimises it).
 */
function wordsOf(text: string): Set<string> {
  if (!vocabulary || vocabulary.size !== learnedAt.size) {
    const words = [...learnedAt.keys()].sort((a, b) => b.length - a.length);
    vocabulary = { regex: new RegExp(`\\b(?:${words.join('|')})\\b`, 'g'), size: learnedAt.size };
  }
  const found = new Set<string>();
  if (!learnedAt.size) return found;
  for (const m of text.matchAll(vocabulary.regex)) found.add(m[0]);
  return found;
}

/** What a word-list regex looks for: any whole word, case-sensitive substring, or ASCII case-insensitive substring. */
interface WordList {
  words: string[];
  parts: string[];
  /** Lower-cased. */
  foldedParts: string[];
}

export class TextTest {
  constructor(
    readonly regex: RegExp,
    private readonly list: WordList | null,
  ) {
    if (list) learn(list.words);
  }

  /** The regex's answer on any text. */
  test(text: string): boolean {
    return this.regex.test(text);
  }

  /** The regex's answer on a whole file, from its word set when the regex is a word list. */
  testFile(file: FileText): boolean {
    const list = this.list;
    if (!list) return this.regex.test(file.text);
    for (const w of list.words) if (file.hasWord(w)) return true;
    for (const p of list.parts) if (file.text.includes(p)) return true;
    if (list.foldedParts.length) {
      const lower = file.lower();
      if (lower === null) return this.regex.test(file.text);
      for (const p of list.foldedParts) if (lower.includes(p)) return true;
    }
    return false;
  }
}

const WORD = /^\w+$/;
const META = /[.*+?^${}()|[\]\\]/;

/** Indices of a regex's top-level `|`s (outside groups and classes). */
export function topLevelBars(source: string): number[] {
  const out: number[] = [];
  let depth = 0;
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') i++;
    else if (inClass) inClass = c !== ']';
    else if (c === '[') inClass = true;
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === '|' && depth === 0) out.push(i);
  }
  return out;
}

/** A regex split at its top-level `|`s. */
function alternatives(source: string): string[] {
  const cuts = [-1, ...topLevelBars(source), source.length];
  return cuts.slice(1).map((end, k) => source.slice(cuts[k]! + 1, end));
}

/** A regex literal (`\$where`, `<\?=`) as its text, or null when it has an unescaped metacharacter. */
function literal(source: string): string | null {
  let out = '';
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    if (c === '\\') {
      const next = source[i + 1];
      if (next === undefined || /\w/.test(next)) return null;
      out += next;
      i++;
    } else if (META.test(c)) return null;
    else out += c;
  }
  return out || null;
}

/** `api_?key` → api_key, apikey; null for anything else than words with optional underscores. */
function expandOptional(alt: string): string[] | null {
  if (!/^\w+(?:_\?\w+)*$/.test(alt)) return null;
  let out = [''];
  for (const piece of alt.split('_?')) out = out.length === 1 && out[0] === '' ? [piece] : out.flatMap((o) => [`${o}_${piece}`, o + piece]);
  return out;
}

/** The word list a regex is, or null. `ignoreCase`: the regex has the `i` flag. */
function wordListOf(source: string, ignoreCase: boolean): WordList | null {
  const list: WordList = { words: [], parts: [], foldedParts: [] };
  for (const alt of alternatives(source)) {
    const group = /^\\b\(([\w|]+)\)\\b$/.exec(alt) ?? /^\\b(\w+)\\b$/.exec(alt);
    if (group) {
      // Whole words: the word set holds \w runs as they are, so a case-insensitive list stays a regex.
      if (ignoreCase) return null;
      const words = group[1]!.split('|');
      if (!words.every((w) => WORD.test(w))) return null;
      list.words.push(...words);
      continue;
    }
    const substrings = /^\(([\w|?]+)\)$/.exec(alt);
    const parts = substrings ? substrings[1]!.split('|').map(expandOptional) : [literal(alt) === null ? null : [literal(alt)!]];
    if (parts.some((p) => p === null)) return null;
    for (const p of parts.flat() as string[]) {
      if (!ignoreCase) list.parts.push(p);
      else if (/^[\x20-\x7e]+$/.test(p)) list.foldedParts.push(p.toLowerCase());
      else return null;
    }
  }
  return list;
}

/** A file-level test for a regex source; a leading `(?i)` means case-insensitive (rule files write it so). */
export function textTest(source: string): TextTest {
  const ignoreCase = source.startsWith('(?i)');
  const body = ignoreCase ? source.slice(4) : source;
  return new TextTest(new RegExp(body, ignoreCase ? 'i' : ''), wordListOf(body, ignoreCase));
}
