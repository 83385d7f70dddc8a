/**
 * Imports of repository modules, for the one-level cross-file pass: local name (as called) →
 * module specifier and imported name. Only relative JS specifiers and Python modules are kept;
 * packages from node_modules / site-packages are not the repository's code.
 */
import type { SgNode } from '@ast-grep/napi';
import type { RuleLanguage } from './languages.js';

export interface ImportBinding {
  /** As written: './db', '../lib/query', '.db', 'app.services.db'. */
  specifier: string;
  /** The exported name in that module ('default' for a default import). */
  name: string;
}

function unquote(text: string): string {
  return text.replace(/^['"`]|['"`]$/g, '');
}

export function imports(root: SgNode, language: RuleLanguage): Map<string, ImportBinding> {
  const out = new Map<string, ImportBinding>();
  if (language === 'javascript') {
    for (const imp of root.findAll({ rule: { kind: 'import_statement' } })) {
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
    for (const decl of root.findAll({ rule: { pattern: 'const $P = require($S)' } })) {
      const specifier = unquote(decl.getMatch('S')?.text() ?? '');
      const pat = decl.getMatch('P');
      if (!specifier.startsWith('.') || !pat) continue;
      if (pat.kind() === 'identifier') out.set(`${pat.text()}.*`, { specifier, name: '*' });
      for (const id of pat.findAll({ rule: { kind: 'shorthand_property_identifier_pattern' } })) out.set(id.text(), { specifier, name: id.text() });
    }
  } else {
    for (const imp of root.findAll({ rule: { kind: 'import_from_statement' } })) {
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
    for (const call of root.findAll({ rule: { pattern: `${ns}.$F($$$)` } })) {
      const f = call.getMatch('F')?.text();
      if (f) out.set(`${ns}.${f}`, { specifier: b.specifier, name: f });
    }
  }
  return out;
}
