/**
 * The nodes of a file that the scanner looks up by kind (functions, state-changing statements, calls,
 * imports), collected in one tree walk. Each native search walks the whole tree (~0.2 ms for a
 * 120-line file) whatever it looks for, so five searches by kind cost five walks; one `any` of the
 * kinds costs one, and the nodes are then split by kind in document order.
 */
import type { NapiConfig } from '@ast-grep/napi';
import type { CodeNode } from '../code-node.js';
import { FlatNode } from '../flat/tree.js';
import type { RuleLanguage } from '../languages.js';
import { LANG_KINDS } from './structure.js';

/** Kinds per language that imports.ts and analyze-file's same-file pass search for. */
const EXTRA_KINDS: Record<RuleLanguage, string[]> = {
  javascript: ['call_expression', 'import_statement'],
  python: ['call', 'import_from_statement'],
  go: ['call_expression', 'import_spec', 'function_declaration'],
  java: ['method_invocation'],
  php: ['function_call_expression'],
};

/** CommonJS imports (imports.ts); its root kind is none of the kinds above, so no node is claimed twice. */
export const REQUIRE_PATTERN = 'const $P = require($S)';
const REQUIRE_KIND = 'lexical_declaration';

export interface KindedNode {
  node: CodeNode;
  kind: string;
  /** The node's text, read on first use. */
  text?: string;
}

export class KindIndex {
  private all: KindedNode[] | null = null;
  private failed = false;
  private kinds = new Set<string>();
  private readonly cache = new Map<string, KindedNode[]>();

  constructor(
    private readonly root: CodeNode,
    readonly language: RuleLanguage,
    /** Whether the file's text can hold a `require(` call (the pattern search is skipped otherwise). */
    private readonly withRequire: boolean,
  ) {}

  /** Nodes of the given kinds in document order, as `root.findAll` of their `any` would return them. */
  select(kinds: readonly string[]): KindedNode[] {
    const key = kinds.join(',');
    const hit = this.cache.get(key);
    if (hit) return hit;
    const all = this.walk();
    let out: KindedNode[];
    if (all) {
      const wanted = new Set(kinds);
      out = all.filter((n) => wanted.has(n.kind));
    } else {
      // The shared walk failed (a kind this grammar lacks): search on its own, failing where it failed before.
      out = this.root.findAll({ rule: { any: kinds.map((kind) => ({ kind })) } } as NapiConfig).map((node) => ({ node, kind: node.kind() as string }));
    }
    this.cache.set(key, out);
    return out;
  }

  /** Whether the shared walk holds every node of `kind` (it ran and looked for that kind). */
  covers(kind: string): boolean {
    return this.walk() !== null && this.kinds.has(kind);
  }

  textOf(n: KindedNode): string {
    return (n.text ??= n.node.text());
  }

  /** `const $P = require($S)` declarations (JavaScript), in document order. */
  requires(): CodeNode[] {
    if (!this.withRequire || this.language !== 'javascript') return [];
    const all = this.walk();
    if (!all) return this.root.findAll({ rule: { pattern: REQUIRE_PATTERN } });
    return all.filter((n) => n.kind === REQUIRE_KIND).map((n) => n.node);
  }

  private walk(): KindedNode[] | null {
    if (this.all || this.failed) return this.all;
    const kinds = new Set([...LANG_KINDS[this.language].functions, ...LANG_KINDS[this.language].events, ...EXTRA_KINDS[this.language]]);
    this.kinds = kinds;
    const any: unknown[] = [...kinds].map((kind) => ({ kind }));
    if (this.withRequire && this.language === 'javascript') any.push({ pattern: REQUIRE_PATTERN });
    try {
      // A flat tree lists its nodes by kind already: no search (and no match object per node) needed.
      const flat = this.root instanceof FlatNode ? this.root.tree.nodesOfKinds(kinds, this.root.index) : null;
      if (flat) {
        const requires = this.withRequire && this.language === 'javascript' ? this.root.findAll({ rule: { pattern: REQUIRE_PATTERN } } as NapiConfig) : [];
        const nodes = [...flat.map((i) => (this.root as FlatNode).tree.node(i)), ...requires].sort((a, b) => a.id() - b.id());
        this.all = nodes.map((node) => ({ node, kind: node.kind() }));
      } else this.all = this.root.findAll({ rule: { any } } as NapiConfig).map((node) => ({ node, kind: node.kind() as string }));
    } catch {
      this.failed = true;
    }
    return this.all;
  }
}
