/**
 * A parsed JavaScript-family file copied out of web-tree-sitter into typed arrays, one entry per node in
 * document (pre-)order, then the WebAssembly tree is freed at once. Reading a node afterwards is a
 * plain array access, where an @ast-grep/napi node costs a native call (0.4-3 µs) per read: the
 * analysis reads each node many times, so this is where the JavaScript audit's time went.
 *
 * Node i's subtree is the index range [i, after[i]); its children are i+1, next[i+1], ... . The walk calls
 * the WebAssembly module's cursor functions directly (grammar.ts WasmExports): ~3x faster than through
 * web-tree-sitter's TreeCursor, whose every call copies the cursor in and out.
 */
import type { NapiConfig } from '@ast-grep/napi';
import type { CodeNode, CodeRange, Pos } from '../code-node.js';
import type { Tree as WasmTree } from 'web-tree-sitter';
import { wasmCursorAccess, type FlatGrammar } from './grammar.js';
import { findInTree, type Captures } from './match.js';

/** A flat tree's arrays without the tree: what crosses to another thread. */
export interface FlatArrays {
  arrays: ArrayBuffer;
  size: number;
}

export class FlatTree {
  readonly size: number;
  /** tree-sitter kind id of each node. */
  readonly kind: Uint16Array;
  readonly start: Uint32Array;
  readonly end: Uint32Array;
  readonly parent: Int32Array;
  /** Next sibling, -1 for the last child. */
  readonly next: Int32Array;
  /** One past the last node of the subtree. */
  readonly after: Uint32Array;
  /** Field id of the node in its parent (0: none). */
  readonly field: Uint16Array;
  private readonly nodes: Array<FlatNode | undefined>;
  private lineStarts: number[] | null = null;
  private byKind: Map<number, number[]> | null = null;
  private readonly kids: Array<number[] | undefined>;

  /** The seven arrays in one buffer (one allocation; it can also move to another thread as is). */
  readonly arrays: ArrayBuffer;

  /**
   * Parses `source`, or adopts `copied`: the arrays of this same source's tree made by another thread
   * (scan.ts has the main thread parse for the scan worker).
   */
  constructor(
    readonly grammar: FlatGrammar,
    readonly source: string,
    copied?: FlatArrays,
  ) {
    const tree = copied ? null : grammar.parser.parse(source);
    if (!copied && !tree) throw new Error('the parser returned no tree');
    const size = copied ? copied.size : tree!.rootNode.descendantCount;
    this.size = size;
    this.arrays = copied ? copied.arrays : new ArrayBuffer(size * 24);
    this.start = new Uint32Array(this.arrays, 0, size);
    this.end = new Uint32Array(this.arrays, size * 4, size);
    this.parent = new Int32Array(this.arrays, size * 8, size);
    this.next = new Int32Array(this.arrays, size * 12, size);
    this.after = new Uint32Array(this.arrays, size * 16, size);
    this.kind = new Uint16Array(this.arrays, size * 20, size);
    this.field = new Uint16Array(this.arrays, size * 22, size);
    this.nodes = new Array(size);
    this.kids = new Array(size);
    if (tree) this.copy(tree);
  }

  /** Copies a web-tree-sitter tree into the arrays, then frees it. */
  private copy(tree: WasmTree): void {
    try {
      const cursor = tree.walk() as unknown as Record<0 | 1 | 2 | 3, number> & { delete(): void };
      const { wasm, buffer } = wasmCursorAccess();
      const slot = buffer >> 2;
      for (let k = 0; k < 4; k++) wasm.HEAP32[slot + k] = cursor[k as 0];
      const treeAddress = (tree as unknown as Record<0, number>)[0];
      const open: number[] = [];
      let n = 0;
      let previous = -1;
      for (;;) {
        const i = n++;
        this.kind[i] = wasm._ts_tree_cursor_current_node_type_id_wasm(treeAddress);
        this.start[i] = wasm._ts_tree_cursor_start_index_wasm(treeAddress);
        this.end[i] = wasm._ts_tree_cursor_end_index_wasm(treeAddress);
        this.field[i] = wasm._ts_tree_cursor_current_field_id_wasm(treeAddress);
        this.parent[i] = open.length ? open[open.length - 1]! : -1;
        this.next[i] = -1;
        if (previous >= 0) this.next[previous] = i;
        if (wasm._ts_tree_cursor_goto_first_child_wasm(treeAddress)) {
          open.push(i);
          previous = -1;
          continue;
        }
        this.after[i] = n;
        previous = i;
        let done = false;
        while (!wasm._ts_tree_cursor_goto_next_sibling_wasm(treeAddress)) {
          if (!wasm._ts_tree_cursor_goto_parent_wasm(treeAddress)) {
            done = true;
            break;
          }
          previous = open.pop()!;
          this.after[previous] = n;
        }
        if (done) break;
      }
      // The walk may have moved the cursor's stack (and grown memory, replacing HEAP32): hand the
      // cursor's final state back to its object, which frees it.
      for (let k = 0; k < 4; k++) cursor[k as 0] = wasm.HEAP32[slot + k]!;
      cursor.delete();
    } finally {
      tree.delete();
    }
  }

