/**
 * Alertmanager validator: matcher syntax, secrets inline, and docs/rules/alertmanager.md's snippets
 * trigger (bad) or do not trigger (good) the rule of their section.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../test/helpers.js';
import { AM_RULES, alertmanagerValidator, isValidMatcher, validateAlertmanager } from './alertmanager.js';

const ids = (content: string): string[] => validateAlertmanager({ path: 'alertmanager.yml', content }).map((d) => d.ruleId);

describe('alertmanager validator', () => {
  it('parses matchers as Alertmanager does', () => {
    for (const ok of ['severity="page"', 'service=~"api|web"', 'alertname!="TargetDown"', 'team = ops']) expect(isValidMatcher(ok), ok).toBe(true);
    for (const bad of ['severity', 'severity=="page"', 'service=~"(api"', '1abc="x"']) expect(isValidMatcher(bad), bad).toBe(false);
  });

  it('finds an inline key nested in a receiver, with its line', () => {
    const content = 'route:\n  receiver: p\n  group_by: [alertname]\nreceivers:\n  - name: p\n    pagerduty_configs:\n      - routing_key: abc123\n';
    expect(validateAlertmanager({ path: 'alertmanager.yml', content })).toEqual([expect.objectContaining({ ruleId: 'DSQ-AM-0006', line: 7 })]);
  });

  it('matches alertmanager files by name', () => {
    expect(alertmanagerValidator.matches('monitoring/alertmanager/alertmanager.yml')).toBe(true);
    expect(alertmanagerValidator.matches('monitoring/prometheus/rules/a.rules.yml')).toBe(false);
  });
});

describe('docs/rules/alertmanager.md', () => {
  const text = fs.readFileSync(path.join(REPO_ROOT, 'docs/rules/alertmanager.md'), 'utf8');
  const sections = text.split(/^## /m).slice(1).map((chunk) => {
    const code = /```\w*\n([\s\S]*?)```/.exec(chunk)?.[1] ?? '';
    const [bad = '', good = ''] = code.split(/^# good.*\n/m);
    return { id: chunk.split(/\s/)[0] ?? '', bad: bad.replace(/^# bad.*\n/m, ''), good };
  });
  it('has one section per rule, in id order', () => {
    expect(sections.map((s) => s.id)).toEqual(Object.values(AM_RULES).map((r) => r.id).sort());
  });
  for (const section of sections) {
    it(`${section.id}: bad triggers, good does not`, () => {
      expect(ids(section.bad), 'bad').toContain(section.id);
      expect(ids(section.good), 'good').toEqual([]);
    });
  }
});
