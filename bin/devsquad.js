#!/usr/bin/env node
// Thin launcher. `npm run build` compiles the CLI to dist/ and bundles it into dist/devsquad.cjs.
import { fileURLToPath } from 'node:url';
import v8 from 'node:v8';
import { loadBundle } from './load-bundle.js';

// WebAssembly is compiled with V8's baseline compiler only. The HCL (Go) and GitHub Actions (Rust)
// validators are multi-megabyte wasm modules called a few times per command; optimising them in the
// background cost more CPU than every other part of a run (1.4 s of 3 s for `generate --only
// terraform`), while baseline code parses a workflow or a .tf file in about a millisecond.
// Set before any module compiles wasm (V8 reads it then, once); it changes nothing else.
// `audit` instead lets only code that runs very long be optimised: its code scan runs the JavaScript
// parser (WebAssembly too) over every file, where optimised code parses twice as fast (100k lines of
// JS: 2.7 s with baseline code only, 2.0 s with this), while the validators' modules stay on baseline
// code (an audit of a generated Node app with Terraform and workflows: 0.84 s, as with --liftoff-only).
if (process.argv[2] === 'audit') v8.setFlagsFromString('--wasm-tiering-budget=400000000');
else v8.setFlagsFromString('--liftoff-only');
// A command is short and runs much of its code only a few times: V8's optimising compiler, started
// after a function has run ~66 KB of bytecode, spent CPU on the second core on code that would not
// run much longer, where the workers and helm need it. Eight times that budget cut a `run
// production-ready` by ~0.25 s of CPU; long loops (a 100k-line audit) still get optimised in time.
v8.setFlagsFromString('--interrupt-budget=528384');

const bundle = loadBundle(fileURLToPath(new URL('../dist/devsquad.cjs', import.meta.url)));
process.exitCode = await bundle.exports.main(process.argv.slice(2));
bundle.done();
