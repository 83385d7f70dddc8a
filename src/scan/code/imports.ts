/**
 * Imports of repository modules, for the one-level cross-file pass: local name (as called) →
 * module specifier and imported name. Only relative JS specifiers and Python modules are kept;
 * packages from node_modules / site-packages are not the repository's code.
 */
import type { CodeNode } from './code-node.js';
import type { RuleLanguage } from './languages.js';
import type { KindIndex } from './taint/kind-index.js';

export interface ImportBinding {
  /** As written: './db', '../lib/query', '.db', 'app.services.db'. */
  specifier: string;
  /** The exported name in that module ('default' for a default import). */
  name: string;
}

/** Go's predeclared functions and conversions: never a repository function. */
const GO_BUILTINS = new Set(['append', 'cap', 'clear', 'close', 'complex', 'copy', 'delete', 'imag', 'len', 'make', 'max', 'min', 'new', 'panic',
  'print', 'println', 'real', 'recover', 'string', 'int', 'int64', 'int32', 'uint', 'uint64', 'float64', 'byte', 'rune', 'bool', 'error']);

/** The specifier of a same-package call in Go (another file of the file's directory). */
export const GO_SAME_PACKAGE = '#go-package';

/**
 * Go: imported packages of other modules' paths (`example.com/app/internal/db` → `db.*`, resolved
 * against go.mod later; standard-library paths without a dot are dropped), and calls to functions not
 * declared in this file, which live in another file of the same package.
 */
function goImports(index: KindIndex, out: Map<string, ImportBinding>): void {
  for (const { node: spec } of index.select(['import_spec'])) {
    const specifier = unquote(spec.field('path')?.text() ?? '');
    if (!specifier.split('/')[0]!.includes('.')) continue;
    const alias = spec.field('name')?.text();
    if (alias === '_' || alias === '.') continue;
    const last = specifier.split('/').filter((s) => !/^v\d+$/.test(s)).pop() ?? '';
    out.set(`${alias ?? last.replace(/^go-/, '').replace(/[^\w]/g, '')}.*`, { specifier, name: '*' });
  }
  const local = new Set(index.select(['function_declaration']).map(({ node: f }) => f.field('name')?.text() ?? ''));
  for (const { node: call } of index.select(['call_expression'])) {
    const callee = call.field('function');
    if (callee?.kind() !== 'identifier') continue;
    const name = callee.text();
    if (!local.has(name) && !GO_BUILTINS.has(name)) out.set(name, { specifier: GO_SAME_PACKAGE, name });
  }
}

function unquote(text: string): string {
  return text.replace(/^['"`]|['"`]$/g, '');
}

/** `index` holds the file's nodes by kind (one shared walk, see taint/kind-index.ts). */
export function imports(root: CodeNode, language: RuleLanguage, index: KindIndex): Map<string, ImportBinding> {
  const out = new Map<string, ImportBinding>();
  if (language === 'javascript') {
    for (const { node: imp } of index.select(['import_statement'])) {
      const specifier = unquote(imp.field('source')?.text() ?? '');
      if (!specifier.startsWith('.')) continue;
      for (const spec of imp.findAll({ rule: { kind: 'import_specifier' } })) {
        const name = spec.field('name')?.text() ?? '';
        out.set(spec.field('alias')?.text() ?? name, { specifier, name });
      }
      const clause = imp.find({ rule: { kind: 'import_clause' } });
      const def = clause?.namedChildren().find((c) => c.kind() === 'identifier');
      if (def) out.set(def.text(), { specifier, name: 'default' });
      const ns = imp.find({ rule: { kind: 'namespace_import' } })?.find({ rule: { kind: 'identifier' } });
      if (ns) out.set(`${ns.text()}.*`, { specifier, name: '*' });
    }
    for (const decl of index.requires()) {
      const specifier = unquote(decl.getMatch('S')?.text() ?? '');
      const pat = decl.getMatch('P');
      if (!specifier.startsWith('.') || !pat) continue;
      if (pat.kind() === 'identifier') out.set(`${pat.text()}.*`, { specifier, name: '*' });
      for (const id of pat.findAll({ rule: { kind: 'shorthand_property_identifier_pattern' } })) out.set(id.text(), { specifier, name: id.text() });
    }
  } else if (language === 'go') {
    goImports(index, out);
  } else if (language === 'python') {
    for (const { node: imp } of index.select(['import_from_statement'])) {
      const specifier = imp.field('module_name')?.text() ?? '';
      for (const n of imp.fieldChildren('name')) {
        const alias = n.kind() === 'aliased_import' ? n.field('alias')?.text() : null;
        const name = n.kind() === 'aliased_import' ? n.field('name')?.text() ?? '' : n.text();
        out.set(alias ?? name, { specifier, name });
      }
    }
  }
  // Namespace calls (`db.findUser(x)`, `import * as db`) resolve to `db.*` bindings.
  for (const [local, b] of [...out]) {
    if (!local.endsWith('.*')) continue;
    out.delete(local);
    const ns = local.slice(0, -2);
    if (language === 'go') {
      // A lone Go snippet `ns.F(x)` parses as a type conversion, so look at call expressions directly.
      for (const { node: call } of index.select(['call_expression'])) {
        const callee = call.field('function');
        if (callee?.kind() !== 'selector_expression' || callee.field('operand')?.text() !== ns) continue;
        const f = callee.field('field')?.text();
        if (f) out.set(`${ns}.${f}`, { specifier: b.specifier, name: f });
      }
      continue;
    }
    for (const call of root.findAll({ rule: { pattern: `${ns}.$F($$$)` } })) {
      const f = call.getMatch('F')?.text();
      if (f) out.set(`${ns}.${f}`, { specifier: b.specifier, name: f });
    }
  }
  return out;
}
