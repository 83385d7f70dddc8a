/**
 * A file's syntax tree for the analysis: the flat JavaScript tree (flat/tree.ts) for the JavaScript
 * family once its grammars are loaded on this thread (`loadFlatGrammars`), else @ast-grep/napi's.
 * Both answer every search the same way (flat/match.ts); the flat one reads nodes without native calls.
 */
import { parse } from '@ast-grep/napi';
import { asCodeNode, type CodeNode } from './code-node.js';
import { flatGrammar } from './flat/grammar.js';
import { FlatTree, type FlatArrays } from './flat/tree.js';

/**
 * The root node of `text` parsed with `grammar` (an ast-grep grammar name); throws when it cannot parse.
 * `parsed`: the flat tree's arrays, when another thread already parsed this text.
 */
export function parseSource(grammar: string, text: string, parsed?: FlatArrays): CodeNode {
  const flat = flatGrammar(grammar);
  if (flat) return new FlatTree(flat, text, parsed).node(0);
  nativeChars += text.length;
  return asCodeNode(parse(grammar, text).root());
}

let nativeChars = 0;

/**
 * Source text parsed into ast-grep trees since the last call. Only those trees hold native memory
 * until a collection (memory.ts); a flat tree's WebAssembly tree is freed as soon as it is copied.
 */
export function takeNativeChars(): number {
  const n = nativeChars;
  nativeChars = 0;
  return n;
}

/** The flat tree's arrays of a file, for a thread that will analyse it (null: not a flat-tree file, or unparsable). */
export function flatArraysOf(grammar: string, text: string): FlatArrays | null {
  const flat = flatGrammar(grammar);
  if (!flat) return null;
  try {
    const tree = new FlatTree(flat, text);
    return { arrays: tree.arrays, size: tree.size };
  } catch {
    return null;
  }
}
