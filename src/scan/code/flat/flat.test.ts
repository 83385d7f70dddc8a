/**
 * The flat JavaScript tree and its matcher must be indistinguishable from @ast-grep/napi: same nodes,
 * same fields, and every search the JavaScript rules make must return the same nodes and captures.
 * Checked on every JavaScript-family rule test file and the benchmark's labeled apps.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse, type NapiConfig, type SgNode } from '@ast-grep/napi';
import { beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../../../test/helpers.js';
import { asCodeNode, type CodeNode } from '../code-node.js';
import { anyOf, type CompiledRule } from '../compile.js';
import { ensureLanguages, languageOf } from '../languages.js';
import { compiledRulesOf } from '../run-file.js';
import { SANITIZERS, SOURCES } from '../taint/sources.js';
import { flatGrammar, loadFlatGrammars, type FlatGrammar } from './grammar.js';
import { modelled } from './match.js';
import { FlatTree } from './tree.js';

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const abs = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sourceFiles(abs));
    else if (languageOf(abs)?.family === 'javascript') out.push(abs);
  }
  return out.sort();
}

const FILES = [...sourceFiles(path.join(REPO_ROOT, 'rules/code/javascript')), ...sourceFiles(path.join(REPO_ROOT, 'bench/corpus'))];

function configsOf(rule: CompiledRule): NapiConfig[] {
  return [rule.match, rule.sources, rule.sanitizers, rule.control?.app, rule.control?.present, rule.control?.requires, ...(rule.sinks ?? []).map((s) => s.config)].filter(
    (c): c is NapiConfig => c !== undefined,
  );
}

const CONFIGS: NapiConfig[] = [
  ...compiledRulesOf('javascript').flatMap(configsOf),
  anyOf(SOURCES.javascript, 'javascript'),
  anyOf(SANITIZERS.javascript, 'javascript'),
  { rule: { kind: 'return_statement' } } as NapiConfig,
];

const META = /\${1,3}([A-Z_][A-Z0-9_]*)/g;

/** A search's answer as text: each match's position and kind, with what each metavariable captured. */
function describeMatches(nodes: Array<CodeNode | SgNode>, config: NapiConfig): string[] {
  const names = new Set([...JSON.stringify(config).matchAll(META)].map((m) => m[1]!));
  const at = (n: CodeNode | SgNode): string => `${n.range().start.index}-${n.range().end.index}:${String(n.kind())}`;
  return nodes.map((n) => {
    let line = at(n);
    for (const name of names) {
      const one = n.getMatch(name);
      if (one) line += ` ${name}=${at(one)}`;
      const run = n.getMultipleMatches(name);
      if (run.length) line += ` ${name}*=${run.map(at).join(',')}`;
    }
    return line;
  });
}

function answer(search: () => Array<CodeNode | SgNode>, config: NapiConfig): string[] | string {
  try {
    return describeMatches(search(), config);
  } catch (e) {
    return /Invalid Kind/.test(String(e)) ? 'invalid kind' : `error ${String(e)}`;
  }
}

function dump(node: SgNode, out: string[] = []): string[] {
  const r = node.range();
  out.push(`${String(node.kind())} ${node.isNamed()} ${r.start.line}:${r.start.column}-${r.end.line}:${r.end.column} ${r.start.index}`);
  for (const c of node.children()) dump(c, out);
  return out;
}

function dumpFlat(node: CodeNode, out: string[] = []): string[] {
  const r = node.range();
  out.push(`${node.kind()} ${node.isNamed()} ${r.start.line}:${r.start.column}-${r.end.line}:${r.end.column} ${r.start.index}`);
  for (const c of node.children()) dumpFlat(c, out);
  return out;
}

const grammarOf = (file: string): FlatGrammar => flatGrammar(languageOf(file)!.grammar)!;

