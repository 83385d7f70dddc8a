/**
 * The JavaScript-family grammars (JavaScript, TypeScript, TSX) compiled to WebAssembly and run by
 * web-tree-sitter, so that a file's tree can be copied into JS arrays (tree.ts) and analysed without a
 * native call per node. They are the very grammars @ast-grep/napi embeds (tree-sitter-javascript 0.25.0,
 * tree-sitter-typescript 0.23.2): flat-tree.test.ts checks that both give the same trees.
 *
 * Loading is asynchronous (WebAssembly compilation) and happens once per thread: `loadFlatGrammars()`
 * before a scan of at least FLAT_MIN_FILES such files, after which parsing is synchronous. Until then
 * `flatGrammar()` answers null and files go through @ast-grep/napi.
 */
import { createRequire } from 'node:module';
import v8 from 'node:v8';
import { log } from '../../../core/logger.js';
import type * as WebTreeSitter from 'web-tree-sitter';
import type { Language as WasmLanguage, Parser as WasmParser } from 'web-tree-sitter';

/** ast-grep's names of the grammars (its `Lang` values) and the package file of each. */
const WASM: Record<string, string> = {
  JavaScript: 'tree-sitter-javascript/tree-sitter-javascript.wasm',
  TypeScript: 'tree-sitter-typescript/tree-sitter-typescript.wasm',
  Tsx: 'tree-sitter-typescript/tree-sitter-tsx.wasm',
};

/** One grammar's node kinds and fields, as tables indexed by tree-sitter's ids. */
export class FlatGrammar {
  /** Kind name of each kind id. */
  readonly names: string[];
  /** Whether each kind id is a named node kind. */
  readonly named: Uint8Array;
  /**
   * A number per distinct (name, named) pair: tree-sitter gives some kinds several ids (aliases), and
   * ast-grep compares kinds by name, so matching compares these.
   */
  readonly kindKey: Uint16Array;
  private readonly keyOf = new Map<string, number>();
  private readonly fieldIds = new Map<string, number>();

  constructor(
    readonly name: string,
    readonly language: WasmLanguage,
    readonly parser: WasmParser,
  ) {
    const count = language.nodeTypeCount;
    this.names = [];
    this.named = new Uint8Array(count);
    this.kindKey = new Uint16Array(count);
    for (let id = 0; id < count; id++) {
      const name = language.nodeTypeForId(id) ?? '';
      const named = language.nodeTypeIsNamed(id);
      this.names.push(name);
      this.named[id] = named ? 1 : 0;
      this.kindKey[id] = this.key(name, named);
    }
    language.fields.forEach((field, id) => {
      if (field) this.fieldIds.set(field, id);
    });
  }

  /** The kind key of a (name, named) pair; new pairs (kinds this grammar lacks) get keys no node has. */
  key(name: string, named: boolean): number {
    const k = `${named ? 'N' : 'A'}${name}`;
    let key = this.keyOf.get(k);
    if (key === undefined) this.keyOf.set(k, (key = this.keyOf.size + 1));
    return key;
  }

  /** The key of a named kind, or null when the grammar has no such named kind. */
  namedKind(name: string): number | null {
    const key = this.keyOf.get(`N${name}`);
    return key === undefined ? null : key;
  }

  /** The id of a field, 0 when the grammar has no such field. */
  fieldId(name: string): number {
    return this.fieldIds.get(name) ?? 0;
  }
}

/**
 * The WebAssembly module's exports web-tree-sitter calls through its TreeCursor class. Its JS glue
 * copies the cursor in and out of a transfer buffer around every call (emscripten's generic
 * setValue/getValue: ~60% of a walk); tree.ts calls the exports directly and leaves the cursor in the
 * buffer for the whole walk. The object is the options object given to `Parser.init`, which
 * emscripten fills with the module's exports.
 */
