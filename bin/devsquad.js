#!/usr/bin/env node
// Thin launcher. `npm run build` compiles the CLI to dist/ and bundles it into dist/devsquad.cjs.
import { fileURLToPath } from 'node:url';
import v8 from 'node:v8';
import { loadBundle } from './load-bundle.js';

// WebAssembly is compiled with V8's baseline compiler only. The HCL (Go) and GitHub Actions (Rust)
// validators are multi-megabyte wasm modules called a few times per command; optimising them in the
// background cost more CPU than every other part of a run (1.4 s of 3 s for `generate --only
// terraform`), while baseline code parses a workflow or a .tf file in about a millisecond.
// Set before any module compiles wasm; it changes nothing else.
v8.setFlagsFromString('--liftoff-only');

const bundle = loadBundle(fileURLToPath(new URL('../dist/devsquad.cjs', import.meta.url)));
process.exitCode = await bundle.exports.main(process.argv.slice(2));
bundle.done();
