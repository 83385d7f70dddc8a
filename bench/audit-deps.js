/**
 * Dependency-audit benchmark (not part of `npm test`): a synthetic repository with ~2,000 locked
 * packages (npm, PyPI, Go; real package names taken from the advisories so matching does real work)
 * scanned offline against the real OSV exports in /work/shared/data/osv (or --vuln-db DIR).
 * Prints the time to load each zip, the scan time and packages per second.
 *
 *   npm run build && node bench/audit-deps.js [--vuln-db DIR] [--packages 2000]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const dist = path.resolve(here, process.env.DEVSQUAD_DIST ?? '../dist');
const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : fallback;
};
const vulnDb = path.resolve(arg('--vuln-db', '/work/shared/data/osv'));
const total = Number(arg('--packages', '2000'));
if (!fs.existsSync(vulnDb)) {
  console.log(`skipped: no OSV data at ${vulnDb} (pass --vuln-db DIR)`);
  process.exit(0);
}

const { RepoFs } = await import(path.join(dist, 'core/repo/repo-fs.js'));
const { OfflineSource, readRecords } = await import(path.join(dist, 'scan/deps/osv/offline.js'));
const { scanDependencies } = await import(path.join(dist, 'scan/deps/scan.js'));

// Real names per ecosystem, from the data itself.
const names = { npm: new Set(), PyPI: new Set(), Go: new Set() };
for (const file of fs.readdirSync(vulnDb).filter((f) => f.endsWith('.zip'))) {
  for (const r of readRecords({ path: path.join(vulnDb, file), kind: 'zip', ecosystem: null })) {
    for (const a of r.affected ?? []) if (a.package && names[a.package.ecosystem]) names[a.package.ecosystem].add(a.package.name);
  }
}
const pick = (eco, n) => {
  const list = [...names[eco]].slice(0, n);
  for (let i = list.length; i < n; i++) list.push(eco === 'Go' ? `example.com/synthetic/mod${i}` : `synthetic-${eco.toLowerCase()}-${i}`);
  return list;
};
const npmCount = Math.round(total * 0.5);
const pyCount = Math.round(total * 0.3);
const goCount = total - npmCount - pyCount;

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'devsquad-bench-deps-'));
const packages = { '': { name: 'bench', dependencies: {} } };
for (const [i, name] of pick('npm', npmCount).entries()) {
  packages[`node_modules/${name}`] = { version: `${i % 5}.${i % 7}.${i % 3}`, ...(i % 4 === 0 ? { dev: true } : {}) };
  if (i % 3 === 0) packages[''].dependencies[name] = '*';
}
fs.writeFileSync(path.join(root, 'package.json'), JSON.stringify({ name: 'bench', dependencies: packages[''].dependencies }));
fs.writeFileSync(path.join(root, 'package-lock.json'), JSON.stringify({ name: 'bench', lockfileVersion: 3, packages }, null, 2));
fs.writeFileSync(path.join(root, 'requirements.txt'), pick('PyPI', pyCount).map((n, i) => `${n}==${1 + (i % 3)}.${i % 10}\n`).join(''));
fs.writeFileSync(path.join(root, 'go.mod'), `module example.com/bench\n\ngo 1.22\n\nrequire (\n${pick('Go', goCount).map((n, i) => `\t${n} v0.${i % 20}.0${i % 2 ? ' // indirect' : ''}`).join('\n')}\n)\n`);
fs.writeFileSync(path.join(root, 'go.sum'), '');

try {
  const source = new OfflineSource(vulnDb);
  const start = performance.now();
  const out = await scanDependencies(RepoFs.open(root), { root, vulnDb });
  const ms = performance.now() - start;
  // A second source to time each zip's load on its own.
  for (const eco of ['npm', 'PyPI', 'Go']) source.lookupSync(eco, '__none__');
  for (const [file, t] of source.loadTimes) console.log(`load ${path.basename(file).padEnd(16)} ${t.toFixed(0).padStart(6)} ms`);
  console.log(`scanned ${out.scanned} packages in ${ms.toFixed(0)} ms (${Math.round(out.scanned / (ms / 1000)).toLocaleString('en-US')} packages/s, zip loading included)`);
  console.log(`${out.findings.length} findings, ${out.problems.length} problems`);
} finally {
  if (process.env.KEEP) console.log(root); else fs.rmSync(root, { recursive: true, force: true });
}
