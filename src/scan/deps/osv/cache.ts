/**
 * The local vulnerability database `devsquad db import` fills and the scanner reads when it has no
 * --vuln-db and the OSV API cannot be used: `$DEVSQUAD_VULN_DB`, else `$XDG_CACHE_HOME/devsquad/osv`,
 * else `~/.cache/devsquad/osv`. One `<Ecosystem>.ndjson` per ecosystem (one record per line, merged
 * by id on each import) and a manifest.json saying what was imported and when.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { baseEcosystem } from './match.js';
import { readAllRecords, KNOWN_ECOSYSTEMS } from './offline.js';
import type { OsvRecord } from './types.js';

export interface DbManifest {
  updated: string;
  sources: Array<{ path: string; imported: string; records: number }>;
  ecosystems: Record<string, number>;
}

export function defaultDbDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.DEVSQUAD_VULN_DB) return path.resolve(env.DEVSQUAD_VULN_DB);
  const cache = env.XDG_CACHE_HOME ? env.XDG_CACHE_HOME : path.join(os.homedir(), '.cache');
  return path.join(cache, 'devsquad', 'osv');
}

export function readManifest(dbDir: string): DbManifest | null {
  try {
    return JSON.parse(fs.readFileSync(path.join(dbDir, 'manifest.json'), 'utf8')) as DbManifest;
  } catch {
    return null;
  }
}

function fileEcosystem(record: OsvRecord): string {
  const ecos = new Set((record.affected ?? []).flatMap((a) => (a.package ? [baseEcosystem(a.package.ecosystem)] : [])));
  if (ecos.size !== 1) return 'mixed';
  const eco = [...ecos][0]!;
  return KNOWN_ECOSYSTEMS.includes(eco) ? eco : 'mixed';
}

export interface ImportResult {
  dbDir: string;
  imported: number;
  broken: number;
  ecosystems: Record<string, number>;
}

/** Copies every record under `source` (zip, directory or file) into the database, replacing same-id records. */
export function importRecords(source: string, dbDir: string): ImportResult {
  let broken = 0;
  const incoming = readAllRecords(source, () => broken++);
  fs.mkdirSync(dbDir, { recursive: true });
  const byFile = new Map<string, Map<string, OsvRecord>>();
  for (const r of incoming) {
    const eco = fileEcosystem(r);
    let map = byFile.get(eco);
    if (!map) {
      map = new Map();
      const existing = path.join(dbDir, `${eco}.ndjson`);
      if (fs.existsSync(existing)) for (const old of readAllRecords(existing)) map.set(old.id, old);
      byFile.set(eco, map);
    }
    map.set(r.id, r);
  }
  for (const [eco, map] of byFile) {
    const file = path.join(dbDir, `${eco}.ndjson`);
    const tmp = `${file}.tmp`;
    fs.writeFileSync(tmp, [...map.values()].map((r) => JSON.stringify(r)).join('\n') + '\n');
    fs.renameSync(tmp, file);
  }
  const ecosystems: Record<string, number> = {};
  for (const entry of fs.readdirSync(dbDir)) {
    if (!entry.endsWith('.ndjson')) continue;
    ecosystems[entry.replace(/\.ndjson$/, '')] = fs.readFileSync(path.join(dbDir, entry), 'utf8').split('\n').filter((l) => l.trim() !== '').length;
  }
  const previous = readManifest(dbDir);
  const now = new Date().toISOString();
  const manifest: DbManifest = { updated: now, sources: [...(previous?.sources ?? []), { path: path.resolve(source), imported: now, records: incoming.length }], ecosystems };
  fs.writeFileSync(path.join(dbDir, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
  return { dbDir, imported: incoming.length, broken, ecosystems };
}
