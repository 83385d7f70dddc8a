/**
 * Runs every rule's annotated test file: each `ruleid: <id>` line must be followed by a finding of
 * that rule on the next code line, and no `ok: <id>` line may be followed by one.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from '@ast-grep/napi';
import { analyzeFile } from './analyze-file.js';
import { compiledRules, toFindings } from './scan.js';
import { ensureLanguages, languageOf } from './languages.js';
import { loadRules, precompileFamily, rulesDigest, RULES_DIR } from './rules.js';
import { annotations, testFileFor } from './annotations.js';
import { asCodeNode } from './code-node.js';
import { flatGrammar, loadFlatGrammars } from './flat/grammar.js';
import { FlatTree } from './flat/tree.js';

ensureLanguages();
const loaded = loadRules();

describe('code rules', () => {
  beforeAll(() => loadFlatGrammars());

  it('loads and validates every rule file, with unique ids and longIds', () => {
    expect(loaded.length).toBeGreaterThan(40);
    const ids = loaded.map((r) => r.rule.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(loaded.map((r) => `${r.family}/${r.rule.longId}`)).size).toBe(ids.length);
  });

  it('stores each family for the build as JSON that loads exactly as the YAML does, tied to that YAML', () => {
    const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'devsquad-rules-'));
    try {
      fs.cpSync(path.join(RULES_DIR, 'javascript'), path.join(copy, 'javascript'), { recursive: true });
      const fromYaml = loadRules(copy);
      const stored = JSON.parse(JSON.stringify(precompileFamily('javascript'))) as ReturnType<typeof precompileFamily>;
      expect(stored.rules).toEqual(fromYaml);
      expect(stored.digest).toBe(rulesDigest(copy, 'javascript'));
      // Any edit to a rule file makes the stored JSON stale: the loader then parses the YAML.
      const [first] = fromYaml;
      fs.appendFileSync(path.join(copy, first!.file), '\n# edited\n');
      expect(rulesDigest(copy, 'javascript')).not.toBe(stored.digest);
    } finally {
      fs.rmSync(copy, { recursive: true, force: true });
    }
  });

  it('lists every rule id in docs/rules/code-<language>.md', () => {
    for (const family of ['javascript', 'python', 'go', 'java', 'php']) {
      const doc = fs.readFileSync(path.join(RULES_DIR, '../../docs/rules', `code-${family}.md`), 'utf8');
      const missing = loaded.filter((r) => r.family === family && !doc.includes(`| ${r.rule.id} |`)).map((r) => r.rule.id);
      expect(missing).toEqual([]);
    }
  });

  for (const { rule, family, file } of loaded) {
    it(`${rule.id} ${file}`, () => {
      const testFile = testFileFor(path.join(RULES_DIR, file));
      expect(testFile, `no test file beside ${file}`).not.toBeNull();
      const text = fs.readFileSync(testFile!, 'utf8');
      const info = languageOf(testFile!)!;
      const rel = path.relative(RULES_DIR, testFile!);
      const compiled = (compiledRules().get(family) ?? []).filter((r) => r.rule.id === rule.id);
      const result = analyzeFile(asCodeNode(parse(info.grammar, text).root()), rel, family, compiled);
      const flat = flatGrammar(info.grammar);
      if (family === 'javascript') {
        // The scanner reads JavaScript through the flat tree: it must find exactly what ast-grep's tree does.
        expect(flat).not.toBeNull();
        const viaFlat = analyzeFile(new FlatTree(flat!, text).node(0), rel, family, compiled);
        expect(toFindings(viaFlat.hits)).toEqual(toFindings(result.hits));
        expect([viaFlat.apps, [...viaFlat.present], [...viaFlat.requires]]).toEqual([result.apps, [...result.present], [...result.requires]]);
      }
      const lines = new Set(toFindings(result.hits).map((f) => f.location.line));
      if (rule.control) {
        // Missing controls are resolved per project: within one file, present → no finding.
        for (const app of result.apps) if (!result.present.has(rule.id) && (!rule.control.requires || result.requires.has(rule.id))) lines.add(app.node.line);
      }
      const expected = annotations(text, rule.id);
      expect(expected.ruleid.length, 'at least one ruleid case').toBeGreaterThan(0);
      expect(expected.ok.length, 'at least one ok case').toBeGreaterThan(0);
      const missed = expected.ruleid.filter((l) => !lines.has(l));
      const wrong = expected.ok.filter((l) => lines.has(l));
      expect({ missed, wrong }).toEqual({ missed: [], wrong: [] });
    });
  }
});
