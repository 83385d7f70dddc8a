/**
 * Native libraries a Rust binary links: OpenSSL (openssl-sys via native-tls, reqwest's default
 * TLS, …), libpq, libmysqlclient, system SQLite, and protoc for prost/tonic code generation.
 * Cargo.lock is the authority when present (the -sys crates reachable from the package); without
 * it the direct dependencies and their features decide. rustls-only builds need nothing.
 */
import type { RepoFs } from '../../core/repo/repo-fs.js';
import { lineOf } from '../shared/text.js';
import type { CargoDep } from './cargo.js';

export interface NativeNeed {
  /**
   * Debian packages the build needs (headers, pkg-config). The Dockerfile generators derive the
   * runtime library from each -dev package, so runtime needs are only named in the evidence note.
   */
  build: string[];
  runtime: string[];
  file: string;
  line?: number;
  note: string;
}

interface SysCrate {
  crate: string;
  build: string[];
  runtime: string[];
  what: string;
}

const SYS_CRATES: readonly SysCrate[] = [
  { crate: 'openssl-sys', build: ['pkg-config', 'libssl-dev'], runtime: ['libssl3', 'ca-certificates'], what: 'OpenSSL' },
  { crate: 'pq-sys', build: ['libpq-dev'], runtime: ['libpq5'], what: 'libpq' },
  { crate: 'mysqlclient-sys', build: ['pkg-config', 'default-libmysqlclient-dev'], runtime: ['libmariadb3'], what: 'libmysqlclient' },
];
const SQLITE: SysCrate = { crate: 'libsqlite3-sys', build: ['libsqlite3-dev'], runtime: ['libsqlite3-0'], what: 'SQLite' };

/** Direct dependencies (and features) that pull a -sys crate in, for when there is no lockfile. */
function impliedSysCrates(dep: CargoDep): string[] {
  const f = dep.features;
  const out: string[] = [];
  const nativeTls = ['openssl', 'openssl-sys', 'native-tls', 'hyper-tls', 'tokio-native-tls', 'postgres-native-tls', 'postgres-openssl', 'actix-tls', 'async-native-tls'];
  if (nativeTls.includes(dep.name)) out.push('openssl-sys');
  // reqwest and lettre use native-tls unless default features are off and rustls is chosen.
  if ((dep.name === 'reqwest' || dep.name === 'lettre' || dep.name === 'ureq') && ((dep.defaultFeatures && dep.name !== 'ureq') || f.some((x) => /native-tls|default-tls/.test(x)))) out.push('openssl-sys');
  if (['sqlx', 'sea-orm', 'async-nats', 'tokio-tungstenite', 'reqwest', 'actix-web', 'awc', 'mongodb', 'redis'].includes(dep.name) && f.some((x) => /native-tls|openssl/.test(x))) out.push('openssl-sys');
  if (dep.name === 'diesel' && f.includes('postgres')) out.push('pq-sys');
  if (dep.name === 'diesel' && f.includes('mysql')) out.push('mysqlclient-sys');
  if ((dep.name === 'diesel' && f.includes('sqlite')) || (dep.name === 'rusqlite' && !f.includes('bundled'))) out.push('libsqlite3-sys');
  return out;
}

export function nativeNeeds(repo: RepoFs, manifestFile: string, deps: readonly CargoDep[], buildDeps: readonly CargoDep[], lock: { file: string; pkg: string } | null): NativeNeed[] {
  const out: NativeNeed[] = [];
  const sqliteBundled = deps.some((d) => (d.name === 'rusqlite' || d.name === 'libsqlite3-sys') && d.features.includes('bundled'));
  const reachable = lock ? lockReachable(repo, lock.file, lock.pkg, prunedEdges(deps)) : null;
  for (const sys of [...SYS_CRATES, SQLITE]) {
    if (sys === SQLITE && sqliteBundled) continue;
    // sqlx builds SQLite bundled, and Cargo.lock lists libsqlite3-sys even when it is not built:
    // only the manifest tells whether the system library is needed.
    if (reachable && lock && sys !== SQLITE) {
      if (!reachable.has(sys.crate)) continue;
      const text = repo.readText(lock.file) ?? '';
      out.push({ build: sys.build, runtime: sys.runtime, file: lock.file, line: lineOf(text, `name = "${sys.crate}"`), note: `${sys.crate} in Cargo.lock: links the system ${sys.what}${runtimeNote(sys)}` });
      continue;
    }
    const via = deps.find((d) => impliedSysCrates(d).includes(sys.crate));
    if (via) out.push({ build: sys.build, runtime: sys.runtime, file: manifestFile, line: via.line, note: `${via.key} (${describe(via)}) links the system ${sys.what}${runtimeNote(sys)}` });
  }
  const protoc = buildDeps.find((d) => d.name === 'prost-build' || d.name === 'tonic-build' || d.name === 'tonic-prost-build');
  const vendored = buildDeps.some((d) => d.name === 'protoc-bin-vendored' || d.name === 'protobuf-src');
  if (protoc && !vendored) out.push({ build: ['protobuf-compiler'], runtime: [], file: manifestFile, line: protoc.line, note: `${protoc.name} runs protoc at build time` });
  return out;
}

function runtimeNote(sys: SysCrate): string {
  return sys.runtime.length > 0 ? ` (runtime needs ${sys.runtime.join(', ')})` : '';
}

function describe(dep: CargoDep): string {
  const base = dep.defaultFeatures ? 'default features' : 'no default features';
  return dep.features.length > 0 ? `${base}, features ${dep.features.join(', ')}` : base;
}

/**
 * Edges Cargo.lock records but the build never follows: a weak feature (`sqlx-mysql?/migrate`)
 * puts every sqlx driver in the lockfile (rust-lang/cargo#10801), so a driver counts only when its
 * feature is on.
 */
function prunedEdges(deps: readonly CargoDep[]): Set<string> {
  const features = new Set(deps.filter((d) => d.name === 'sqlx' || d.name === 'sea-orm').flatMap((d) => d.features));
  const out = new Set<string>();
  for (const driver of ['mysql', 'postgres', 'sqlite']) {
    if (!features.has(driver) && !features.has(`sqlx-${driver}`)) out.add(`sqlx-${driver}`);
  }
  return out;
}

/** Package names reachable from `root` in Cargo.lock's dependency graph, minus pruned crates. */
function lockReachable(repo: RepoFs, file: string, root: string, pruned: ReadonlySet<string>): Set<string> | null {
  const data = repo.readToml(file);
  const packages = Array.isArray(data?.package) ? (data.package as unknown[]) : null;
  if (!packages) return null;
  const edges = new Map<string, string[]>();
  for (const p of packages) {
    if (typeof p !== 'object' || p === null) continue;
    const { name, dependencies } = p as { name?: unknown; dependencies?: unknown };
    if (typeof name !== 'string') continue;
    const deps = Array.isArray(dependencies) ? dependencies.filter((d): d is string => typeof d === 'string').map((d) => d.split(' ')[0] ?? d) : [];
    edges.set(name, [...(edges.get(name) ?? []), ...deps]);
  }
  if (!edges.has(root)) return null;
  const seen = new Set<string>([root]);
  const queue = [root];
  while (queue.length > 0) {
    for (const next of edges.get(queue.shift()!) ?? []) {
      if (!seen.has(next) && !pruned.has(next)) {
        seen.add(next);
        queue.push(next);
      }
    }
  }
  return seen;
}
