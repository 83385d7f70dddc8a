/**
 * C# / F# / VB sources of one project, and the configuration they read: IConfiguration indexers,
 * GetValue<T>, GetConnectionString and Environment.GetEnvironmentVariable. A configuration key maps
 * to the env var ASP.NET Core binds to it (`Jwt:Key` → `Jwt__Key`); a key appsettings.json already
 * sets is configuration with a default, not a required env var.
 */
import type { RepoFs } from '../../core/repo/repo-fs.js';
import type { ServicePlan } from '../../plan/schema.js';
import { addBackingService, addEnv, addEvidence } from '../../plan/service.js';
import { backingFromUrl, isSecretName, recordEnvRead } from '../shared/env-vars.js';
import { matchAll, stripCComments } from '../shared/text.js';
import type { AppSettings } from './appsettings.js';


/** Source files of the project in `dir`: not bin/obj, not tests, not nested projects. Shallow first. */
export function dotnetSources(repo: RepoFs, dir: string, max = 400): string[] {
  const prefix = dir === '' ? '' : `${dir}/`;
  const under = repo.filesUnder(dir);
  // Directories below this one that hold their own project belong to that project.
  const nested = under.filter((f) => /\.(cs|fs|vb)proj$/.test(f) && f.slice(prefix.length).includes('/')).map((f) => f.slice(0, f.lastIndexOf('/') + 1));
  const out = under.filter((f) => {
    if (!/\.(cs|fs|vb)$/.test(f)) return false;
    const local = f.slice(prefix.length);
    if (/(^|\/)(bin|obj|tests?|[\w.]*Tests?)\//.test(local)) return false;
    return !nested.some((n) => f.startsWith(n));
  });
  out.sort((a, b) => a.split('/').length - b.split('/').length || a.localeCompare(b));
  return out.slice(0, max);
}

/** `Jwt:Key` → `Jwt__Key`: the env var name .NET's environment configuration provider maps to the key. */
export function envNameForKey(key: string): string {
  return key.replace(/:/g, '__');
}

/** Literal after `??` or a GetValue default argument ("8080", 8080, true). */
function literalDefault(rest: string): { has: boolean; value: string | null } {
  const m = /^\s*\?\?\s*(?:"([^"]*)"|(\d+(?:\.\d+)?|true|false))?/.exec(rest);
  if (!m) return { has: false, value: null };
  const looksLikeThrow = /^\s*\?\?\s*throw\b/.test(rest);
  return looksLikeThrow ? { has: false, value: null } : { has: true, value: m[1] ?? m[2] ?? null };
}

const CONFIG_INDEXER = /\b(?:_?[cC]onfig(?:uration)?|cfg|Configuration)\s*\[\s*"([^"]+)"\s*\]/g;
const GET_VALUE = /\.GetValue<[^>]+>\s*\(\s*"([^"]+)"\s*(?:,\s*("[^"]*"|[\w.]+)\s*)?\)/g;
const CONNECTION_STRING = /\.GetConnectionString\s*\(\s*"([^"]+)"\s*\)/g;
const ENV_READ = /Environment\.GetEnvironmentVariable\s*\(\s*"([A-Za-z_][A-Za-z0-9_]*)"\s*\)/g;

