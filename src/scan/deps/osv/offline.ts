/**
 * Offline OSV data: a directory or a zip of OSV JSON records (OSV's `<Ecosystem>/all.zip` exports,
 * `<Ecosystem>-all.zip`, loose `*.json`, or the `<Ecosystem>.ndjson` files `devsquad db import`
 * writes). Records are indexed by (ecosystem, normalised name) once, on the first lookup, and a file
 * whose name says its ecosystem is only read when a package of that ecosystem is looked up: scanning
 * an npm project does not decompress the Go database.
 */
import fs from 'node:fs';
import path from 'node:path';
import { baseEcosystem, normalizeName } from './match.js';
import { isOsvRecord, type OsvRecord, type VulnSource } from './types.js';
import { unzipEntries } from './zip.js';

interface DataFile {
  path: string;
  kind: 'zip' | 'json' | 'ndjson';
  /** Ecosystem named by the file or its folder; null = may hold any ecosystem. */
  ecosystem: string | null;
}

export const KNOWN_ECOSYSTEMS = ['npm', 'PyPI', 'Go', 'crates.io', 'RubyGems', 'Packagist', 'Maven', 'NuGet', 'Pub', 'Hex'];

function ecosystemOf(file: string): string | null {
  const base = path.basename(file).replace(/(-all)?\.(zip|ndjson|json)$/i, '');
  const folder = path.basename(path.dirname(file));
  for (const eco of KNOWN_ECOSYSTEMS) {
    if (base.toLowerCase() === eco.toLowerCase()) return eco;
    if (base === 'all' && folder.toLowerCase() === eco.toLowerCase()) return eco;
  }
  return null;
}

function listDataFiles(root: string): DataFile[] {
  const stat = fs.statSync(root);
  if (stat.isFile()) {
    const kind = root.endsWith('.zip') ? 'zip' : root.endsWith('.ndjson') ? 'ndjson' : 'json';
    return [{ path: root, kind, ecosystem: ecosystemOf(root) }];
  }
  const out: DataFile[] = [];
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const abs = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(abs);
      else if (/\.(zip|ndjson)$/i.test(entry.name)) out.push({ path: abs, kind: entry.name.endsWith('.zip') ? 'zip' : 'ndjson', ecosystem: ecosystemOf(abs) });
      // Loose records: the folder may name the ecosystem (osv/npm/GHSA-….json).
      else if (/\.json$/i.test(entry.name) && entry.name !== 'manifest.json') out.push({ path: abs, kind: 'json', ecosystem: ecosystemOf(path.join(dir, 'all.json')) });
    }
  };
  walk(root);
  return out;
}

/** Every record in one data file. Broken records are counted, not fatal. */
export function readRecords(f: DataFile, onBroken?: (where: string) => void): OsvRecord[] {
  const records: OsvRecord[] = [];
  forEachText(f, (text, where) => {
    try {
      const value: unknown = JSON.parse(text);
      if (isOsvRecord(value)) records.push(value);
      else onBroken?.(where);
    } catch {
      onBroken?.(where);
    }
  });
  return records;
}

/** Calls `take` with the JSON text of each record in a data file. */
function forEachText(f: DataFile, take: (text: string, where: string) => void): void {
  if (f.kind === 'zip') {
    const decoder = new TextDecoder();
    for (const [name, data] of unzipEntries(fs.readFileSync(f.path), (n) => n.endsWith('.json'))) take(decoder.decode(data), `${f.path}:${name}`);
  } else if (f.kind === 'ndjson') {
    let n = 0;
    for (const line of fs.readFileSync(f.path, 'utf8').split('\n')) {
      n++;
      if (line.trim() !== '') take(line, `${f.path}:${n}`);
    }
  } else {
    take(fs.readFileSync(f.path, 'utf8'), f.path);
  }
}

/** Every record in a zip, a file or a directory tree of them. */
export function readAllRecords(root: string, onBroken?: (where: string) => void): OsvRecord[] {
  return listDataFiles(root).flatMap((f) => readRecords(f, onBroken));
}

/** The package objects of a record's affected[] (they hold only strings), found without parsing it. */
const PACKAGE_OBJECT = /"package"\s*:\s*\{([^{}]*)\}/g;
const NAME_FIELD = /"name"\s*:\s*"((?:[^"\\]|\\.)*)"/;
const ECOSYSTEM_FIELD = /"ecosystem"\s*:\s*"((?:[^"\\]|\\.)*)"/;
const ID_FIELD = /"id"\s*:\s*"([^"]+)"/;

/** A record kept as text until a lookup needs it: most records in an export are never asked for. */
interface Lazy {
  text: string;
  where: string;
  parsed?: OsvRecord | null;
}

export class OfflineSource implements VulnSource {
  readonly label: string;
  private readonly files: DataFile[];
  private readonly loaded = new Set<DataFile>();
  private readonly index = new Map<string, Lazy[]>();
  private readonly seen = new Set<string>();
  broken = 0;
  /** Milliseconds spent reading each file, for the benchmark. */
  readonly loadTimes = new Map<string, number>();

  constructor(root: string) {
    this.label = root;
    this.files = listDataFiles(root);
  }

  get fileCount(): number {
    return this.files.length;
  }

  private load(ecosystem: string): void {
    for (const file of this.files) {
      if (this.loaded.has(file) || (file.ecosystem !== null && file.ecosystem !== ecosystem)) continue;
      this.loaded.add(file);
      const start = performance.now();
      forEachText(file, (text, where) => this.add(text, where));
      this.loadTimes.set(file.path, performance.now() - start);
    }
  }

  private add(text: string, where: string): void {
    // The same advisory may be in two files (a zip and an import): index it once.
    const id = ID_FIELD.exec(text)?.[1];
    if (id === undefined) {
      this.broken++;
      return;
    }
    if (this.seen.has(id)) return;
    this.seen.add(id);
    const keys = new Set<string>();
    for (const m of text.matchAll(PACKAGE_OBJECT)) {
      const name = NAME_FIELD.exec(m[1]!)?.[1];
      const eco = ECOSYSTEM_FIELD.exec(m[1]!)?.[1];
      if (name === undefined || eco === undefined) continue;
      const base = baseEcosystem(unescapeJson(eco));
      keys.add(`${base}\0${normalizeName(base, unescapeJson(name))}`);
    }
    const lazy: Lazy = { text, where };
    for (const key of keys) {
      const list = this.index.get(key);
      if (list) list.push(lazy);
      else this.index.set(key, [lazy]);
    }
  }

  lookupSync(ecosystem: string, name: string): OsvRecord[] {
    this.load(ecosystem);
    const out: OsvRecord[] = [];
    for (const lazy of this.index.get(`${ecosystem}\0${normalizeName(ecosystem, name)}`) ?? []) {
      if (lazy.parsed === undefined) {
        try {
          const value: unknown = JSON.parse(lazy.text);
          lazy.parsed = isOsvRecord(value) ? value : null;
        } catch {
          lazy.parsed = null;
        }
        if (lazy.parsed === null) this.broken++;
        lazy.text = '';
      }
      if (lazy.parsed) out.push(lazy.parsed);
    }
    return out;
  }

  lookup(queries: ReadonlyArray<{ ecosystem: string; name: string }>): Promise<OsvRecord[][]> {
    return Promise.resolve(queries.map((q) => this.lookupSync(q.ecosystem, q.name)));
  }
}

function unescapeJson(s: string): string {
  return s.includes('\\') ? (JSON.parse(`"${s}"`) as string) : s;
}
