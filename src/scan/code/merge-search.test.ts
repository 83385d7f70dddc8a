import { parse, type NapiConfig } from '@ast-grep/napi';
import { describe, expect, it } from 'vitest';
import { ensureLanguages } from './languages.js';
import { asCodeNode } from './code-node.js';
import { emptySearches, matchKind, mergeable } from './merge-search.js';

const configs = (list: NapiConfig[]): Map<string, NapiConfig> => new Map(list.map((c) => [JSON.stringify(c), c]));

describe('one shared walk ruling out searches', () => {
  it('rules out a config whose anchor words no walked node contains, and keeps the rest for their own search', () => {
    ensureLanguages();
    const root = asCodeNode(parse('javascript', 'const out = exec(cmd);\nchild.spawn("ls");\n').root());
    const exec = { rule: { pattern: 'exec($C)' } } as NapiConfig;
    const evalCall = { rule: { pattern: 'eval($C)' } } as NapiConfig;
    // Its rule alone matches `child.spawn(...)`, but F must be spawnSync or execSync: no walked node has either.
    const spawnSync = { rule: { pattern: 'child.$F($X)' }, constraints: { F: { regex: '^(spawnSync|execSync)$' } } } as NapiConfig;
    // `child` and `spawn` occur, but not in one node together with the constrained method name.
    const spawn = { rule: { pattern: 'child.$F($X)' }, constraints: { F: { regex: '^(spawn|fork)$' } } } as NapiConfig;
    const empty = emptySearches(root, '.js', configs([exec, evalCall, spawnSync, spawn]));
    expect(empty).toEqual([JSON.stringify(evalCall), JSON.stringify(spawnSync)]);
  });

  it('leaves out rules selective only through constraints (they would add every call to the walk)', () => {
    const generic = { rule: { pattern: '$DB.$M($Q)' }, constraints: { M: { regex: '^(query|raw)$' } } } as NapiConfig;
    expect(mergeable(JSON.stringify(generic), generic)).toBe(false);
    const plain = { rule: { pattern: 'eval($C)' } } as NapiConfig;
    expect(mergeable(JSON.stringify(plain), plain)).toBe(true);
  });

  it('keeps a config whose kind the grammar lacks out of the walk, so its own search still fails', () => {
    ensureLanguages();
    const root = asCodeNode(parse('typescript', 'eval(x);\n').root());
    const jsx = { rule: { kind: 'jsx_attribute', regex: '^dangerouslySetInnerHTML' } } as NapiConfig;
    const evalCall = { rule: { pattern: 'eval($C)' } } as NapiConfig;
    expect(emptySearches(root, '.ts', configs([jsx, evalCall]))).toEqual([]);
    expect(emptySearches(root, '.ts', configs([jsx, evalCall, { rule: { pattern: 'exec($C)' } } as NapiConfig]))).toEqual([JSON.stringify({ rule: { pattern: 'exec($C)' } })]);
  });

  it('knows the one kind a pattern-only search can match, and nothing for other rules', () => {
    ensureLanguages();
    const call = { rule: { any: [{ pattern: '$F($C, $$$)' }, { pattern: '$F($C)' }] }, constraints: { F: { regex: '^(setTimeout)$' } } } as NapiConfig;
    expect(matchKind('javascript', 'call', call)).toBe('call_expression');
    const assign = { rule: { pattern: '$EL.innerHTML = $X' } } as NapiConfig;
    expect(matchKind('javascript', 'assign', assign)).toBe('assignment_expression');
    // A metavariable alone matches any kind; a rule with a kind or relation is not patterns only.
    expect(matchKind('javascript', 'any', { rule: { pattern: '$X' } } as NapiConfig)).toBeNull();
    expect(matchKind('javascript', 'kind', { rule: { kind: 'pair', regex: '^data' } } as NapiConfig)).toBeNull();
    // A kind the grammar lacks: the search must keep failing on its own.
    expect(matchKind('typescript', 'jsx', { rule: { pattern: 'f($X)', not: { has: { kind: 'jsx_attribute' } } } } as NapiConfig)).toBeNull();
  });
});
