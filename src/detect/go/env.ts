/**
 * Env vars a Go binary reads: os.Getenv / os.LookupEnv (with the fallback the next lines give),
 * helpers like getEnv("X", "default"), env-tagged config structs (envconfig, caarlos0/env,
 * go-envconfig, cleanenv) and viper keys bound to the environment explicitly.
 */
import type { ServicePlan } from '../../plan/schema.js';
import { recordEnvRead } from '../shared/env-vars.js';
import { matchAll } from '../shared/text.js';
import { envFromTag, escapeRe, numberLiteral, stringLiteral } from './expr.js';
import type { GoFile } from './packages.js';
import { viperEnvName } from './resolve.js';

const FAILS = /\b(log\.Fatal\w*|log\.Panic\w*|panic\(|os\.Exit\(|return\b[^\n]*(err|Err|fmt\.Errorf|errors\.New)|\.Fatal\w*\()/;
const NOT_HELPERS = /^(os\.Getenv|os\.LookupEnv|os\.Setenv|os\.Unsetenv|os\.ExpandEnv|t\.Setenv|viper\.BindEnv|viper\.SetEnvPrefix|\w+\.Setenv)$/;

export function recordGoEnvReads(service: ServicePlan, files: readonly GoFile[]): void {
  for (const f of files) {
    osGetenv(service, f);
    helperCalls(service, f);
    structTags(service, f);
    viperKeys(service, f, files);
  }
}

function osGetenv(service: ServicePlan, f: GoFile): void {
  for (const m of matchAll(f.code, /os\.(Getenv|LookupEnv)\(\s*"([A-Za-z_][A-Za-z0-9_]*)"\s*\)/g)) {
    const name = m.match[2] ?? '';
    const fallback = fallbackOf(f.code, m.match.index, m.match[1] === 'LookupEnv');
    recordEnvRead(service, { name, hasDefault: fallback.optional, default: fallback.value, file: f.file, line: m.line, text: m.text });
  }
}

/**
 * What happens when the variable is unset. Go has no `||`: the fallback is in the next statement
 * (`if v == "" { v = "x" }`), in cmp.Or, or the read is a comparison (`os.Getenv("X") == "true"`).
 */
function fallbackOf(code: string, index: number, lookup: boolean): { optional: boolean; value: string | null } {
  const lineStart = code.lastIndexOf('\n', index) + 1;
  const lineEnd = code.indexOf('\n', index);
  const line = code.slice(lineStart, lineEnd === -1 ? undefined : lineEnd);
  const cmp = /cmp\.Or\([^\n]*?,\s*("[^"]*"|\d+)\s*\)/.exec(line);
  if (cmp) return { optional: true, value: stringLiteral(cmp[1] ?? '') ?? numberLiteral(cmp[1] ?? '') };
  if (/os\.Getenv\([^)]*\)\s*(==|!=)/.test(line) || /(==|!=)\s*os\.Getenv\(/.test(line)) return { optional: true, value: null };
  // A boolean switch (missing means false) or `if v := os.Getenv("X"); v != "" {`: absence is handled.
  if (/strconv\.ParseBool\(\s*os\.Getenv\(/.test(line) || /if\s+\w+\s*:=\s*os\.Getenv\([^)]*\)\s*;\s*\w+\s*(==|!=)\s*""/.test(line)) return { optional: true, value: null };
  const assigned = /(\w+)(?:\s*,\s*(\w+))?\s*:?=\s*os\.(?:Getenv|LookupEnv)\(/.exec(line);
  const variable = assigned?.[1];
  if (variable === undefined) return { optional: lookup, value: null };
  const tail = code.slice(lineEnd === -1 ? code.length : lineEnd, (lineEnd === -1 ? code.length : lineEnd) + 500);
  const okName = assigned?.[2];
  const id = escapeRe(variable);
  const check = new RegExp(`^\\s*if\\s+(?:${id}\\s*==\\s*""|len\\(${id}\\)\\s*==\\s*0${okName ? `|!\\s*${escapeRe(okName)}` : ''})\\s*\\{([^}]*)\\}`).exec(tail);
  if (!check) return { optional: lookup, value: null };
  const body = check[1] ?? '';
  if (FAILS.test(body)) return { optional: false, value: null };
  const set = new RegExp(`\\b${id}\\s*=\\s*("[^"]*"|\\d+)`).exec(body);
  return { optional: true, value: set ? (stringLiteral(set[1] ?? '') ?? numberLiteral(set[1] ?? '')) : null };
}

/** getEnv("X", "default"), envOr("X", 8080), mustGetenv("X"). */
function helperCalls(service: ServicePlan, f: GoFile): void {
  for (const m of matchAll(f.code, /\b([\w.]*[Ee]nv\w*)\(\s*"([A-Z][A-Z0-9_]*)"\s*(?:,\s*([^)\n]*))?\)/g)) {
    const fn = m.match[1] ?? '';
    if (NOT_HELPERS.test(fn)) continue;
    const second = m.match[3]?.trim();
    const hasDefault = second !== undefined && second !== '' && !/^(must|require)/i.test(fn.split('.').pop() ?? '');
    const value = second === undefined ? null : (stringLiteral(second) ?? numberLiteral(second));
    recordEnvRead(service, { name: m.match[2] ?? '', hasDefault, default: value, file: f.file, line: m.line, text: m.text });
  }
}

/** `Field T \`envconfig:"X" default:"d"\`` and friends. A field with no default is required. */
function structTags(service: ServicePlan, f: GoFile): void {
  if (!/\b(envconfig|env):"/.test(f.raw)) return;
  for (const m of matchAll(f.raw, /^\s*\w+\s+[\w.*[\]]+\s+`([^`\n]*\b(?:envconfig|env):"[^`\n]*)`/gm)) {
    const tag = envFromTag(m.match[1] ?? '');
    if (!tag) continue;
    recordEnvRead(service, { name: tag.name, hasDefault: !tag.required && tag.default !== null, default: tag.default, file: f.file, line: m.line, text: m.text });
  }
}

/**
 * viper only reads the environment when told to: BindEnv("key", "NAME"), BindEnv("key"), or
 * AutomaticEnv with a key we can map. SetDefault makes the variable optional.
 */
function viperKeys(service: ServicePlan, f: GoFile, files: readonly GoFile[]): void {
  if (!/viper\./.test(f.code)) return;
  const all = files.map((x) => x.code).join('\n');
  const hasDefault = (key: string): { yes: boolean; value: string | null } => {
    const d = new RegExp(`viper\\.SetDefault\\(\\s*"${escapeRe(key)}"\\s*,\\s*([^)\\n]+)\\)`).exec(all);
    return d ? { yes: true, value: stringLiteral(d[1] ?? '') ?? numberLiteral(d[1] ?? '') } : { yes: false, value: null };
  };
  for (const m of matchAll(f.code, /viper\.BindEnv\(\s*"([^"]+)"\s*(?:,\s*"([A-Za-z_][A-Za-z0-9_]*)")?/g)) {
    const key = m.match[1] ?? '';
    const name = m.match[2] ?? viperEnvName(key, all);
    const d = hasDefault(key);
    recordEnvRead(service, { name, hasDefault: d.yes, default: d.value, file: f.file, line: m.line, text: m.text });
  }
  if (!/viper\.AutomaticEnv\(\)/.test(all)) return;
  const replacer = /SetEnvKeyReplacer/.test(all);
  for (const m of matchAll(f.code, /viper\.Get\w*\(\s*"([^"]+)"\s*\)/g)) {
    const key = m.match[1] ?? '';
    if (/[.-]/.test(key) && !replacer) continue; // "db.url" only maps to DB_URL with a key replacer
    const d = hasDefault(key);
    recordEnvRead(service, { name: viperEnvName(key, all), hasDefault: d.yes, default: d.value, file: f.file, line: m.line, text: m.text });
  }
}
