/**
 * docs/rules/platform.md in the format rules-docs.test.ts reads: one section per rule in id order,
 * and each `# bad` snippet triggers its rule while the `# good` one does not. The platform file a
 * snippet is checked as is named in its section (`File: …`), since the format depends on the name.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../test/helpers.js';
import { validatePlatform } from './platform.js';
import { PLATFORM_RULES } from './platform-rules.js';

const text = fs.readFileSync(path.join(REPO_ROOT, 'docs/rules/platform.md'), 'utf8');
const sections = text.split(/^## /m).slice(1).map((chunk) => {
  const code = /```\w*\n([\s\S]*?)```/.exec(chunk)?.[1] ?? '';
  const [bad = '', good = ''] = code.split(/^# good.*\n/m);
  return { id: chunk.split(/\s/)[0] ?? '', file: /File: `([^`]+)`/.exec(chunk)?.[1] ?? '', bad: bad.replace(/^# bad.*\n/m, ''), good };
});

describe('docs/rules/platform.md', () => {
  it('has one section per rule, in id order', () => {
    expect(sections.map((s) => s.id)).toEqual(Object.values(PLATFORM_RULES).map((r) => r.id).sort());
  });
  for (const section of sections) {
    it(`${section.id}: the bad snippet triggers the rule and the good one does not`, () => {
      expect(validatePlatform({ path: section.file, content: section.bad }).map((d) => d.ruleId), 'bad').toContain(section.id);
      expect(validatePlatform({ path: section.file, content: section.good }).map((d) => d.ruleId), 'good').not.toContain(section.id);
    });
  }
});
