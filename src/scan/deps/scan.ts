/**
 * The dependency scan: find lockfiles, parse them, look every (ecosystem, name, version) up once in
 * the chosen OSV source, and report each affected package occurrence. Anything that could not be
 * checked (a broken lockfile, a manifest with no lockfile, an unreachable API) is a ScanProblem.
 */
import fs from 'node:fs';
import { RepoFs, joinPath } from '../../core/repo/repo-fs.js';
import type { Finding } from '../../core/finding.js';
import type { ScanOptions, ScanOutput, ScanProblem } from '../types.js';
import { dependencyFinding } from './findings.js';
import { MANIFEST_LOCKS, parserFor, type LockedPackage } from './lockfiles/index.js';
import { defaultDbDir, readManifest } from './osv/cache.js';
import { matchRecord, type Match } from './osv/match.js';
import { OfflineSource } from './osv/offline.js';
import { OnlineSource, OsvApiError } from './osv/online.js';
import type { OsvRecord, VulnSource } from './osv/types.js';

/** Lockfiles are often larger than RepoFs's 1 MiB default; read them through a RepoFs with a higher cap. */
const LOCKFILE_MAX_BYTES = 64 * 1024 * 1024;

function dirOf(p: string): string {
  const i = p.lastIndexOf('/');
  return i >= 0 ? p.slice(0, i) : '';
}

function ancestors(dir: string): string[] {
  const out = [dir];
  let d = dir;
  while (d !== '') {
    d = dirOf(d);
    out.push(d);
  }
  return out;
}

export function collectPackages(repo: RepoFs): { packages: LockedPackage[]; problems: ScanProblem[]; lockfiles: string[] } {
  let big: RepoFs | null = null;
  const read = (rel: string): string | null => {
    const text = repo.readText(rel);
    if (text !== null || !repo.isFile(rel)) return text;
    big ??= new RepoFs(repo.root, { maxFileBytes: LOCKFILE_MAX_BYTES });
    return big.readText(rel);
  };
  const packages: LockedPackage[] = [];
  const problems: ScanProblem[] = [];
  const lockfiles: string[] = [];
  const files = repo.files();
  const fileSet = new Set(files);
  const seen = new Map<string, LockedPackage>();
  for (const file of files) {
    if (file.endsWith('bun.lockb') && !fileSet.has(joinPath(dirOf(file), 'bun.lock'))) {
      problems.push({ code: 'DSQ_ERR_DEPS_NO_LOCKFILE', file, message: `${file} is bun's binary lockfile, which devsquad cannot read: run \`bun install --save-text-lockfile\` and commit bun.lock` });
      continue;
    }
    const parser = parserFor(file);
    if (!parser) continue;
    const text = read(file);
    if (text === null) {
      problems.push({ code: 'DSQ_ERR_MANIFEST_PARSE', file, message: `Could not read ${file} (too large, binary or unreadable); its dependencies were not checked` });
      continue;
    }
    lockfiles.push(file);
    let result;
    try {
      result = parser({ file, text, readText: (rel) => read(rel) });
    } catch (error) {
      result = { packages: [], problems: [{ code: 'DSQ_ERR_MANIFEST_PARSE', file, message: `Could not parse ${file}: ${(error as Error).message}; its dependencies were not checked` }] };
    }
    problems.push(...result.problems);
    // One entry per (name, version) per file (an included requirements file is also read on its
    // own): direct if any copy is, dev-only only if every copy is.
    for (const p of result.packages) {
      const key = `${p.file}\0${p.ecosystem}\0${p.name}\0${p.version}`;
      const prev = seen.get(key);
      if (!prev) {
        const copy = { ...p };
        seen.set(key, copy);
        packages.push(copy);
      } else {
        prev.direct ||= p.direct;
        prev.dev &&= p.dev;
      }
    }
  }
  for (const { manifest, locks, note } of MANIFEST_LOCKS) {
    for (const file of files) {
      if (file !== manifest && !file.endsWith(`/${manifest}`)) continue;
      const dir = dirOf(file);
      if (locks.some((l) => ancestors(dir).some((d) => fileSet.has(joinPath(d, l))))) continue;
      // A workspace or multi-module build is one problem, reported at its top-most manifest.
      if (ancestors(dir).slice(1).some((d) => fileSet.has(joinPath(d, manifest)))) continue;
      if (manifest === 'package.json' && !declaresNpmDeps(repo.readText(file))) continue;
      problems.push({ code: 'DSQ_ERR_DEPS_NO_LOCKFILE', file, message: `${file} has no lockfile, so its dependency versions were not checked: ${note}` });
    }
  }
  return { packages, problems, lockfiles };
}

