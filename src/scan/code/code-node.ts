/**
 * What the analysis reads from a syntax node. Two trees provide it: @ast-grep/napi's SgNode (Python,
 * Go, Java, PHP, and JavaScript before the WebAssembly grammars are loaded) and the flat JavaScript
 * tree (flat/tree.ts), whose nodes are plain JS objects over arrays. SgNode has these methods with
 * the same meaning; `asCodeNode` adopts one without a wrapper.
 */
import type { NapiConfig, SgNode } from '@ast-grep/napi';

export interface Pos {
  line: number;
  column: number;
  index: number;
}

export interface CodeRange {
  start: Pos;
  end: Pos;
}

export interface CodeNode {
  /** Unique within the node's tree. */
  id(): number;
  kind(): string;
  text(): string;
  range(): CodeRange;
  isNamed(): boolean;
  isLeaf(): boolean;
  parent(): CodeNode | null;
  children(): CodeNode[];
  namedChildren(): CodeNode[];
  /** The first child in that field. */
  field(name: string): CodeNode | null;
  fieldChildren(name: string): CodeNode[];
  /** The first node of this subtree (itself included, in document order) the config matches. */
  find(config: NapiConfig): CodeNode | null;
  findAll(config: NapiConfig): CodeNode[];
  /** On a node a search returned: what a metavariable captured. */
  getMatch(name: string): CodeNode | null;
  getMultipleMatches(name: string): CodeNode[];
}

/** An ast-grep node seen through CodeNode (its methods take wider argument types; the shapes agree). */
export function asCodeNode(node: SgNode): CodeNode {
  return node as unknown as CodeNode;
}
