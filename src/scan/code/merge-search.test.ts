import { parse, type NapiConfig } from '@ast-grep/napi';
import { describe, expect, it } from 'vitest';
import { ensureLanguages } from './languages.js';
import { emptySearches, mergeable } from './merge-search.js';

const configs = (list: NapiConfig[]): Map<string, NapiConfig> => new Map(list.map((c) => [JSON.stringify(c), c]));

describe('one shared walk ruling out searches', () => {
  it('rules out a config whose anchor words no walked node contains, and keeps the rest for their own search', () => {
    ensureLanguages();
    const root = parse('javascript', 'const out = exec(cmd);\nchild.spawn("ls");\n').root();
    const exec = { rule: { pattern: 'exec($C)' } } as NapiConfig;
    const evalCall = { rule: { pattern: 'eval($C)' } } as NapiConfig;
    // Its rule alone matches `child.spawn(...)`: not ruled out here, its own search (with constraints) decides.
    const spawnSync = { rule: { pattern: 'child.$F($X)' }, constraints: { F: { regex: '^(spawnSync|execSync)$' } } } as NapiConfig;
    const empty = emptySearches(root, '.js', configs([exec, evalCall, spawnSync]));
    expect(empty).toEqual([JSON.stringify(evalCall)]);
  });

  it('leaves out rules selective only through constraints (they would add every call to the walk)', () => {
    const generic = { rule: { pattern: '$DB.$M($Q)' }, constraints: { M: { regex: '^(query|raw)$' } } } as NapiConfig;
    expect(mergeable(JSON.stringify(generic), generic)).toBe(false);
    const plain = { rule: { pattern: 'eval($C)' } } as NapiConfig;
    expect(mergeable(JSON.stringify(plain), plain)).toBe(true);
  });

  it('keeps a config whose kind the grammar lacks out of the walk, so its own search still fails', () => {
    ensureLanguages();
    const root = parse('typescript', 'eval(x);\n').root();
    const jsx = { rule: { kind: 'jsx_attribute', regex: '^dangerouslySetInnerHTML' } } as NapiConfig;
    const evalCall = { rule: { pattern: 'eval($C)' } } as NapiConfig;
    expect(emptySearches(root, '.ts', configs([jsx, evalCall]))).toEqual([]);
    expect(emptySearches(root, '.ts', configs([jsx, evalCall, { rule: { pattern: 'exec($C)' } } as NapiConfig]))).toEqual([JSON.stringify({ rule: { pattern: 'exec($C)' } })]);
  });
});
