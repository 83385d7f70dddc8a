/**
 * Env vars a Rust binary reads: std::env::var / var_os and dotenvy::var (required unless the
 * chain gives a fallback or only tests presence), clap `env = "X"` arguments, and the fields of a
 * config struct loaded with envy (`envy::from_env::<Config>()`, `envy::prefixed("APP_")`).
 */
import type { ServicePlan } from '../../plan/schema.js';
import { recordEnvRead } from '../shared/env-vars.js';
import { lineAt, lineText, matchAll } from '../shared/text.js';
import type { EnvyField } from './resolve.js';
import { callArgs, escapeRe, numberLiteral, statementAt, stringLiteral, type RustFile } from './source.js';

const READ = /(?:\bstd::)?\b(?:env::var(?:_os)?|dotenvy::var|dotenv::var)\(\s*"([A-Za-z_][A-Za-z0-9_]*)"\s*\)/g;

export function recordRustEnvReads(service: ServicePlan, files: readonly RustFile[], envy: ReadonlyMap<string, EnvyField>): void {
  for (const f of files) {
    for (const m of matchAll(f.code, READ)) {
      const name = m.match[1] ?? '';
      const end = m.match.index + m.match[0].length;
      const { optional, value } = fallback(f.code, m.match.index, end);
      // var_os returns an Option: absence is handled unless it is unwrapped on the spot.
      const osOptional = m.match[0].includes('var_os') && !/^\s*\.(?:unwrap|expect)\(/.test(f.code.slice(end, end + 20));
      recordEnvRead(service, { name, hasDefault: optional || osOptional, default: value, file: f.file, line: m.line, text: m.text });
    }
    // Project helpers: var("X"), required_var("X"), var_parsed("X"), env_or("X", …) (not methods, not env::var).
    for (const m of matchAll(f.code, /(?<![.\w:])(\w*(?:var|env)\w*)\(\s*"([A-Z][A-Z0-9_]*)"\s*[,)]/g)) {
      const fn = m.match[1] ?? '';
      if (/^(set_var|remove_var|var_os)$/.test(fn)) continue;
      const end = m.match.index + m.match[0].length - 1;
      const close = m.match[0].endsWith(',') ? (callArgs(f.code, m.match.index + fn.length)?.end ?? end) : end;
      const second = m.match[0].endsWith(',') ? callArgs(f.code, m.match.index + fn.length)?.args[1] : undefined;
      const chain = fallback(f.code, m.match.index, close + 1);
      const required = /required|must|expect/.test(fn) || (!chain.optional && second === undefined);
      const value = second === undefined ? chain.value : (stringLiteral(second) ?? numberLiteral(second));
      recordEnvRead(service, { name: m.match[2] ?? '', hasDefault: !required, default: value, file: f.file, line: m.line, text: m.text });
    }
    for (const m of matchAll(f.code, /#\[(?:arg|clap|structopt)\(([^\]]*\benv\s*=\s*"([A-Za-z_][A-Za-z0-9_]*)"[^\]]*)\)\]/g)) {
      const attrs = m.match[1] ?? '';
      const def = /\bdefault_value(?:_t)?\s*=\s*("(?:[^"\\]|\\.)*"|[\w.]+)/.exec(attrs)?.[1];
      const value = def === undefined ? null : (stringLiteral(def) ?? numberLiteral(def));
      const after = f.code.slice(m.match.index + m.match[0].length, m.match.index + m.match[0].length + 200);
      const optional = def !== undefined || /^\s*(?:#\[[^\]]*\]\s*)*(?:pub\s+)?\w+\s*:\s*Option</.test(after);
      recordEnvRead(service, { name: m.match[2] ?? '', hasDefault: optional, default: value, file: f.file, line: m.line, text: m.text });
    }
  }
  for (const field of envy.values()) {
    recordEnvRead(service, { name: field.name, hasDefault: field.optional, default: field.default, file: field.file, line: field.line, text: field.text });
  }
}

/**
 * What the code does when the variable is unset: `.unwrap_or(…)`, `.unwrap_or_else(…)`,
 * `.unwrap_or_default()`, `.ok()`, `.is_ok()`, `if let Ok(…)` and `match` handle it; `.expect`,
 * `.unwrap()` and `?` make it required.
 */
function fallback(code: string, start: number, end: number): { optional: boolean; value: string | null } {
  const before = code.slice(Math.max(0, start - 40), start);
  if (/(?:if\s+let\s+(?:Ok|Some)\s*\([^)]*\)\s*=|match)\s*(?:std::)?$/.test(before)) return { optional: true, value: null };
  const chain = statementAt(code, end);
  const unwrapOr = /^[\s\S]*?\.unwrap_or(?:_else)?\s*\(/.exec(chain);
  if (unwrapOr) {
    const parsed = callArgs(chain, unwrapOr[0].length - 1);
    const body = (parsed?.args[0] ?? '').replace(/^\|[^|]*\|\s*/, '').replace(/\.(?:into|to_string|to_owned)\(\)$/, '').replace(/^String::from\((.*)\)$/, '$1');
    return { optional: true, value: stringLiteral(body) ?? numberLiteral(body) };
  }
  if (/^\s*\??\s*\.(?:unwrap_or_default|ok|is_ok|is_err|is_some|is_none|map_or|map_or_else|unwrap_or_else)\b/.test(chain) || /\.(?:ok|is_some|is_none|is_ok|is_err)\(\)/.test(chain.slice(0, 40))) return { optional: true, value: null };
  return { optional: false, value: null };
}

/**
 * Fields of the struct deserialised by envy: each is an env var named after the field in upper
 * case (with the `prefixed` prefix). `Option<…>` and `#[serde(default…)]` fields are optional; a
 * `default = "fn"` whose function returns a literal gives the default.
 */
export function envyFields(files: readonly RustFile[]): Map<string, EnvyField> {
  const out = new Map<string, EnvyField>();
  for (const f of files) {
    for (const m of matchAll(f.code, /envy::(?:prefixed\(\s*"([^"]*)"\s*\)\s*\.)?from_env\s*::\s*<\s*(\w+)\s*>/g)) {
      const prefix = m.match[1] ?? '';
      const struct = m.match[2] ?? '';
      const def = findStruct(files, struct);
      if (!def) continue;
      for (const field of matchAll(def.body, /((?:#\[[^\]]*\]\s*)*)(?:pub(?:\([^)]*\))?\s+)?([a-z_][a-z0-9_]*)\s*:\s*([^,\n]+)/g)) {
        const attrs = field.match[1] ?? '';
        const name = field.match[2] ?? '';
        const type = field.match[3] ?? '';
        const serdeDefault = /#\[serde\([^\]]*\bdefault\b(?:\s*=\s*"([\w:]+)")?/.exec(attrs);
        const value = serdeDefault?.[1] ? defaultFnValue(files, serdeDefault[1]) : null;
        const line = lineAt(def.file.code, def.offset + field.match.index + field.match[0].indexOf(name));
        out.set(name, {
          name: `${prefix}${name.toUpperCase()}`,
          default: value,
          optional: /^Option\s*</.test(type.trim()) || serdeDefault !== null,
          file: def.file.file,
          line,
          text: lineText(def.file.raw, line),
        });
      }
    }
  }
  return out;
}

function findStruct(files: readonly RustFile[], name: string): { file: RustFile; body: string; offset: number } | null {
  for (const file of files) {
    const m = new RegExp(`\\bstruct\\s+${escapeRe(name)}\\s*(?:<[^>]*>)?\\s*\\{`).exec(file.code);
    if (!m) continue;
    const open = m.index + m[0].length - 1;
    const close = file.code.indexOf('\n}', open);
    const end = close === -1 ? file.code.length : close;
    return { file, body: file.code.slice(open + 1, end), offset: open + 1 };
  }
  return null;
}

/** `fn default_port() -> u16 { 8080 }` → '8080'. */
function defaultFnValue(files: readonly RustFile[], fnPath: string): string | null {
  const fnName = fnPath.split('::').pop() ?? fnPath;
  for (const file of files) {
    const m = new RegExp(`\\bfn\\s+${escapeRe(fnName)}\\s*\\(\\s*\\)\\s*->\\s*[^{]+\\{\\s*([^}]*?)\\s*\\}`).exec(file.code);
    if (!m) continue;
    const body = (m[1] ?? '').replace(/\.(?:into|to_string|to_owned)\(\)$/, '').replace(/^String::from\((.*)\)$/, '$1');
    return stringLiteral(body) ?? numberLiteral(body);
  }
  return null;
}