function declaresNpmDeps(text: string | null): boolean {
  if (text === null) return false;
  try {
    const pkg = JSON.parse(text) as Record<string, unknown>;
    return ['dependencies', 'devDependencies', 'optionalDependencies'].some((k) => typeof pkg[k] === 'object' && pkg[k] !== null && Object.keys(pkg[k]).length > 0);
  } catch {
    return false;
  }
}

interface SourceChoice {
  source: VulnSource | null;
  online: boolean;
  problems: ScanProblem[];
}

function localDb(): OfflineSource | null {
  const dir = defaultDbDir();
  return readManifest(dir) ? new OfflineSource(dir) : null;
}

function chooseSource(options: ScanOptions): SourceChoice {
  if (options.vulnDb) {
    if (!fs.existsSync(options.vulnDb)) return { source: null, online: false, problems: [{ code: 'DSQ_ERR_DEPS_VULN_DB', file: options.vulnDb, message: `The vulnerability database ${options.vulnDb} does not exist; no dependency was checked` }] };
    return { source: new OfflineSource(options.vulnDb), online: false, problems: [] };
  }
  // An explicit API URL (a mirror, or a test's local server) wins over DEVSQUAD_OFFLINE.
  if (!options.osvApiUrl && process.env.DEVSQUAD_OFFLINE && process.env.DEVSQUAD_OFFLINE !== '0') {
    const db = localDb();
    if (db) return { source: db, online: false, problems: [] };
    return { source: null, online: false, problems: [{ code: 'DSQ_ERR_DEPS_VULN_DB', message: `DEVSQUAD_OFFLINE is set but there is no local vulnerability database at ${defaultDbDir()}; run \`devsquad db import <zip|dir>\` or pass --vuln-db. No dependency was checked` }] };
  }
  return { source: new OnlineSource(options.osvApiUrl), online: true, problems: [] };
}

export async function scanDependencies(repo: RepoFs, options: ScanOptions): Promise<ScanOutput> {
  const { packages, problems } = collectPackages(repo);
  if (packages.length === 0) return { findings: [], problems, scanned: 0 };
  options.progress?.(20, `${packages.length} packages in lockfiles`);
  const unique = new Map<string, { ecosystem: string; name: string; version: string }>();
  for (const p of packages) unique.set(`${p.ecosystem}\0${p.name}\0${p.version}`, { ecosystem: p.ecosystem, name: p.name, version: p.version });
  const queries = [...unique.values()];
  const choice = chooseSource(options);
  problems.push(...choice.problems);
  let source = choice.source;
  let records: OsvRecord[][] | null = null;
  if (source) {
    try {
      records = await source.lookup(queries, options.signal);
    } catch (error) {
      if (!(error instanceof OsvApiError)) throw error;
      const fallback = localDb();
      const url = source.label;
      problems.push({
        code: 'DSQ_ERR_DEPS_OSV_UNREACHABLE',
        message: `Could not query the OSV API at ${url}: ${error.message}. ${fallback ? `Used the local vulnerability database at ${fallback.label} instead (imported ${readManifest(fallback.label)?.updated ?? 'at an unknown date'}).` : 'No dependency was checked: pass --vuln-db PATH, or run `devsquad db import` to work offline.'}`,
      });
      source = fallback;
      records = fallback ? await fallback.lookup(queries) : null;
    }
  }
  options.progress?.(80, 'matching advisories');
  const findings: Finding[] = [];
  if (records) {
    const byKey = new Map<string, OsvRecord[]>();
    for (const [i, q] of queries.entries()) byKey.set(`${q.ecosystem}\0${q.name}\0${q.version}`, records[i] ?? []);
    const matchCache = new Map<string, Match | null>();
    for (const pkg of packages) {
      const key = `${pkg.ecosystem}\0${pkg.name}\0${pkg.version}`;
      for (const record of byKey.get(key) ?? []) {
        const mk = `${key}\0${record.id}`;
        let match = matchCache.get(mk);
        if (match === undefined) {
          match = matchRecord(record, pkg.ecosystem, pkg.name, pkg.version);
          // The API already matched the version; keep its answer if our ordering disagrees.
          if (!match && choice.online && source === choice.source) {
            const affected = record.affected?.find((a) => a.package?.name === pkg.name);
            match = affected ? { affected, fixed: [] } : null;
          }
          matchCache.set(mk, match);
        }
        if (match) findings.push(dependencyFinding(pkg, record, match));
      }
    }
  }
  findings.sort((a, b) => a.location.file.localeCompare(b.location.file) || a.location.line - b.location.line || a.ruleId.localeCompare(b.ruleId));
  return { findings, problems, scanned: packages.length };
}
