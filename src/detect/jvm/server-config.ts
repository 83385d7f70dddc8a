/**
 * The listen port a plain JVM server's config files set, for the many frameworks that read one:
 * `server.port` / `http.port` in any `.properties` or YAML under src/main/resources or conf/,
 * Ktor's `ktor.deployment.port` (with `${?PORT}`), HOCON / Groovy / cprops blocks
 * (`server { port = 8080 }`, `ports { http = 8080 }`, `server_port = 8080`), a Dropwizard config's
 * `server.applicationConnectors[0].port`, and XML `<server … port="8080">`. Keys under database,
 * cache, broker, admin or metrics sections are someone else's port.
 */
import type { RepoFs } from '../../core/repo/repo-fs.js';
import { joinPath } from '../../core/repo/repo-fs.js';
import { lineOf, matchAll, parsePort, stripHashComments } from '../shared/text.js';
import { parseProperties } from './app-config.js';
import { BACKING_PORTS } from './code-port.js';

export interface ConfigPort {
  port: number | null;
  envVar: string | null;
  file: string;
  line?: number;
  note: string;
}

const EXTENSIONS = /\.(properties|ya?ml|conf|cprops|groovy|xml)$/;
/** The last key segments that name a listen port. */
const PORT_KEY = /(^|[._])(port|http[._-]?port|server[._-]?port|listen[._-]?port)$|(^|\.)ports\.http$/i;
/** Sections that configure something other than the app's own listener. */
const OTHER_SECTION = /(^|[._[\]-])(db|database|datasources?|jdbc|r2dbc|sql|postgres(ql)?|pg|mysql|mariadb|redis|mongo(db)?|cache|kafka|rabbit(mq)?|amqp|elastic(search)?|smtp|mail|admin|adminconnectors|management|metrics|jmx|debug|proxy|client|upstream|remote|grpc|ssh|ftp|ldap|zookeeper|consul|eureka|nacos)([._[\]-]|$)/i;

/** Config files nearest the app first: src/main/resources, then conf/ and config/, then the project root. */
function candidates(repo: RepoFs, dir: string): string[] {
  const res = joinPath(dir, 'src/main/resources');
  const out: string[] = [];
  for (const base of [res, joinPath(res, 'conf'), joinPath(res, 'config'), joinPath(dir, 'conf'), joinPath(dir, 'config'), dir]) {
    const files = repo.list(base).filter((n) => EXTENSIONS.test(n) && repo.isFile(joinPath(base, n)));
    // application.* first: the file frameworks read by default.
    files.sort((a, b) => Number(!a.startsWith('application')) - Number(!b.startsWith('application')) || a.localeCompare(b));
    for (const name of files) {
      // At the project root only YAML that looks like a server config (Dropwizard's config.yml): pom.xml,
      // docker-compose.yml and CI files are not app config.
      if (base === dir && !/\.ya?ml$/.test(name)) continue;
      if (/^(docker-)?compose|^\.|^(mkdocs|codecov|renovate|sonar|lombok|logback|log4j2?)/.test(name) || /-(dev|test|local)\./.test(name)) continue;
      out.push(joinPath(base, name));
    }
  }
  return out;
}

export function portFromServerConfig(repo: RepoFs, dir: string): ConfigPort | null {
  for (const file of candidates(repo, dir)) {
    const text = repo.readText(file);
    if (text === null) continue;
    const found = file.endsWith('.properties') ? fromProperties(text, file) : /\.ya?ml$/.test(file) ? fromYaml(repo, text, file) : file.endsWith('.xml') ? fromXml(text, file) : fromBlocks(text, file);
    if (found) return found;
  }
  return null;
}

function accept(key: string, value: string, file: string, line: number | undefined): ConfigPort | null {
  if (!PORT_KEY.test(key) || OTHER_SECTION.test(key.replace(/[._-]?port$/i, ''))) return null;
  const env = /\$\{\??([A-Z][A-Z0-9_]*)(?::-?([^}]*))?\}/.exec(value);
  const literal = /^\s*["']?(\d{2,5})["']?\s*,?\s*$/.exec(value)?.[1] ?? env?.[2];
  const port = literal ? parsePort(literal.trim()) : null;
  if (port !== null && BACKING_PORTS.has(port)) return null;
  if (port === null && !env) return null;
  return { port, envVar: env?.[1] ?? null, file, line, note: `${key} = ${value.trim()}` };
}

function fromProperties(text: string, file: string): ConfigPort | null {
  for (const e of parseProperties(text, file)) {
    const found = accept(e.key, e.value, file, e.line);
    if (found) return found;
  }
  return null;
}

function fromYaml(repo: RepoFs, text: string, file: string): ConfigPort | null {
  const docs = repo.readYamlAll(file);
  if (!docs) return null;
  for (const doc of docs) {
    for (const [key, value] of flatten(doc, '')) {
      const last = key.split('.').pop()?.replace(/\[\d+\]$/, '') ?? key;
      const found = accept(key, value, file, lineOf(text, new RegExp(`^\\s*-?\\s*["']?${last.replace(/[^\w-]/g, '')}["']?\\s*:`)));
      if (found) return found;
    }
  }
  return null;
}

function flatten(node: unknown, prefix: string): Array<[string, string]> {
  if (node === null || node === undefined) return [];
  if (Array.isArray(node)) return node.flatMap((item, i) => flatten(item, `${prefix}[${i}]`));
  if (typeof node === 'object') return Object.entries(node as Record<string, unknown>).flatMap(([k, v]) => flatten(v, prefix === '' ? k : `${prefix}.${k}`));
  return [[prefix, String(node)]];
}

/** HOCON, Groovy ConfigSlurper and cprops: `name {` opens a section, `key = value` / `key: value` sets. */
function fromBlocks(text: string, file: string): ConfigPort | null {
  const stack: string[] = [];
  const lines = stripHashComments(text.replace(/\/\/[^\n]*/g, '')).split('\n');
  let best: ConfigPort | null = null;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const open = /^\s*([\w.-]+)\s*[:=]?\s*\{\s*$/.exec(line);
    if (open) {
      stack.push(open[1] ?? '');
      continue;
    }
    if (/^\s*\}/.test(line)) {
      stack.pop();
      continue;
    }
    const set = /^\s*["']?([\w.-]+)["']?\s*[=:]\s*(.+?)\s*$/.exec(line);
    if (!set) continue;
    const found = accept([...stack, set[1] ?? ''].join('.'), set[2] ?? '', file, i + 1);
    if (!found) continue;
    best = merge(best, found);
  }
  return best;
}

/** `port = 8080` followed by `port = ${?PORT}` (HOCON's optional override): the literal and the variable. */
function merge(best: ConfigPort | null, found: ConfigPort): ConfigPort {
  if (best === null || found.port !== null) return best !== null && found.envVar === null && best.envVar !== null ? { ...found, envVar: best.envVar } : found;
  return best.port !== null ? { ...best, envVar: found.envVar } : found;
}

function fromXml(text: string, file: string): ConfigPort | null {
  for (const m of matchAll(text, /<(server|http|connector|listener|webserver|http-listener)\b[^>]*?\bport\s*=\s*"(\d{2,5})"/gi)) {
    const port = parsePort(m.match[2]);
    if (port === null || BACKING_PORTS.has(port)) continue;
    return { port, envVar: null, file, line: m.line, note: m.text };
  }
  return null;
}
