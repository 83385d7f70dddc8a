/**
 * docs/rules/{gitlab-ci,circleci,jenkinsfile}.md against the rule tables, the same way
 * rules-docs.test.ts does for the other families: one section per rule, the `# bad` snippet
 * triggers it and the `# good` one does not. Plus the validators on files users write.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../test/helpers.js';
import { CIRCLECI_RULES, validateCircleci } from './circleci.js';
import { GITLAB_RULES, validateGitlabCi } from './gitlab-ci.js';
import { JENKINS_RULES, validateJenkinsfile } from './jenkinsfile.js';
import { validatorForPath } from './api.js';
import type { Diagnostic } from './types.js';

function sections(file: string): Array<{ id: string; bad: string; good: string }> {
  const text = fs.readFileSync(path.join(REPO_ROOT, 'docs/rules', file), 'utf8');
  return text.split(/^## /m).slice(1).map((chunk) => {
    const code = /```\w*\n([\s\S]*?)```/.exec(chunk)?.[1] ?? '';
    const [bad = '', good = ''] = code.split(/^# good.*\n/m);
    return { id: chunk.split(/\s/)[0] ?? '', bad: bad.replace(/^# bad.*\n/m, ''), good };
  });
}

const FAMILIES: Array<{ file: string; ids: string[]; validate: (content: string) => Diagnostic[] }> = [
  { file: 'gitlab-ci.md', ids: Object.values(GITLAB_RULES).map((r) => r.id), validate: (content) => validateGitlabCi({ path: '.gitlab-ci.yml', content }) },
  { file: 'circleci.md', ids: Object.values(CIRCLECI_RULES).map((r) => r.id), validate: (content) => validateCircleci({ path: '.circleci/config.yml', content }) },
  { file: 'jenkinsfile.md', ids: Object.values(JENKINS_RULES).map((r) => r.id), validate: (content) => validateJenkinsfile({ path: 'Jenkinsfile', content }) },
];

describe('CI rule documentation', () => {
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

describe('CI validators', () => {
  it('are picked by file name', () => {
    expect(validatorForPath('.gitlab-ci.yml')?.kind).toBe('gitlab-ci');
    expect(validatorForPath('.circleci/config.yml')?.kind).toBe('circleci');
    expect(validatorForPath('.circleci/continue_config.yml')?.kind).toBe('circleci');
    expect(validatorForPath('Jenkinsfile')?.kind).toBe('jenkinsfile');
  });

  it('report the line of a schema error and of a structural one', () => {
    const gl = validateGitlabCi({ path: '.gitlab-ci.yml', content: 'stages: [build]\nbuild:\n  script: [make]\n  timeout: 5m\n  rules:\n    - if: $X\n      when: sometimes\n' });
    expect(gl).toContainEqual(expect.objectContaining({ ruleId: 'DSQ-GL-0000', line: 7 }));
    const jk = validateJenkinsfile({ path: 'Jenkinsfile', content: "pipeline {\n  agent any\n  stages {\n    stage('a') {\n      steps { sh 'make' \n    }\n  }\n" });
    expect(jk).toEqual([expect.objectContaining({ ruleId: 'DSQ-JK-0000', line: 3, message: '"{" opened on line 3 is never closed' })]);
  });

  it('read multi-line Groovy strings and find an echoed secret on its own line', () => {
    const text = "pipeline {\n  agent any\n  options { timeout(time: 5, unit: 'MINUTES') }\n  stages {\n    stage('a') {\n      steps {\n        sh '''\n          make\n          echo $API_TOKEN\n        '''\n      }\n    }\n  }\n}\n";
    expect(validateJenkinsfile({ path: 'Jenkinsfile', content: text })).toEqual([expect.objectContaining({ ruleId: 'DSQ-JK-0003', line: 9 })]);
  });
});
