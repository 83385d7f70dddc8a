/**
 * Helm chart rules (DSQ-HELM-0001…), one check per file by its name: Chart.yaml metadata, values
 * files, values.schema.json, and template syntax. docs/rules/helm.md documents each rule.
 */
import { Ajv, type ValidateFunction } from 'ajv';
import { LineCounter, parseDocument } from 'yaml';
import type { RuleInfo } from './types.js';
import { memoized } from './run-memo.js';
import { draft07Problems, HELM_AJV_OPTIONS } from './json-schema-meta.js';

type Json = Record<string, unknown>;

function rule(id: string, title: string, severity: RuleInfo['severity'], recommendation: string): RuleInfo {
  return { id, title, severity, recommendation };
}

export const HELM_RULES = {
  chartParse: rule('DSQ-HELM-0001', 'Chart.yaml does not parse', 'high', 'Chart.yaml must be one YAML mapping (apiVersion, name, version…).'),
  chartFields: rule('DSQ-HELM-0002', 'Chart.yaml required field missing or invalid', 'high', 'Set apiVersion: v2, a lowercase name (letters, digits, dashes), a SemVer 2 version and type application or library.'),
  chartMetadata: rule('DSQ-HELM-0003', 'Chart metadata incomplete', 'low', 'Add a description and the appVersion (the version of the app the chart deploys by default).'),
  valuesParse: rule('DSQ-HELM-0004', 'Values file does not parse', 'high', 'A values file must be one YAML mapping (or empty).'),
  schemaInvalid: rule('DSQ-HELM-0005', 'values.schema.json is not a usable JSON Schema', 'high', 'Fix the JSON so that it parses and compiles as a JSON Schema (draft-07).'),
  valuesSchema: rule('DSQ-HELM-0006', 'Values do not match values.schema.json', 'high', 'Change the value (or the schema) so that values.yaml, and values.yaml merged with each values-<env>.yaml, validate.'),
  templateSyntax: rule('DSQ-HELM-0007', 'Template actions unbalanced', 'high', 'Close every {{ with }}, and every if/range/with/define/block with {{ end }}.'),
  latestTag: rule('DSQ-HELM-0008', 'Image tag latest in values', 'medium', 'Pin a version tag (CI sets it per release with --set image.tag=<version>); latest makes rollbacks meaningless.'),
  render: rule('DSQ-HELM-0009', 'Chart does not render', 'high', 'Run `helm template <release> <chart>` to see the error and fix the template or values it names.'),
} as const satisfies Record<string, RuleInfo>;

export interface HelmHit {
  rule: RuleInfo;
  message: string;
  line?: number;
}

const SEMVER = /^v?\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$/;
const CHART_NAME = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/;

