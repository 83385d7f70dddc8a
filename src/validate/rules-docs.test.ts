/**
 * Ties docs/rules/*.md to the rule tables: every rule has a section, and each section's `# bad`
 * snippet triggers its rule while the `# good` snippet does not.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../test/helpers.js';
import type { Diagnostic } from './types.js';
import { validateCompose } from './compose.js';
import { COMPOSE_PARSE_RULE, COMPOSE_RULES, COMPOSE_SCHEMA_RULE } from './compose-rules.js';
import { validateDockerfile } from './dockerfile.js';
import { DOCKERFILE_PARSE_RULE, DOCKERFILE_RULES } from './dockerfile-rules.js';
import { DOCKERIGNORE_RULES, validateDockerignore } from './dockerignore.js';

interface Section {
  id: string;
  bad: string;
  good: string;
}

function sections(file: string): Section[] {
  const text = fs.readFileSync(path.join(REPO_ROOT, 'docs/rules', file), 'utf8');
  const out: Section[] = [];
  for (const chunk of text.split(/^## /m).slice(1)) {
    const id = chunk.split(/\s/)[0] ?? '';
    const code = /```\w*\n([\s\S]*?)```/.exec(chunk)?.[1] ?? '';
    const [bad = '', good = ''] = code.split(/^# good.*\n/m);
    out.push({ id, bad: bad.replace(/^# bad.*\n/m, ''), good });
  }
  return out;
}

const FAMILIES: Array<{ file: string; ids: string[]; validate: (content: string) => Diagnostic[] }> = [
  {
    file: 'dockerfile.md',
    ids: [DOCKERFILE_PARSE_RULE.id, ...DOCKERFILE_RULES.map((r) => r.id)],
    // Snippets show the relevant lines; give those without a FROM a base image.
    validate: (content) => validateDockerfile({ path: 'Dockerfile', content: /^FROM /im.test(content) ? content : `FROM node:22.12-alpine\n${content}` }),
  },
  { file: 'compose.md', ids: [COMPOSE_PARSE_RULE.id, COMPOSE_SCHEMA_RULE.id, ...COMPOSE_RULES.map((r) => r.id)], validate: (content) => validateCompose({ path: 'compose.yaml', content }) },
  { file: 'dockerignore.md', ids: Object.values(DOCKERIGNORE_RULES).map((r) => r.id), validate: (content) => validateDockerignore({ path: '.dockerignore', content }) },
];

describe('rule documentation', () => {
  for (const family of FAMILIES) {
    describe(family.file, () => {
      const documented = sections(family.file);
      it('has one section per rule, in id order', () => {
        expect(documented.map((s) => s.id)).toEqual([...family.ids].sort());
      });
      for (const section of documented) {
        it(`${section.id}: the bad snippet triggers the rule and the good one does not`, () => {
          expect(family.validate(section.bad).map((d) => d.ruleId), 'bad').toContain(section.id);
          expect(family.validate(section.good).map((d) => d.ruleId), 'good').not.toContain(section.id);
        });
      }
    });
  }
});
