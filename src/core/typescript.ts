/**
 * The TypeScript compiler, loaded on first use. It is a 9 MB module that takes most of a second to
 * load, and only commands that emit or check code need it (observe, harden, validate of sources).
 * It loads through V8's code cache (core/code-cache.ts), as on the offload worker: about 0.1 s
 * instead of 0.3 s from the second command on.
 */
import { createRequire } from 'node:module';
import type TypeScript from 'typescript';
import { requireWithCodeCache } from './code-cache.js';

let loaded: typeof TypeScript | null = null;

export function typescript(): typeof TypeScript {
  loaded ??= requireWithCodeCache(createRequire(import.meta.url).resolve('typescript'), 'typescript') as typeof TypeScript;
  return loaded;
}

/** Whether this thread has loaded the compiler already. */
export function typescriptLoaded(): boolean {
  return loaded !== null;
}
