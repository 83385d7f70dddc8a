/**
 * Environment variables Ruby code reads: `ENV["X"]`, `ENV.fetch("X")` (required: it raises
 * KeyError), `ENV.fetch("X", default)` / `ENV.fetch("X") { default }` (optional), and `ENV["X"]` used
 * as a flag or with a fallback (`|| "y"`, `.present?`, `if ENV["X"]`), which is optional too. ERB in
 * YAML config (database.yml, cable.yml) is scanned too; there an unset variable renders empty, so
 * those reads are optional.
 */
import type { RepoFs } from '../../core/repo/repo-fs.js';
import type { ServicePlan } from '../../plan/schema.js';
import { recordEnvRead } from '../shared/env-vars.js';
import { sourceFiles } from '../shared/source-files.js';
import { lineAt, lineText } from '../shared/text.js';

export interface RubyEnvRead {
  name: string;
  hasDefault: boolean;
  default: string | null;
  line: number;
  text: string;
}

const NAME = '([A-Z_][A-Z0-9_]*)';
const BRACKET = new RegExp(`ENV\\[\\s*["']${NAME}["']\\s*\\]`, 'g');
const FETCH = new RegExp(`ENV\\.fetch\\(\\s*["']${NAME}["']\\s*(?:,\\s*([^)]*?))?\\s*\\)(\\s*\\{\\s*([^}]*?)\\s*\\})?`, 'g');
/** What after `ENV["X"]` makes the read optional: a fallback or a test of presence. */
const OPTIONAL_AFTER = /^\s*(\|\||\bor\b|\.present\?|\.blank\?|\.presence|\.nil\?|\.to_s|==|!=|=~|&\.|\.in\?|\.include\?|\.to_i\s*(\|\||>|<|==))/;
/** What before `ENV["X"]` makes it optional: a condition. */
const OPTIONAL_BEFORE = /(\bif|\bunless|&&|\|\||\?|\bwhen)\s*!?\s*$/;

export function rubyEnvReads(text: string): RubyEnvRead[] {
  const reads: RubyEnvRead[] = [];
  for (const m of text.matchAll(FETCH)) {
    const line = lineAt(text, m.index);
    const arg = m[2]?.trim();
    const block = m[4]?.trim();
    const raw = arg !== undefined && arg !== '' ? arg : block;
    const hasDefault = raw !== undefined;
    reads.push({ name: m[1] ?? '', hasDefault, default: hasDefault ? literal(raw) : null, line, text: lineText(text, line) });
  }
  for (const m of text.matchAll(BRACKET)) {
    const line = lineAt(text, m.index);
    const lineStart = text.lastIndexOf('\n', m.index) + 1;
    const before = text.slice(lineStart, m.index);
    const after = text.slice(m.index + m[0].length, text.indexOf('\n', m.index) === -1 ? undefined : text.indexOf('\n', m.index));
    // `ENV["X"] = …` / `ENV["X"] ||= …` set a variable for child processes; they are not config.
    if (/^\s*(\|\|)?=(?![=~])/.test(after)) continue;
    const fallback = /^\s*(?:\|\||\bor\b)\s*(.+?)\s*(?:$|[,)}\]]|%>)/.exec(after);
    const hasDefault = OPTIONAL_AFTER.test(after) || OPTIONAL_BEFORE.test(before) || /\b(if|unless)\b.*ENV/.test(after);
    reads.push({ name: m[1] ?? '', hasDefault, default: fallback ? literal(fallback[1]) : null, line, text: lineText(text, line) });
  }
  return reads.sort((a, b) => a.line - b.line);
}

/** Variables Bundler, RubyGems, bootsnap and the Ruby VM read for themselves. */
const TOOL_VARS = /^(BUNDLE|BUNDLER|BOOTSNAP|GEM|RUBY|RUBYOPT|MALLOC|PIDFILE|SOLID_QUEUE_IN_PUMA|JEMALLOC)(_|$)/;

/** Records every env read of the service's Ruby files (and ERB YAML config) on the plan. */
export function addRubyEnv(repo: RepoFs, dir: string, service: ServicePlan): void {
  for (const file of sourceFiles(repo, dir, { extensions: ['rb', 'yml', 'ru'], max: 400 })) {
    // Locale files are huge and never read ENV; dev/test environments and seeds never run in production.
    const local = dir === '' ? file : file.slice(dir.length + 1);
    if (/(^|\/)locales\//.test(local) || /^config\/environments\/(development|test)\.rb$/.test(local) || /^db\//.test(local)) continue;
    const text = repo.readText(file);
    if (text === null || !text.includes('ENV')) continue;
    for (const read of rubyEnvReads(text)) {
      if (TOOL_VARS.test(read.name)) continue;
      // ERB in YAML renders an unset variable as an empty value rather than failing: optional.
      recordEnvRead(service, file.endsWith('.yml') ? { ...read, hasDefault: true, file } : { ...read, file });
    }
  }
}

/** A Ruby literal default: "x" / 'x' / 5 / true → its text; nil or an expression → null. */
function literal(raw: string | undefined): string | null {
  if (raw === undefined) return null;
  const s = raw.trim();
  const quoted = /^["']([^"'#]*)["']$/.exec(s);
  if (quoted) return quoted[1] ?? null;
  if (/^-?\d+(\.\d+)?$/.test(s) || s === 'true' || s === 'false') return s;
  return null;
}
