import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../test/helpers.js';
import { HELM_RULES, helmValidator, isHelmPath, mergeValues, validateHelm, validateHelmSet } from './helm.js';
import { helmBinary, kubeVersionFor } from './helm-render.js';
import { validatorForPath } from './api.js';
import type { ValidatorInput } from './types.js';

const hasHelm = helmBinary() !== null;

/** All rule ids a set of chart files triggers: per-file checks plus the chart checks. */
function ids(files: readonly ValidatorInput[]): string[] {
  return [...files.flatMap((f) => validateHelm(f)), ...validateHelmSet(files)].map((d) => d.ruleId);
}

/** A snippet's files: `# file: <path>` starts each one. */
function files(snippet: string, root = 'chart/'): ValidatorInput[] {
  return snippet.split(/^# file: /m).slice(1).map((chunk) => {
    const [name = '', ...rest] = chunk.split('\n');
    return { path: `${root}${name.trim()}`, content: rest.join('\n') };
  });
}

describe('helm validator', () => {
  it('claims chart files by name and is the validator for them', () => {
    for (const p of ['deploy/helm/shop/Chart.yaml', 'chart/values.yaml', 'chart/values-prod.yaml', 'chart/values.schema.json', 'chart/templates/deployment.yaml', 'chart/templates/_helpers.tpl', 'chart/templates/NOTES.txt']) {
      expect(isHelmPath(p), p).toBe(true);
      expect(validatorForPath(p)?.kind, p).toBe('helm');
    }
    for (const p of ['deploy/kubernetes/api.yaml', 'compose.yaml', 'chart/README.md']) expect(isHelmPath(p), p).toBe(false);
    expect(helmValidator.validateSet).toBeDefined();
  });

  it('points at the Chart.yaml line of the bad field', () => {
    const [d] = validateHelm({ path: 'c/Chart.yaml', content: 'apiVersion: v2\nname: shop\ndescription: x\nappVersion: "1"\nversion: one\n' });
    expect(d).toMatchObject({ ruleId: HELM_RULES.chartFields.id, line: 5, severity: 'high' });
  });

  it('template balance: nested blocks, else, comments and trim markers are fine', () => {
    const ok = '{{- /* a comment with {{ inside */ -}}\n{{- range $k, $v := .Values.x }}\n{{- if $v }}a{{- else }}b{{- end }}\n{{- end }}\n{{- define "x" -}}y{{- end }}\n';
    expect(validateHelm({ path: 'c/templates/a.yaml', content: ok })).toEqual([]);
    const bad = validateHelm({ path: 'c/templates/a.yaml', content: '{{ if .a }}\n{{ end }}\n{{ end }}\n{{ .b \n' });
    expect(bad.map((d) => d.line)).toEqual([3, 4]);
  });

  it('merges values files the way Helm does: maps merge, null deletes, the rest replaces', () => {
    expect(mergeValues({ a: { b: 1, c: 2 }, d: [1], e: 1 }, { a: { c: 3 }, d: [2], e: null })).toEqual({ a: { b: 1, c: 3 }, d: [2] });
  });

  it('kubeVersion constraints give the version to render with', () => {
    expect(kubeVersionFor('>=1.30.0-0')).toBe('1.30.0');
    expect(kubeVersionFor('>= 1.28')).toBe('1.28.0');
    expect(kubeVersionFor('~1.29')).toBeNull();
  });

  it.skipIf(!hasHelm)('renders the chart and reports Kubernetes rules on the template that made the object', () => {
    const chart = files(`# file: Chart.yaml
apiVersion: v2
name: shop
description: x
version: 0.1.0
appVersion: "1"
# file: values.yaml
image: nginx:1.27
# file: templates/pod.yaml
apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: web
      image: {{ .Values.image }}
`);
    const found = validateHelmSet(chart);
    expect(found.length).toBeGreaterThan(0);
    expect(found.every((d) => d.file === 'chart/templates/pod.yaml' && d.ruleId.startsWith('DSQ-K8S-'))).toBe(true);
    expect(found.map((d) => d.ruleId)).toContain('DSQ-K8S-0001');
  });
});

describe('docs/rules/helm.md', () => {
  const text = fs.readFileSync(path.join(REPO_ROOT, 'docs/rules/helm.md'), 'utf8');
  const sections = text.split(/^## /m).slice(1).map((chunk) => {
    const code = /```\w*\n([\s\S]*?)```/.exec(chunk)?.[1] ?? '';
    const [bad = '', good = ''] = code.split(/^# good.*\n/m);
    return { id: chunk.split(/\s/)[0] ?? '', bad: bad.replace(/^# bad.*\n/m, ''), good };
  });
  it('has one section per rule, in id order', () => {
    expect(sections.map((s) => s.id)).toEqual(Object.values(HELM_RULES).map((r) => r.id).sort());
  });
  for (const section of sections) {
    const needsHelm = section.id === HELM_RULES.render.id;
    it.skipIf(needsHelm && !hasHelm)(`${section.id}: bad triggers, good does not`, () => {
      expect(ids(files(section.bad)), 'bad').toContain(section.id);
      expect(ids(files(section.good)), 'good').not.toContain(section.id);
    });
  }
});
