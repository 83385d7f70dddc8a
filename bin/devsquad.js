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
// A command is short and runs much of its code only a few times: V8's optimising compiler, started
// after a function has run ~66 KB of bytecode, spent CPU on the second core on code that would not
// run much longer, where the workers and helm need it. Eight times that budget cut a `run
// production-ready` by ~0.25 s of CPU; long loops (a 100k-line audit) still get optimised in time.
v8.setFlagsFromString('--interrupt-budget=528384');

const bundle = loadBundle(fileURLToPath(new URL('../dist/devsquad.cjs', import.meta.url)));
process.exitCode = await bundle.exports.main(process.argv.slice(2));
bundle.done();