function isJson(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

type ParsedMapping = { data: Json | null; hits: HelmHit[]; lineOf: (key: string) => number | undefined };

/**
 * Parses one YAML document; `null` data with hits when it does not parse or is not a mapping. Within a
 * run the same values file is read by several checks: it is parsed once, and `data` is shared (read it,
 * never change it); `hits` is the caller's own.
 */
export function parseYamlMapping(content: string, parseRule: RuleInfo): ParsedMapping {
  const parsed = memoized('helm-yaml', `${parseRule.id}\0${content}`, () => parseMapping(content, parseRule));
  return { ...parsed, hits: [...parsed.hits] };
}

function parseMapping(content: string, parseRule: RuleInfo): ParsedMapping {
  const counter = new LineCounter();
  const doc = parseDocument(content, { lineCounter: counter, prettyErrors: false });
  const lineOf = (key: string): number | undefined => {
    const node = doc.get(key, true) as { range?: [number, number, number] } | undefined;
    return node?.range ? counter.linePos(node.range[0]).line : undefined;
  };
  if (doc.errors.length > 0) {
    const error = doc.errors[0]!;
    return { data: null, hits: [{ rule: parseRule, message: `YAML: ${error.message.split('\n')[0] ?? error.message}`, line: counter.linePos(error.pos[0]).line }], lineOf };
  }
  const data: unknown = doc.toJS({ maxAliasCount: 100 });
  if (data === null || data === undefined) return { data: {}, hits: [], lineOf };
  if (!isJson(data)) return { data: null, hits: [{ rule: parseRule, message: 'The file must be a YAML mapping.', line: 1 }], lineOf };
  return { data, hits: [], lineOf };
}

export function checkChartYaml(content: string): HelmHit[] {
  const { data, hits, lineOf } = parseYamlMapping(content, HELM_RULES.chartParse);
  if (data === null) return hits;
  const bad = (key: string, message: string, which: RuleInfo = HELM_RULES.chartFields): void => {
    const line = lineOf(key);
    hits.push({ rule: which, message, ...(line ? { line } : {}) });
  };
  if (data.apiVersion === undefined) bad('apiVersion', 'apiVersion is missing (v2 for Helm 3 charts).');
  else if (data.apiVersion !== 'v2' && data.apiVersion !== 'v1') bad('apiVersion', `apiVersion ${String(data.apiVersion)} is not v2.`);
  else if (data.apiVersion === 'v1') bad('apiVersion', 'apiVersion v1 is the Helm 2 format: use v2 (dependencies move from requirements.yaml into Chart.yaml).');
  if (typeof data.name !== 'string' || data.name === '') bad('name', 'name is missing.');
  else if (!CHART_NAME.test(data.name)) bad('name', `name "${data.name}" must be lowercase letters, digits and dashes.`);
  if (data.version === undefined) bad('version', 'version is missing.');
  else if (!SEMVER.test(String(data.version))) bad('version', `version ${String(data.version)} is not SemVer 2 (MAJOR.MINOR.PATCH).`);
  if (data.type !== undefined && data.type !== 'application' && data.type !== 'library') bad('type', `type ${String(data.type)} must be application or library.`);
  if (typeof data.description !== 'string' || data.description.trim() === '') bad('description', 'description is missing.', HELM_RULES.chartMetadata);
  if (data.type !== 'library' && (data.appVersion === undefined || String(data.appVersion).trim() === '')) bad('appVersion', 'appVersion is missing.', HELM_RULES.chartMetadata);
  return hits;
}

/** `tag: latest` anywhere in a values tree, with its dotted path. */
function latestTags(value: unknown, path: string[], out: string[]): void {
  if (!isJson(value)) return;
  for (const [key, child] of Object.entries(value)) {
    if (key === 'tag' && child === 'latest') out.push([...path, key].join('.'));
    else latestTags(child, [...path, key], out);
  }
}

export function checkValuesYaml(content: string): { data: Json | null; hits: HelmHit[] } {
  const { data, hits } = parseYamlMapping(content, HELM_RULES.valuesParse);
  if (data === null) return { data, hits };
  const found: string[] = [];
  latestTags(data, [], found);
  for (const path of found) {
    const line = content.split('\n').findIndex((l) => /^\s*tag:\s*["']?latest["']?\s*(#.*)?$/.test(l));
    hits.push({ rule: HELM_RULES.latestTag, message: `${path} is latest.`, ...(line >= 0 ? { line: line + 1 } : {}) });
  }
  return { data, hits };
}

function newAjv(checkSchema: boolean): Ajv {
  return new Ajv({ ...HELM_AJV_OPTIONS, validateSchema: checkSchema });
}

/** Compiled schemas by their text: validate() and validateSet() read the same schema in turn. */
const compiled = new Map<string, ValidateFunction>();

export function compileSchema(text: string, schema: Json): ValidateFunction {
  const hit = compiled.get(text);
  if (hit) return hit;
  // The draft-07 check with the build's precompiled meta-schema validator: the same verdict and message
  // as ajv's own check, without compiling the meta-schema first.
  const problems = draft07Problems(schema);
  if (problems) throw new Error(problems);
  const validate = newAjv(problems === undefined).compile(schema);
  if (compiled.size > 32) compiled.clear();
  compiled.set(text, validate);
  return validate;
}

export function checkValuesSchema(content: string): { schema: Json | null; hits: HelmHit[] } {
  let schema: unknown;
  try {
    schema = JSON.parse(content);
  } catch (error) {
    return { schema: null, hits: [{ rule: HELM_RULES.schemaInvalid, message: `JSON: ${(error as Error).message}` }] };
  }
  if (!isJson(schema)) return { schema: null, hits: [{ rule: HELM_RULES.schemaInvalid, message: 'The schema must be a JSON object.', line: 1 }] };
  try {
    compileSchema(content, schema);
  } catch (error) {
    return { schema: null, hits: [{ rule: HELM_RULES.schemaInvalid, message: `Does not compile: ${(error as Error).message}` }] };
  }
  return { schema, hits: [] };
}

const BLOCKS = new Set(['if', 'range', 'with', 'define', 'block']);

/** Go template actions: every `{{` closed, every block ended, no stray `end`/`else`. */
export function checkTemplate(content: string): HelmHit[] {
  const hits: HelmHit[] = [];
  const lineAt = (index: number): number => content.slice(0, index).split('\n').length;
  const stack: Array<{ word: string; line: number }> = [];
  let index = 0;
  while (index < content.length) {
    const open = content.indexOf('{{', index);
    if (open < 0) break;
    const close = content.indexOf('}}', open + 2);
    const nextOpen = content.indexOf('{{', open + 2);
    if (close < 0 || (nextOpen >= 0 && nextOpen < close && !content.slice(open, nextOpen).includes('/*'))) {
      hits.push({ rule: HELM_RULES.templateSyntax, message: 'An action opened with {{ is not closed with }}.', line: lineAt(open) });
      if (close < 0) break;
      index = nextOpen;
      continue;
    }
    const action = content.slice(open + 2, close).replace(/^-\s*/, '').replace(/\s*-$/, '').trim();
    index = close + 2;
    if (action.startsWith('/*')) continue;
    const word = /^[a-z]+/.exec(action)?.[0] ?? '';
    if (BLOCKS.has(word)) stack.push({ word, line: lineAt(open) });
    else if (word === 'end') {
      if (stack.pop() === undefined) hits.push({ rule: HELM_RULES.templateSyntax, message: '{{ end }} without an open if/range/with/define/block.', line: lineAt(open) });
    } else if (word === 'else' && stack.length === 0) hits.push({ rule: HELM_RULES.templateSyntax, message: '{{ else }} outside an if/range/with.', line: lineAt(open) });
  }
  for (const open of stack) hits.push({ rule: HELM_RULES.templateSyntax, message: `{{ ${open.word} }} is never closed with {{ end }}.`, line: open.line });
  return hits;
}
