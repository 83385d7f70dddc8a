/**
 * application.properties / application.yml as Spring Boot, Quarkus and Micronaut read them from
 * src/main/resources: flattened to dotted keys with file and line, production-only values layered
 * on top (application-prod.*, `%prod.` keys, YAML documents activated on the prod profile), and
 * other profiles (dev, test, local) left out because they never apply in a container.
 */
import { LineCounter, isMap, isScalar, isSeq, parseAllDocuments, type Node as YamlNode } from 'yaml';
import type { RepoFs } from '../../core/repo/repo-fs.js';
import { joinPath } from '../../core/repo/repo-fs.js';

export interface ConfigEntry {
  key: string;
  value: string;
  file: string;
  line: number;
}

export interface AppConfig {
  files: string[];
  /** Entries that apply in production, base files first and production overrides last. */
  entries: ConfigEntry[];
  /** The value production sees for a key (a later entry overrides an earlier one). */
  get(key: string): ConfigEntry | null;
}

const PROD_PROFILES = ['prod', 'production'];

/** Where each framework keeps its config: base files first, then the given profiles'. */
function configFiles(dir: string, profiles: readonly string[]): { base: string[]; prod: string[] } {
  const res = joinPath(dir, 'src/main/resources');
  // Spring Boot gives .properties precedence over .yml in the same location, so it is read last.
  const names = (stem: string): string[] => ['yml', 'yaml', 'properties'].map((ext) => joinPath(res, `${stem}.${ext}`));
  return { base: names('application'), prod: profiles.flatMap((p) => names(`application-${p}`)) };
}

/**
 * Reads the config production sees: the base files, then the production profiles, then every
 * profile activated for it — by `spring.profiles.active` in the base config, or by the caller
 * (the existing container recipe's `SPRING_PROFILES_ACTIVE`).
 */
export function readAppConfig(repo: RepoFs, dir: string, activeProfiles: readonly string[] = []): AppConfig {
  const parsed = new Map<string, ConfigEntry[][] | null>();
  const load = (file: string): ConfigEntry[][] | null => {
    if (!parsed.has(file)) {
      const text = repo.readText(file);
      parsed.set(file, text === null ? null : file.endsWith('.properties') ? propertiesDocs(text, file) : yamlDocs(repo, text, file));
    }
    return parsed.get(file) ?? null;
  };
  const { base } = configFiles(dir, []);
  const baseProfiles = [...PROD_PROFILES, ...activeProfiles];
  const configured = base
    .flatMap((f) => (load(f) ?? []).flatMap((d) => keepDoc(d, baseProfiles)))
    .filter((e) => e.key === 'spring.profiles.active' || e.key === 'quarkus.profile')
    .flatMap((e) => e.value.split(','))
    .map((p) => p.trim())
    .filter((p) => /^[\w-]+$/.test(p));
  const profiles = [...new Set([...PROD_PROFILES, ...configured, ...activeProfiles])];
  const files = [...base, ...configFiles(dir, profiles).prod].filter((f) => load(f) !== null);
  const entries = files.flatMap((f) => (load(f) ?? []).flatMap((d) => keepDoc(d, profiles)));
  // Profile-prefixed keys (`%prod.quarkus.http.port`) override plain ones wherever they appear.
  const kept = [...entries.filter((e) => !e.key.startsWith('%')), ...entries.filter((e) => e.key.startsWith('%')).map((e) => ({ ...e, key: e.key.replace(/^%[\w-]+\./, '') }))];
  return {
    files,
    entries: kept,
    get(key: string): ConfigEntry | null {
      for (let i = kept.length - 1; i >= 0; i--) if (kept[i]!.key === key) return kept[i]!;
      return null;
    },
  };
}

/** Is this `%profile.` prefix (or document profile) one that applies in production? */
function profileApplies(profile: string | null, profiles: readonly string[]): boolean {
  if (profile === null) return true;
  return profile.split(/[,&|!()\s]+/).some((p) => profiles.includes(p.trim()));
}

/**
 * `.properties`: `key=value`, `key: value`, `key value`, comments, continuation lines, and Spring's
 * `#---` document separators with `spring.config.activate.on-profile`.
 */
export function parseProperties(text: string, file: string, profiles: readonly string[] = PROD_PROFILES): ConfigEntry[] {
  return propertiesDocs(text, file).flatMap((d) => keepDoc(d, profiles));
}

function propertiesDocs(text: string, file: string): ConfigEntry[][] {
  const docs: ConfigEntry[][] = [[]];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const start = i;
    let line = lines[i]!.trim();
    if (/^[#!]---\s*$/.test(line)) {
      docs.push([]);
      continue;
    }
    if (line === '' || line.startsWith('#') || line.startsWith('!')) continue;
    while (/(^|[^\\])(\\\\)*\\$/.test(line) && i + 1 < lines.length) line = line.slice(0, -1) + lines[++i]!.trim();
    const m = /^((?:\\.|[^=:\s\\])+)\s*[=:\s]\s*(.*)$/.exec(line);
    const key = (m?.[1] ?? line).replace(/\\(.)/g, '$1');
    docs[docs.length - 1]!.push({ key, value: (m?.[2] ?? '').trim(), file, line: start + 1 });
  }
  return docs;
}

