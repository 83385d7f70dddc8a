/**
 * Rust web frameworks. A package's framework is the highest-ranked one among its dependencies;
 * hyper only counts when nothing built on it is there.
 */
import { actixWeb } from './actix-web.js';
import { axum } from './axum.js';
import { hyper } from './hyper.js';
import { ntex } from './ntex.js';
import { poem } from './poem.js';
import { rocket } from './rocket.js';
import { salvo } from './salvo.js';
import { tide } from './tide.js';
import { tonic } from './tonic.js';
import { trillium } from './trillium.js';
import type { RustFramework } from './types.js';
import { warp } from './warp.js';

export type { RustFramework } from './types.js';

export const RUST_FRAMEWORKS: readonly RustFramework[] = [actixWeb, axum, poem, rocket, warp, ntex, salvo, tide, trillium, tonic, hyper];

/** Code that opens a listening socket whatever the framework. */
export const GENERIC_SERVES: readonly RegExp[] = [/\bTcpListener::bind\s*\(/, /\.bind\s*\(\s*\(?\s*"[^"]*"/, /\.bind\s*\(\s*&?\w*addr/i];

export function frameworkOfCrate(name: string): RustFramework | null {
  return RUST_FRAMEWORKS.find((f) => f.crates.includes(name)) ?? null;
}
