/**
 * The TypeScript compiler, loaded on first use. It is a 9 MB module that takes most of a second to
 * load, and only commands that emit or check code need it (observe, harden, validate of sources).
 */
import { createRequire } from 'node:module';
import type TypeScript from 'typescript';

let loaded: typeof TypeScript | null = null;

export function typescript(): typeof TypeScript {
  loaded ??= createRequire(import.meta.url)('typescript') as typeof TypeScript;
  return loaded;
}

/** Whether this thread has loaded the compiler already. */
export function typescriptLoaded(): boolean {
  return loaded !== null;
}