/** The entries of one document that apply under `profiles` (a document activated on another profile is dropped). */
function keepDoc(doc: ConfigEntry[], profiles: readonly string[]): ConfigEntry[] {
  const activation = doc.find((e) => e.key === 'spring.config.activate.on-profile' || e.key === 'spring.profiles');
  if (activation && !profileApplies(activation.value, profiles)) return [];
  return doc.filter((e) => !e.key.startsWith('%') || profileApplies(/^%([\w-]+)\./.exec(e.key)?.[1] ?? null, profiles));
}

/** YAML config flattened to dotted keys (lists as `key[0]`), one entry list per document. */
function yamlDocs(repo: RepoFs, text: string, file: string): ConfigEntry[][] {
  const lineCounter = new LineCounter();
  let docs;
  try {
    docs = parseAllDocuments(text, { lineCounter, uniqueKeys: false });
  } catch {
    return [];
  }
  const list = Array.isArray(docs) ? docs : [docs];
  const out: ConfigEntry[][] = [];
  for (const doc of list) {
    if (doc.errors.length > 0) {
      repo.report('DSQ_ERR_MANIFEST_PARSE', file, { format: 'YAML', reason: doc.errors[0]!.message.split('\n')[0] ?? 'syntax error' });
      continue;
    }
    const entries: ConfigEntry[] = [];
    flatten(doc.contents as YamlNode | null, '', entries, file, lineCounter);
    out.push(entries);
  }
  return out;
}

function flatten(node: YamlNode | null, prefix: string, out: ConfigEntry[], file: string, lines: LineCounter): void {
  if (node === null) return;
  if (isMap(node)) {
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : null;
      if (key === null) continue;
      const full = prefix === '' ? key : `${prefix}.${key}`;
      const value = pair.value as YamlNode | null;
      if (value === null || (isScalar(value) && value.value === null)) {
        const at = isScalar(pair.key) ? (pair.key.range?.[0] ?? 0) : 0;
        out.push({ key: full, value: '', file, line: lines.linePos(at).line });
      } else {
        flatten(value, full, out, file, lines);
      }
    }
  } else if (isSeq(node)) {
    node.items.forEach((item, i) => flatten(item as YamlNode | null, `${prefix}[${i}]`, out, file, lines));
  } else if (isScalar(node)) {
    out.push({ key: prefix, value: node.value === null ? '' : String(node.value), file, line: lines.linePos(node.range?.[0] ?? 0).line });
  }
}

export interface Placeholder {
  name: string;
  /** The text after the first `:`, null when there is none (`${X}` is required). */
  default: string | null;
}

/** Top-level `${NAME}` / `${NAME:default}` references in a value; defaults may nest placeholders. */
export function placeholders(value: string): Placeholder[] {
  const out: Placeholder[] = [];
  for (let i = value.indexOf('${'); i !== -1; i = value.indexOf('${', i + 1)) {
    let depth = 0;
    let end = -1;
    for (let j = i; j < value.length; j++) {
      if (value.startsWith('${', j)) {
        depth++;
        j++;
      } else if (value[j] === '}' && --depth === 0) {
        end = j;
        break;
      }
    }
    if (end === -1) break;
    const inner = value.slice(i + 2, end);
    const colon = inner.indexOf(':');
    out.push({ name: (colon === -1 ? inner : inner.slice(0, colon)).trim(), default: colon === -1 ? null : inner.slice(colon + 1) });
    i = end;
  }
  return out;
}

/** Environment variable names are UPPER_SNAKE; `${spring.application.name}` refers to another property. */
export function isEnvName(name: string): boolean {
  return /^[A-Z][A-Z0-9_]*$/.test(name);
}

/**
 * The env var a value reads and the literal it falls back to: `${PORT:8080}` → PORT / '8080',
 * `${SERVER_PORT:${PORT:8080}}` → SERVER_PORT / '8080', `8081` → null / '8081'.
 */
export function resolveValue(value: string): { envVar: string | null; literal: string | null } {
  const trimmed = value.trim();
  const refs = placeholders(trimmed);
  const whole = refs.length === 1 && trimmed.startsWith('${') && trimmed.endsWith('}');
  if (!whole) return { envVar: null, literal: refs.length === 0 ? trimmed : null };
  const ref = refs[0]!;
  const inner = ref.default === null ? { envVar: null, literal: null } : resolveValue(ref.default);
  return { envVar: isEnvName(ref.name) ? ref.name : inner.envVar, literal: inner.literal };
}
