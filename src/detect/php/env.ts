/**
 * Env vars PHP code reads: Laravel's `env('X', default)`, `getenv('X')`, `$_ENV['X']` /
 * `$_SERVER['X']`, and Symfony's `%env(X)%` placeholders in YAML config. A read with a fallback
 * (`env('X', 'd')`, `getenv('X') ?: 'd'`, `$_ENV['X'] ?? 'd'`) is optional.
 */
import { lineAt, lineText, stripCComments, stripHashComments } from '../shared/text.js';

export interface PhpEnvRead {
  name: string;
  hasDefault: boolean;
  default: string | null;
  line: number;
  text: string;
}

const NAME = '([A-Z_][A-Z0-9_]*)';
const ENV_CALL = new RegExp(`\\benv\\(\\s*['"]${NAME}['"]\\s*(?:,\\s*([^)]*?))?\\s*\\)`, 'g');
const GETENV = new RegExp(`\\bgetenv\\(\\s*['"]${NAME}['"]\\s*\\)`, 'g');
const SUPERGLOBAL = new RegExp(`\\$_(?:ENV|SERVER)\\[\\s*['"]${NAME}['"]\\s*\\]`, 'g');
const SYMFONY = new RegExp(`%env\\((?:[a-z_]+:)*${NAME}\\)%`, 'g');
/** Fallback right after a read: `?: 'x'`, `?? 'x'`, `|| …`. */
const FALLBACK = /^\s*(\?:|\?\?|\|\||or\b)\s*(.*)$/;
/** $_SERVER keys that are request data, not configuration. */
const SERVER_KEYS = /^(REQUEST_|HTTP_|SERVER_|SCRIPT_|DOCUMENT_ROOT|REMOTE_|QUERY_STRING|PHP_SELF|PATH_INFO|HTTPS|CONTENT_|ARGV|ARGC)/;

export function phpEnvReads(source: string): PhpEnvRead[] {
  const text = stripCComments(source).replace(/(^|\s)#(?!\[)[^\n]*/g, '$1');
  const reads: PhpEnvRead[] = [];
  const push = (name: string, index: number, hasDefault: boolean, def: string | null): void => {
    const line = lineAt(text, index);
    reads.push({ name, hasDefault, default: def, line, text: lineText(source, line) });
  };
  for (const m of text.matchAll(ENV_CALL)) {
    const arg = m[2]?.trim();
    // Laravel's env() returns null when unset and config treats null as "feature off".
    push(m[1] ?? '', m.index, true, arg ? literal(arg) : null);
  }
  for (const re of [GETENV, SUPERGLOBAL]) {
    for (const m of text.matchAll(re)) {
      const name = m[1] ?? '';
      if (re === SUPERGLOBAL && m[0].startsWith('$_SERVER') && SERVER_KEYS.test(name)) continue;
      const rest = text.slice(m.index + m[0].length, nextNewline(text, m.index));
      const before = text.slice(text.lastIndexOf('\n', m.index) + 1, m.index);
      const fallback = FALLBACK.exec(rest);
      const tested = /\b(isset|empty|array_key_exists)\s*\(\s*$/.test(before) || /\bif\s*\(\s*!?\s*$/.test(before);
      push(name, m.index, fallback !== null || tested, fallback ? literal(fallback[2] ?? '') : null);
    }
  }
  return reads.sort((a, b) => a.line - b.line);
}

/**
 * `%env(resolve:DATABASE_URL)%` in Symfony YAML config: required unless .env gives a default.
 * Commented lines and `when@dev:` / `when@test:` blocks (never loaded in production) are skipped.
 */
export function symfonyEnvReads(source: string): PhpEnvRead[] {
  const text = stripHashComments(source);
  const lines = text.split('\n');
  const devOnly = new Set<number>();
  let inDevBlock = false;
  for (const [i, line] of lines.entries()) {
    if (/^\S/.test(line)) inDevBlock = /^when@(dev|test)\s*:/.test(line);
    if (inDevBlock) devOnly.add(i + 1);
  }
  const reads: PhpEnvRead[] = [];
  for (const m of text.matchAll(SYMFONY)) {
    const line = lineAt(text, m.index);
    if (devOnly.has(line)) continue;
    reads.push({ name: m[1] ?? '', hasDefault: false, default: null, line, text: lineText(source, line) });
  }
  return reads;
}

function nextNewline(text: string, from: number): number {
  const i = text.indexOf('\n', from);
  return i === -1 ? text.length : i;
}

/** A PHP literal default: 'x' / "x" / 5 / true → its text; null or an expression → null. */
function literal(raw: string): string | null {
  const s = raw.trim().replace(/[);,\]]+$/, '').trim();
  const quoted = /^(['"])([^'"]*)\1$/.exec(s);
  if (quoted) return quoted[2] ?? null;
  if (/^-?\d+(\.\d+)?$/.test(s) || s === 'true' || s === 'false') return s;
  return null;
}