export interface WasmExports {
  HEAP32: Int32Array;
  _ts_init(): number;
  _ts_tree_cursor_goto_first_child_wasm(tree: number): number;
  _ts_tree_cursor_goto_next_sibling_wasm(tree: number): number;
  _ts_tree_cursor_goto_parent_wasm(tree: number): number;
  _ts_tree_cursor_current_node_type_id_wasm(tree: number): number;
  _ts_tree_cursor_start_index_wasm(tree: number): number;
  _ts_tree_cursor_end_index_wasm(tree: number): number;
  _ts_tree_cursor_current_field_id_wasm(tree: number): number;
}

let exportsOfWasm: WasmExports | null = null;
/** Address of the module's transfer buffer (where a cursor's state is read and written). */
let transferBuffer = 0;

/** The module's exports and transfer buffer; only after `loadFlatGrammars` succeeded. */
export function wasmCursorAccess(): { wasm: WasmExports; buffer: number } {
  if (!exportsOfWasm) throw new Error('the JavaScript grammars are not loaded');
  return { wasm: exportsOfWasm, buffer: transferBuffer };
}

let loading: Promise<boolean> | null = null;
const grammars = new Map<string, FlatGrammar>();

/**
 * JavaScript-family files a scan must have for it to load the grammars. A flat tree analyses a file in
 * well under half the time, but the first files run on cold code (the WebAssembly parser and the
 * matcher not yet optimised, every config compiled). Measured on two cores: 100 files (and Express's
 * 141) scan 0.1 s faster through ast-grep, 200 files take the same time, 400 files 0.5 s less.
 */
export const FLAT_MIN_FILES = 200;

/**
 * Loads the three grammars on this thread (once; later calls share the first). Never rejects: false
 * when they could not load (a broken install), and files keep going through @ast-grep/napi.
 */
export function loadFlatGrammars(): Promise<boolean> {
  loading ??= load().then(
    () => true,
    (e: unknown) => {
      log.debug(`JavaScript grammars (WebAssembly) did not load, ast-grep parses instead: ${String(e)}`);
      grammars.clear();
      return false;
    },
  );
  return loading;
}

/**
 * Less TurboFan inlining for the rest of the process (the flag is process-wide, so scan workers get it
 * too). The flat-tree analysis is many small functions over arrays; at V8's default budget its
 * optimising compiles took ~1.6 s of background CPU a thread on 100k lines, competing with the
 * scanning threads on a small machine. With a fifth of the budget the scan took 7% less wall time
 * on two cores (2.3 s instead of 2.5 s) for no slower steady state.
 */
function lessInlining(): void {
  try {
    v8.setFlagsFromString('--max-inlined-bytecode-size-cumulative=200');
  } catch {
    // not settable here: the default budget stays
  }
}

async function load(): Promise<void> {
  lessInlining();
  const require = createRequire(import.meta.url);
  // require, not import(): the CLI bundle runs as a vm.Script (core/code-cache.ts), where import() is unavailable.
  const { Parser, Language } = require('web-tree-sitter') as typeof WebTreeSitter;
  const core = require.resolve('web-tree-sitter/tree-sitter.wasm');
  const module = { locateFile: () => core } as unknown as WasmExports;
  await Parser.init(module);
  if (typeof module._ts_tree_cursor_goto_first_child_wasm !== 'function' || !(module.HEAP32 instanceof Int32Array)) throw new Error('web-tree-sitter exports changed');
  // ts_init only writes two version numbers into the buffer and returns its address.
  transferBuffer = module._ts_init();
  exportsOfWasm = module;
  for (const [name, file] of Object.entries(WASM)) {
    const language = await Language.load(require.resolve(file));
    const parser = new Parser();
    parser.setLanguage(language);
    grammars.set(name, new FlatGrammar(name, language, parser));
  }
}

/** The loaded grammar of an ast-grep grammar name, or null (not a JavaScript-family grammar, or not loaded yet). */
export function flatGrammar(name: string): FlatGrammar | null {
  return grammars.get(name) ?? null;
}