/** Records every configuration and env read in the sources. Returns the connection string names. */
export function recordConfigReads(repo: RepoFs, service: ServicePlan, files: readonly string[], settings: AppSettings): string[] {
  const connectionStrings: string[] = [];
  for (const file of files) {
    const raw = repo.readText(file);
    if (raw === null || !/Configuration|[cC]onfig\s*\[|GetValue|GetConnectionString|GetEnvironmentVariable/.test(raw)) continue;
    const text = stripCComments(raw);
    const after = (m: RegExpExecArray): string => text.slice(m.index + m[0].length, m.index + m[0].length + 80);
    const read = (m: RegExpExecArray): { has: boolean; value: string | null } => {
      const d = literalDefault(after(m));
      return d.has ? d : { has: checkedForNull(text, m), value: null };
    };
    for (const m of matchAll(text, ENV_READ)) {
      const d = read(m.match);
      recordEnvRead(service, { name: m.match[1]!, hasDefault: d.has, default: d.value, file, line: m.line, text: m.text });
    }
    for (const m of matchAll(text, CONFIG_INDEXER)) {
      const d = read(m.match);
      recordKey(service, settings, m.match[1]!, d.has, d.value, { file, line: m.line, text: m.text });
    }
    for (const m of matchAll(text, GET_VALUE)) {
      const arg = m.match[2];
      const def = arg === undefined ? null : arg.replace(/^"|"$/g, '');
      recordKey(service, settings, m.match[1]!, arg !== undefined, def, { file, line: m.line, text: m.text });
    }
    for (const m of matchAll(text, CONNECTION_STRING)) {
      const name = m.match[1]!;
      if (!connectionStrings.includes(name)) connectionStrings.push(name);
      const env = `ConnectionStrings__${name}`;
      const configured = settings.get(`ConnectionStrings:${name}`);
      const d = literalDefault(after(m.match));
      // Connection strings carry credentials: always a secret, never a plain default.
      addEnv(service, { name: env, required: !(configured && configured.value !== '') && !d.has, secret: true });
      addEvidence(service, `env:${env}`, file, m.text, m.line);
      if (configured) addEvidence(service, `env:${env}`, configured.file, `ConnectionStrings:${name} in ${configured.file.slice(configured.file.lastIndexOf('/') + 1)} (a development default; set ${env} in production)`, configured.line);
    }
  }
  return connectionStrings;
}

/**
 * A read the code tests for null is optional: `string.IsNullOrEmpty(config["X"])`, or
 * `var x = config["X"];` followed by `x is not null`, `x != null` or `string.IsNullOrWhiteSpace(x)`.
 */
function checkedForNull(text: string, m: RegExpExecArray): boolean {
  // The match starts at `Configuration[`: drop the `builder.` / `app.` receiver in front of it.
  const before = text.slice(Math.max(0, m.index - 80), m.index).replace(/[\w.]+\.$/, '');
  if (/IsNullOr(?:Empty|WhiteSpace)\s*\(\s*$/.test(before)) return true;
  if (/^\s*(?:is\s+(?:not\s+)?null|[!=]=\s*null)/.test(text.slice(m.index + m[0].length, m.index + m[0].length + 30))) return true;
  const variable = /\b(?:var|string\??)\s+(\w+)\s*=\s*$/.exec(before)?.[1];
  if (!variable) return false;
  const rest = text.slice(m.index + m[0].length);
  return new RegExp(`IsNullOr(?:Empty|WhiteSpace)\\s*\\(\\s*${variable}\\s*\\)|\\b${variable}\\s+is\\s+(?:not\\s+)?null\\b|\\b${variable}\\s*[!=]=\\s*null\\b|\\b${variable}\\s*\\?\\?`).test(rest);
}

function recordKey(service: ServicePlan, settings: AppSettings, key: string, hasDefault: boolean, codeDefault: string | null, at: { file: string; line: number; text: string }): void {
  if (/^(Logging|AllowedHosts|Kestrel|Serilog)(:|$)/i.test(key)) return;
  const configured = settings.get(key);
  const name = envNameForKey(key);
  const def = codeDefault ?? (configured && configured.value !== '' ? configured.value : null);
  recordEnvRead(service, { name, hasDefault: hasDefault || (configured !== null && configured.value !== ''), default: def, ...at });
  // Configuration keys are PascalCase (`Jwt:SigningKey`): judge secrecy on the snake-cased words too.
  const env = service.env.find((e) => e.name === name);
  if (env && !env.secret && isSecretName(name.replace(/([a-z0-9])([A-Z])/g, '$1_$2'))) {
    env.secret = true;
    env.default = null;
  }
}

/** The backing service a connection string's name or value points at (`Redis`, `Host=…;Database=…`). */
export function backingForConnectionString(name: string, value: string | null): ReturnType<typeof backingFromUrl> {
  const n = name.toLowerCase();
  if (/redis|cache/.test(n)) return 'redis';
  if (/mongo/.test(n)) return 'mongodb';
  if (/rabbit|amqp|servicebus|messaging/.test(n)) return 'rabbitmq';
  if (/postgres|npgsql|pgsql/.test(n)) return 'postgres';
  if (/mysql|maria/.test(n)) return 'mysql';
  if (/sqlserver|mssql/.test(n)) return 'sqlserver';
  if (/kafka/.test(n)) return 'kafka';
  if (value) {
    const byUrl = backingFromUrl(value);
    if (byUrl) return byUrl;
    if (/(^|;)\s*Host\s*=/i.test(value) && /Database\s*=/i.test(value)) return 'postgres';
    if (/^[\w.-]+:6379\b/.test(value)) return 'redis';
    if (/Data Source\s*=.*\.db\b/i.test(value)) return 'sqlite';
  }
  return null;
}

/** Links ConnectionStrings__X env vars to the backing services they address. */
export function linkConnectionStrings(service: ServicePlan, names: readonly string[], settings: AppSettings): void {
  for (const name of names) {
    const value = settings.get(`ConnectionStrings:${name}`)?.value ?? null;
    const kind = backingForConnectionString(name, value);
    if (!kind) continue;
    const existing = service.backingServices.find((b) => b.kind === kind);
    // A name-only guess (`Default` holding Host=…) adds nothing the packages did not already say.
    if (!existing && !/redis|mongo|rabbit|postgres|mysql|maria|sqlserver|mssql|kafka|npgsql/i.test(name)) continue;
    addBackingService(service, kind, `ConnectionStrings__${name}`);
    const read = service.evidence.find((e) => e.fact === `env:ConnectionStrings__${name}`);
    addEvidence(service, `backing:${kind}`, read?.file ?? service.path, `connection string ${name}`, read?.line);
  }
}
