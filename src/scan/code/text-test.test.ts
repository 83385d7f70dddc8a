import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../../test/helpers.js';
import { compiledRules } from './scan.js';
import { FileText, textTest, type TextTest } from './text-test.js';

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : /\.(js|ts|tsx|py|go|java|php)$/.test(e.name) ? [path.join(dir, e.name)] : []));
}

describe('file-level text tests', () => {
  it('answer from the word set exactly as the regex does, for every prefilter of every rule', () => {
    const tests: TextTest[] = [];
    for (const rules of compiledRules().values()) {
      for (const rule of rules) {
        if (rule.prefilter) tests.push(rule.prefilter);
        if (rule.controlFilters?.present) tests.push(rule.controlFilters.present);
        if (rule.controlFilters?.requires) tests.push(rule.controlFilters.requires);
      }
    }
    expect(tests.length).toBeGreaterThan(100);
    const texts = [...files(path.join(REPO_ROOT, 'rules/code')), ...files(path.join(REPO_ROOT, 'bench/corpus'))].map((f) => fs.readFileSync(f, 'utf8'));
    // Non-ASCII text (case folding), words glued to others, and the empty file.
    texts.push('const ΑPI_KEY = "x"; // İ ſecret', 'myexec(x); exec_(y); $where', '', 'PASSWORD = 1', 'execSync');
    let positives = 0;
    for (const text of texts) {
      const file = new FileText(text);
      for (const t of tests) {
        const expected = t.regex.test(text);
        expect(t.testFile(file), `${t.regex.source} on ${text.slice(0, 60)}`).toBe(expected);
        if (expected) positives++;
      }
    }
    expect(positives).toBeGreaterThan(100);
  });

  it('answers a test made after the file was first read (tests are built lazily, per branch)', () => {
    const file = new FileText('const zorblax = quuxify(1);');
    expect(textTest('\\b(zorblax)\\b').testFile(file)).toBe(true);
    expect(textTest('\\b(quuxify|nothere)\\b').testFile(file)).toBe(true);
    expect(textTest('\\b(nothere)\\b').testFile(file)).toBe(false);
  });

  it('reads word lists, literals and case-insensitive alternations, and keeps other regexes', () => {
    const words = textTest('\\b(exec|execSync)\\b|<\\?=');
    expect(words.testFile(new FileText('cp.execSync(x)'))).toBe(true);
    expect(words.testFile(new FileText('executor(x)'))).toBe(false);
    expect(words.testFile(new FileText('<?= $x ?>'))).toBe(true);
    const folded = textTest('(?i)(passw|api_?key)');
    expect(folded.testFile(new FileText('const APIKEY = 1'))).toBe(true);
    expect(folded.testFile(new FileText('const Api_Key = 1'))).toBe(true);
    expect(folded.testFile(new FileText('const token = 1'))).toBe(false);
    // `word(` and `word.` need the regex: the word set cannot tell what follows a word.
    const call = textTest('\\b(find|findOne)\\(|\\$where');
    expect(call.testFile(new FileText('db.find (x)'))).toBe(false);
    expect(call.testFile(new FileText('db.find(x)'))).toBe(true);
  });
});