describe('flat JavaScript trees', () => {
  beforeAll(async () => {
    ensureLanguages();
    expect(await loadFlatGrammars()).toBe(true);
  });

  it('have the nodes, positions and text ast-grep has, also around non-ASCII text and CRLF lines', () => {
    const text = 'const é = "😀";\r\nfoo(é, `x${"😀😀"}`)\n  bar(y) // ü\n';
    const flat = new FlatTree(flatGrammar('JavaScript')!, text).node(0);
    const native = parse('JavaScript', text).root();
    expect(dumpFlat(flat)).toEqual(dump(native));
    const bar = flat.find({ rule: { pattern: 'bar($A)' } } as NapiConfig)!;
    expect(bar.text()).toBe('bar(y)');
    expect(bar.range().start).toEqual({ line: 2, column: 2, index: text.indexOf('bar') });
  });

  it('rebuild from the arrays another thread made, node for node', () => {
    const text = fs.readFileSync(FILES[0]!, 'utf8');
    const made = new FlatTree(grammarOf(FILES[0]!), text);
    const adopted = new FlatTree(grammarOf(FILES[0]!), text, { arrays: made.arrays.slice(0), size: made.size });
    expect(dumpFlat(adopted.node(0))).toEqual(dumpFlat(made.node(0)));
    const config = CONFIGS[0]!;
    expect(answer(() => adopted.node(0).findAll(config), config)).toEqual(answer(() => made.node(0).findAll(config), config));
  });

  it('match ast-grep node for node, field for field, on every rule test file and labeled app', () => {
    const fields = ['function', 'arguments', 'object', 'property', 'name', 'value', 'left', 'right', 'body', 'parameters', 'source', 'condition', 'consequence', 'operator', 'key'];
    for (const file of FILES) {
      const text = fs.readFileSync(file, 'utf8');
      const native = parse(languageOf(file)!.grammar, text).root();
      const flat = new FlatTree(grammarOf(file), text).node(0);
      expect(dumpFlat(flat), file).toEqual(dump(native));
      const calls = native.findAll({ rule: { kind: 'call_expression' } });
      const flatCalls = flat.findAll({ rule: { kind: 'call_expression' } } as NapiConfig);
      expect(flatCalls.length).toBe(calls.length);
      calls.map(asCodeNode).forEach((call, i) => {
        for (const name of fields) expect(flatCalls[i]!.field(name)?.text() ?? null, `${file} ${name}`).toBe(call.field(name)?.text() ?? null);
        expect(flatCalls[i]!.parent()?.kind()).toBe(call.parent()?.kind());
      });
    }
  });

  it('answer every search of the JavaScript rules exactly as ast-grep does, captures included', () => {
    let compared = 0;
    for (const file of FILES) {
      const text = fs.readFileSync(file, 'utf8');
      const native = parse(languageOf(file)!.grammar, text).root();
      const flat = new FlatTree(grammarOf(file), text).node(0);
      for (const config of CONFIGS) {
        expect(answer(() => flat.findAll(config), config), `${file} ${JSON.stringify(config).slice(0, 200)}`).toEqual(answer(() => native.findAll(config), config));
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(2000);
  });

  it('model every shipped JavaScript search (none is handed to ast-grep)', () => {
    for (const grammar of ['JavaScript', 'Tsx']) {
      const missing = CONFIGS.filter((c) => !modelled(flatGrammar(grammar)!, c)).map((c) => JSON.stringify(c).slice(0, 120));
      expect(missing, grammar).toEqual([]);
    }
    // TypeScript has no JSX: ast-grep refuses the config, and so does this engine.
    const jsx = CONFIGS.filter((c) => JSON.stringify(c).includes('"jsx_attribute"'));
    expect(jsx.length).toBeGreaterThan(0);
    const root = new FlatTree(flatGrammar('TypeScript')!, 'eval(x);\n').node(0);
    for (const c of jsx) expect(() => root.findAll(c)).toThrow(/Invalid Kind/);
  });

  it('hand a rule it does not model to ast-grep and map the answer back, captures included', () => {
    const text = 'a(1);\nb(2);\nc(3);\n';
    const config = { rule: { pattern: '$F($N)', follows: { pattern: 'a(1);' } } } as unknown as NapiConfig;
    const flatGrammarJs = flatGrammar('JavaScript')!;
    expect(modelled(flatGrammarJs, config)).toBe(false);
    const statement = { rule: { kind: 'expression_statement', follows: { pattern: 'a(1);' } } } as unknown as NapiConfig;
    const flat = new FlatTree(flatGrammarJs, text).node(0);
    const native = parse('JavaScript', text).root();
    expect(answer(() => flat.findAll(statement), statement)).toEqual(answer(() => native.findAll(statement), statement));
    expect(flat.findAll(statement).map((n) => n.text())).toEqual(['b(2);']);
    const nested = { rule: { pattern: '$F($N)', inside: { kind: 'expression_statement', follows: { pattern: 'b(2);' } } } } as unknown as NapiConfig;
    const [call] = flat.findAll(nested);
    expect(call && [call.text(), call.getMatch('F')?.text(), call.getMatch('N')?.text()]).toEqual(['c(3)', 'c', '3']);
  });

  it('read regexes as Rust does: Unicode classes, and `.` matches a carriage return', () => {
    const text = 'const naïve = 1;\nconst x\r = 2;\nconst ٣ = 3;\n';
    const flat = new FlatTree(flatGrammar('JavaScript')!, text).node(0);
    const native = parse('JavaScript', text).root();
    for (const regex of ['^\\w+$', '^na.ve$', '^x.*$', '\\d', '^[\\w]+$', '^\\W*$']) {
      const config = { rule: { kind: 'identifier', regex } } as NapiConfig;
      expect(answer(() => flat.findAll(config), config), regex).toEqual(answer(() => native.findAll(config), config));
    }
    const declarator = { rule: { kind: 'variable_declarator', regex: '^x.=' } } as NapiConfig;
    expect(answer(() => flat.findAll(declarator), declarator)).toEqual(answer(() => native.findAll(declarator), declarator));
  });

  it('require a metavariable used twice to capture the same code', () => {
    const text = 'x.a = x.a + 1;\ny.a = z.a + 1;\nf(g(1), g(1));\nf(g(1), g(2));\n';
    const flat = new FlatTree(flatGrammar('JavaScript')!, text).node(0);
    const native = parse('JavaScript', text).root();
    for (const pattern of ['$A = $A + 1', 'f($X, $X)', 'f($$$R)']) {
      const config = { rule: { pattern } } as NapiConfig;
      expect(answer(() => flat.findAll(config), config), pattern).toEqual(answer(() => native.findAll(config), config));
    }
    expect(flat.findAll({ rule: { pattern: '$A = $A + 1' } } as NapiConfig).map((n) => n.text())).toEqual(['x.a = x.a + 1']);
  });
});