  node(i: number): FlatNode {
    return (this.nodes[i] ??= new FlatNode(this, i, null));
  }

  named(i: number): boolean {
    return this.grammar.named[this.kind[i]!] === 1;
  }

  kindKey(i: number): number {
    return this.grammar.kindKey[this.kind[i]!]!;
  }

  text(i: number): string {
    return this.source.slice(this.start[i], this.end[i]);
  }

  /** Nodes of one kind key, in document order (collected in one pass on first use). */
  ofKind(key: number): readonly number[] {
    if (!this.byKind) {
      const byKind = new Map<number, number[]>();
      for (let i = 0; i < this.size; i++) {
        const k = this.kindKey(i);
        const list = byKind.get(k);
        if (list) list.push(i);
        else byKind.set(k, [i]);
      }
      this.byKind = byKind;
    }
    return this.byKind.get(key) ?? [];
  }

  /**
   * The named nodes of the subtree at `root` whose kind has one of these names, in document order, as
   * a search of `any` of `{ kind }` rules finds them; null when one of the names is no kind of this
   * grammar (that search fails).
   */
  nodesOfKinds(names: Iterable<string>, root: number): number[] | null {
    const out: number[] = [];
    for (const name of names) {
      const key = this.grammar.namedKind(name);
      if (key === null) return null;
      for (const i of this.ofKind(key)) if (i >= root && i < this.after[root]!) out.push(i);
    }
    return out.sort((a, b) => a - b);
  }

  /** The children of node i (kept: pattern matching asks for the same nodes' children again and again). */
  childList(i: number): readonly number[] {
    let list = this.kids[i];
    if (!list) {
      list = [];
      for (let c = this.firstChild(i); c >= 0; c = this.next[c]!) list.push(c);
      this.kids[i] = list;
    }
    return list;
  }

  firstChild(i: number): number {
    return this.after[i]! > i + 1 ? i + 1 : -1;
  }

  /** The first child of `i` in field `fieldId`, or -1. */
  fieldChild(i: number, fieldId: number): number {
    if (!fieldId) return -1;
    for (let c = this.firstChild(i); c >= 0; c = this.next[c]!) if (this.field[c] === fieldId) return c;
    return -1;
  }

  /** Line and column (0-based, UTF-16 units, as ast-grep reports them) of a text index. */
  pos(index: number): Pos {
    const starts = (this.lineStarts ??= lineStartsOf(this.source));
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= index) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, column: index - starts[lo]!, index };
  }
}

function lineStartsOf(source: string): number[] {
  const starts = [0];
  for (let i = source.indexOf('\n'); i >= 0; i = source.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/** A node of a FlatTree; a node returned by a search also carries that match's captures. */
export class FlatNode implements CodeNode {
  constructor(
    readonly tree: FlatTree,
    readonly index: number,
    private readonly captures: Captures | null,
  ) {}

  id(): number {
    return this.index;
  }

  kind(): string {
    return this.tree.grammar.names[this.tree.kind[this.index]!]!;
  }

  text(): string {
    return this.tree.text(this.index);
  }

  range(): CodeRange {
    return { start: this.tree.pos(this.tree.start[this.index]!), end: this.tree.pos(this.tree.end[this.index]!) };
  }

  isNamed(): boolean {
    return this.tree.named(this.index);
  }

  isLeaf(): boolean {
    return this.tree.firstChild(this.index) < 0;
  }

  parent(): FlatNode | null {
    const p = this.tree.parent[this.index]!;
    return p < 0 ? null : this.tree.node(p);
  }

  children(): FlatNode[] {
    const out: FlatNode[] = [];
    for (let c = this.tree.firstChild(this.index); c >= 0; c = this.tree.next[c]!) out.push(this.tree.node(c));
    return out;
  }

  namedChildren(): FlatNode[] {
    const out: FlatNode[] = [];
    for (let c = this.tree.firstChild(this.index); c >= 0; c = this.tree.next[c]!) if (this.tree.named(c)) out.push(this.tree.node(c));
    return out;
  }

  field(name: string): FlatNode | null {
    const c = this.tree.fieldChild(this.index, this.tree.grammar.fieldId(name));
    return c < 0 ? null : this.tree.node(c);
  }

  fieldChildren(name: string): FlatNode[] {
    const id = this.tree.grammar.fieldId(name);
    const out: FlatNode[] = [];
    if (!id) return out;
    for (let c = this.tree.firstChild(this.index); c >= 0; c = this.tree.next[c]!) if (this.tree.field[c] === id) out.push(this.tree.node(c));
    return out;
  }

  find(config: NapiConfig): FlatNode | null {
    return findInTree(this.tree, this.index, config, true)[0] ?? null;
  }

  findAll(config: NapiConfig): FlatNode[] {
    return findInTree(this.tree, this.index, config, false);
  }

  getMatch(name: string): FlatNode | null {
    const i = this.captures?.single.get(name);
    return i === undefined ? null : this.tree.node(i);
  }

  getMultipleMatches(name: string): FlatNode[] {
    return (this.captures?.multi.get(name) ?? []).map((i) => this.tree.node(i));
  }
}
