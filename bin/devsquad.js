#!/usr/bin/env node
// Thin launcher. `npm run build` compiles the CLI to dist/ and bundles it into dist/devsquad.cjs.
import { createRequire } from 'node:module';
import v8 from 'node:v8';

// WebAssembly is compiled with V8's baseline compiler only. The HCL (Go) and GitHub Actions (Rust)
// validators are multi-megabyte wasm modules called a few times per command; optimising them in the
// background cost more CPU than every other part of a run (1.4 s of 3 s for `generate --only
// terraform`), while baseline code parses a workflow or a .tf file in about a millisecond.
// Set before any module compiles wasm; it changes nothing else.
v8.setFlagsFromString('--liftoff-only');

const require = createRequire(import.meta.url);
const { main } = require('../dist/devsquad.cjs');

process.exitCode = await main(process.argv.slice(2));
