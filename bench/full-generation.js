/**
 * `npm run bench:full`: full generation per example, the way `devsquad generate` and `devsquad observe`
 * run it (every file validated), with every target switched on: all infrastructure families including
 * the opt-in ones, all four CI providers, all four clouds, every platform; then every monitoring part.
 * Reports ms per service against issue 3's budget (200 ms/service, all infrastructure targets) and
 * issue 5's (100 ms/service, full observability), and against bench/baseline-full.json when present.
 * Two numbers per example: `warm` is the median of repeated runs in one process (parsers loaded, the
 * HCL parse cache full); `cold` is one run in a fresh process, what one `devsquad generate` costs,
 * including loading the wasm validators. The budgets are checked against warm, cold is reported.
 *
 * Usage: node bench/full-generation.js [example …] [--no-cold] [--save-baseline]
 * Example names (or substrings of them) run a subset; `--no-cold` skips the fresh-process runs (a quick
 * warm-only check while profiling). The summary of a subset is not comparable with the baseline.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { RepoFs } from '../dist/core/repo/repo-fs.js';
import { analyzeRepository } from '../dist/plan/analyze.js';
import { runGenerators } from '../dist/generate/run.js';
import { generators } from '../dist/generate/api.js';
import { monitoringParts } from '../dist/generate/monitoring/api.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const BUDGET = { infraMsPerService: 200, observeMsPerService: 100 };
const REPEATS = 3;
const baselineFile = path.join(ROOT, 'bench/baseline-full.json');
const baseline = fs.existsSync(baselineFile) ? JSON.parse(fs.readFileSync(baselineFile, 'utf8')) : null;

const EVERY_TARGET = {
  ci: { providers: ['circleci', 'github', 'gitlab', 'jenkins'] },
  terraform: { cloud: ['aws', 'azure', 'gcp', 'hetzner'] },
  platform: { platforms: ['cloudflare', 'cloudformation', 'cloudrun', 'ecs', 'fly', 'render', 'vercel'] },
};

/** Inputs the families of this build accept (a target not built yet is left at its default). */
function inputsFor(registry) {
  const inputs = {};
  for (const [family, value] of Object.entries(EVERY_TARGET)) {
    const generator = registry.get(family);
    if (generator && generator.inputs.safeParse(value).success) inputs[family] = value;
  }
  return inputs;
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function measure(plan, registry) {
  const options = { version: 'bench', registry, only: [...registry.keys()], inputs: inputsFor(registry) };
  runGenerators(plan, options); // warm-up: module-level caches, wasm instantiation
  const times = [];
  let files = 0;
  let invalid = 0;
  for (let i = 0; i < REPEATS; i++) {
    const t0 = performance.now();
    const result = runGenerators(plan, options);
    times.push(performance.now() - t0);
    files = result.files.length;
    invalid = result.invalid.length;
  }
  return { ms: median(times), files, invalid };
}

/** One cold run in a child process: import, analyse, generate everything, validate; ms of generation. */
function coldMs(dir, registryName) {
  const script = `
    const { performance } = await import('node:perf_hooks');
    const t0 = performance.now();
    const { RepoFs } = await import(${JSON.stringify(path.join(ROOT, 'dist/core/repo/repo-fs.js'))});
    const { analyzeRepository } = await import(${JSON.stringify(path.join(ROOT, 'dist/plan/analyze.js'))});
    const { runGenerators } = await import(${JSON.stringify(path.join(ROOT, 'dist/generate/run.js'))});
    const { ${registryName} } = await import(${JSON.stringify(path.join(ROOT, registryName === 'generators' ? 'dist/generate/api.js' : 'dist/generate/monitoring/api.js'))});
    const { plan } = analyzeRepository(RepoFs.open(${JSON.stringify(dir)}));
    const inputs = ${JSON.stringify(EVERY_TARGET)};
    for (const k of Object.keys(inputs)) if (!${registryName}.get(k)?.inputs.safeParse(inputs[k]).success) delete inputs[k];
    runGenerators(plan, { version: 'bench', registry: ${registryName}, only: [...${registryName}.keys()], inputs });
    console.log(performance.now() - t0);`;
  return Number(execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' }).trim());
}

const examplesDir = path.join(ROOT, 'examples');
const filters = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const withCold = !process.argv.includes('--no-cold');
const names = fs
  .readdirSync(examplesDir, { withFileTypes: true })
  .filter((e) => e.isDirectory())
  .map((e) => e.name)
  .filter((name) => filters.length === 0 || filters.some((f) => name.includes(f)))
  .sort();
if (names.length === 0) throw new Error(`No example matches ${filters.join(', ')}`);
console.log(`Full generation per example (median of ${REPEATS}; generate + validate every file; analysis not included)`);
console.log(`${'example'.padEnd(36)}${'svc'.padStart(4)}${'infra files'.padStart(12)}${'warm ms/svc'.padStart(12)}${'cold ms'.padStart(9)}${'obs files'.padStart(10)}${'warm ms/svc'.padStart(12)}${'cold ms'.padStart(9)}`);
const infraPerService = [];
const observePerService = [];
const coldInfra = [];
const coldObserve = [];
let invalidTotal = 0;
for (const name of names) {
  const { plan } = analyzeRepository(RepoFs.open(path.join(examplesDir, name)));
  if (plan.services.length === 0) continue;
  const dir = path.join(examplesDir, name);
  const infra = { ...measure(plan, generators), cold: withCold ? coldMs(dir, 'generators') : NaN };
  const observe = { ...measure(plan, monitoringParts), cold: withCold ? coldMs(dir, 'monitoringParts') : NaN };
  if (withCold) {
    coldInfra.push(infra.cold);
    coldObserve.push(observe.cold);
  }
  invalidTotal += infra.invalid + observe.invalid;
  const n = plan.services.length;
  infraPerService.push(infra.ms / n);
  observePerService.push(observe.ms / n);
  console.log(`${name.padEnd(36)}${String(n).padStart(4)}${String(infra.files).padStart(12)}${(infra.ms / n).toFixed(1).padStart(12)}${(withCold ? infra.cold.toFixed(0) : '-').padStart(9)}${String(observe.files).padStart(10)}${(observe.ms / n).toFixed(1).padStart(12)}${(withCold ? observe.cold.toFixed(0) : '-').padStart(9)}`);
}

const result = {
  node: process.version,
  cpus: os.cpus().length,
  infraTypicalMsPerService: Number(median(infraPerService).toFixed(2)),
  infraWorstMsPerService: Number(Math.max(...infraPerService).toFixed(2)),
  observeTypicalMsPerService: Number(median(observePerService).toFixed(2)),
  observeWorstMsPerService: Number(Math.max(...observePerService).toFixed(2)),
  infraColdMedianMs: withCold ? Number(median(coldInfra).toFixed(0)) : null,
  observeColdMedianMs: withCold ? Number(median(coldObserve).toFixed(0)) : null,
};
const ratio = (value, base) => (base ? `${(value / base).toFixed(2)}x` : 'n/a');
console.log('');
console.log(`${'measure'.padEnd(34)}${'now'.padStart(9)}${'budget'.padStart(9)}${'vs budget'.padStart(11)}${'baseline'.padStart(10)}${'vs base'.padStart(9)}`);
const rows = [
  ['infra typical ms per service', result.infraTypicalMsPerService, BUDGET.infraMsPerService, baseline?.infraTypicalMsPerService],
  ['infra worst example ms/service', result.infraWorstMsPerService, BUDGET.infraMsPerService, baseline?.infraWorstMsPerService],
  ['observe typical ms per service', result.observeTypicalMsPerService, BUDGET.observeMsPerService, baseline?.observeTypicalMsPerService],
  ['observe worst example ms/service', result.observeWorstMsPerService, BUDGET.observeMsPerService, baseline?.observeWorstMsPerService],
];
let overBudget = false;
for (const [label, now, budget, base] of rows) {
  if (now > budget) overBudget = true;
  console.log(`${label.padEnd(34)}${String(now).padStart(9)}${String(budget).padStart(9)}${ratio(now, budget).padStart(11)}${String(base ?? '-').padStart(10)}${ratio(now, base).padStart(9)}`);
}
console.log(`\ncold (fresh process, one example, imports + analysis + generation): infrastructure median ${result.infraColdMedianMs} ms, observability median ${result.observeColdMedianMs} ms`);
if (invalidTotal > 0) console.log(`\n${invalidTotal} generated file(s) failed validation: a bug`);
if (process.argv.includes('--save-baseline')) {
  if (filters.length > 0 || !withCold) throw new Error('--save-baseline needs every example and the cold runs');
  fs.writeFileSync(baselineFile, JSON.stringify(result, null, 2) + '\n');
  console.log(`\nSaved ${path.relative(ROOT, baselineFile)}.`);
}
console.log(overBudget || invalidTotal > 0 ? '\nOVER BUDGET' : '\nwithin budget');
process.exitCode = overBudget || invalidTotal > 0 ? 1 : 0;
