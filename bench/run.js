/**
 * `npm run bench`: analyse + generate (dockerfile, dockerignore, compose) over every example and over a
 * generated 200-service, 20,000-file monorepo. Reports ms per service and peak RSS, with ratios against
 * the budgets of issue 2 and against bench/baseline.json (the last accepted run). `--all-families`
 * measures every generator family instead. Never executes the analysed code.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { RepoFs } from '../dist/core/repo/repo-fs.js';
import { analyzeRepository } from '../dist/plan/analyze.js';
import { runGenerators } from '../dist/generate/run.js';
import { writeLargeMonorepo } from './large-monorepo.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const BUDGET = { msPerService: 50, largeRepoMs: 2000, peakRssMb: 300 };
const baselineFile = path.join(ROOT, 'bench/baseline.json');
const baseline = fs.existsSync(baselineFile) ? JSON.parse(fs.readFileSync(baselineFile, 'utf8')) : null;

/** Issue 2's budget covers the container families; the other families are reported on their own. */
const CONTAINER_FAMILIES = ['dockerfile', 'dockerignore', 'compose'];
const ALL_FAMILIES = process.argv.includes('--all-families');

function run(dir) {
  const started = performance.now();
  const { plan } = analyzeRepository(RepoFs.open(dir));
  const analyzed = performance.now();
  const only = ALL_FAMILIES ? [] : CONTAINER_FAMILIES;
  const files = plan.services.length > 0 ? runGenerators(plan, { version: 'bench', only }).files.length : 0;
  const done = performance.now();
  return { services: plan.services.length, files, analyzeMs: analyzed - started, generateMs: done - analyzed, totalMs: done - started };
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function timed(dir, repeats) {
  const runs = Array.from({ length: repeats }, () => run(dir));
  const m = (k) => median(runs.map((r) => r[k]));
  return { services: runs[0].services, files: runs[0].files, analyzeMs: m('analyzeMs'), generateMs: m('generateMs'), totalMs: m('totalMs') };
}

const ratio = (value, base) => (base ? `${(value / base).toFixed(2)}x` : 'n/a');
const fmt = (ms) => ms.toFixed(1).padStart(8);

// 1. Every example, median of 5 runs after one warm-up.
const examplesDir = path.join(ROOT, 'examples');
const names = fs.readdirSync(examplesDir, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort();
console.log(`Examples (median of 5 runs, analyse + generate + validate; families: ${ALL_FAMILIES ? 'all' : CONTAINER_FAMILIES.join(', ')})`);
console.log(`${'example'.padEnd(36)}${'services'.padStart(9)}${'analyze'.padStart(9)}${'generate'.padStart(9)}${'ms/svc'.padStart(9)}`);
const perService = [];
for (const name of names) {
  const dir = path.join(examplesDir, name);
  run(dir);
  const r = timed(dir, 5);
  const msPerService = r.services > 0 ? r.totalMs / r.services : r.totalMs;
  if (r.services > 0) perService.push(msPerService);
  console.log(`${name.padEnd(36)}${String(r.services).padStart(9)}${fmt(r.analyzeMs)} ${fmt(r.generateMs)} ${fmt(msPerService)}`);
}
const typical = median(perService);
const worst = Math.max(...perService);

// 2. The large monorepo, median of 3 runs.
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'devsquad-bench-'));
const shape = writeLargeMonorepo(tmp, { services: 200, totalFiles: 20_000 });
run(tmp);
const large = timed(tmp, 3);
fs.rmSync(tmp, { recursive: true, force: true });
const peakRssMb = process.resourceUsage().maxRSS / 1024;

const result = {
  node: process.version,
  cpus: os.cpus().length,
  typicalMsPerService: Number(typical.toFixed(2)),
  worstExampleMsPerService: Number(worst.toFixed(2)),
  largeRepo: { services: large.services, files: shape.files, analyzeMs: Number(large.analyzeMs.toFixed(1)), generateMs: Number(large.generateMs.toFixed(1)), totalMs: Number(large.totalMs.toFixed(1)) },
  peakRssMb: Number(peakRssMb.toFixed(1)),
};

console.log('');
console.log(`Large monorepo: ${large.services} services, ${shape.files} files: analyze ${large.analyzeMs.toFixed(0)} ms + generate ${large.generateMs.toFixed(0)} ms = ${large.totalMs.toFixed(0)} ms (${(large.totalMs / large.services).toFixed(2)} ms/service)`);
console.log('');
console.log(`${'measure'.padEnd(30)}${'now'.padStart(10)}${'budget'.padStart(10)}${'vs budget'.padStart(11)}${'baseline'.padStart(10)}${'vs base'.padStart(9)}`);
const rows = [
  ['typical ms per service', result.typicalMsPerService, BUDGET.msPerService, baseline?.typicalMsPerService],
  ['large repo total ms', result.largeRepo.totalMs, BUDGET.largeRepoMs, baseline?.largeRepo?.totalMs],
  ['peak RSS MB', result.peakRssMb, BUDGET.peakRssMb, baseline?.peakRssMb],
];
let overBudget = false;
for (const [label, now, budget, base] of rows) {
  if (now > budget) overBudget = true;
  console.log(`${label.padEnd(30)}${String(now).padStart(10)}${String(budget).padStart(10)}${ratio(now, budget).padStart(11)}${String(base ?? '-').padStart(10)}${ratio(now, base).padStart(9)}`);
}
if (ALL_FAMILIES) console.log('\n(--all-families: the budgets above were set for the container families; compare with care)');
if (process.argv.includes('--save-baseline') && !ALL_FAMILIES) {
  fs.writeFileSync(baselineFile, JSON.stringify(result, null, 2) + '\n');
  console.log(`\nSaved ${path.relative(ROOT, baselineFile)}.`);
}
console.log(overBudget ? '\nOVER BUDGET' : '\nwithin budget');
process.exitCode = overBudget ? 1 : 0;
