/**
 * Shared by the GitLab CI, CircleCI and Jenkinsfile validators: YAML loading with line numbers,
 * our JSON Schemas compiled once with ajv, and the policy checks every CI file gets (pinned job
 * images, no secret printed to the log).
 */
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { LineCounter, isNode, parseDocument, type Document } from 'yaml';
import { parseImageRef, unpinnedReason } from './image-ref.js';
import { isSecretLookingName } from './secret-names.js';
import type { Diagnostic, RuleInfo } from './types.js';

export type Json = Record<string, unknown>;
export type YamlPath = Array<string | number>;

export function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export interface LoadedYaml {
  data: unknown;
  /** 1-based line of the node at a path (or of its nearest existing parent). */
  lineOf(path: YamlPath): number | undefined;
  errors: Array<{ message: string; line: number | undefined }>;
}

export function loadYaml(content: string): LoadedYaml {
  const counter = new LineCounter();
  const document: Document = parseDocument(content, { lineCounter: counter, uniqueKeys: true, prettyErrors: false });
  const lineOf = (path: YamlPath): number | undefined => {
    for (let n = path.length; n >= 0; n--) {
      const node = document.getIn(path.slice(0, n), true);
      if (isNode(node) && node.range) return counter.linePos(node.range[0]).line;
    }
    return undefined;
  };
  const errors = document.errors.map((e) => ({ message: e.message.split('\n')[0] ?? e.message, line: e.linePos?.[0]?.line }));
  return { data: errors.length > 0 ? null : document.toJS(), lineOf, errors };
}

// Built on first use: constructing Ajv compiles its meta-schemas, which runs without a CI schema skip.
let ajv: Ajv | null = null;
const compiled = new Map<object, ValidateFunction>();

/** Schema errors, most specific first, one per path (anyOf branches report noise for the same node). */
export function schemaErrors(schema: object, data: unknown): Array<{ path: YamlPath; message: string }> {
  let validate = compiled.get(schema);
  if (!validate) {
    ajv ??= new Ajv({ allErrors: true, strict: false });
    validate = ajv.compile(schema);
    compiled.set(schema, validate);
  }
  if (validate(data)) return [];
  const byPath = new Map<string, { path: YamlPath; message: string }>();
  const errors = [...(validate.errors ?? [])].sort((a, b) => b.instancePath.length - a.instancePath.length);
  for (const error of errors) {
    const path = pathOf(error);
    const key = path.join('/');
    if ([...byPath.keys()].some((k) => k.startsWith(`${key}/`) || k === key)) continue;
    byPath.set(key, { path, message: messageOf(error) });
  }
  return [...byPath.values()];
}

function pathOf(error: ErrorObject): YamlPath {
  const path: YamlPath = error.instancePath
    .split('/')
    .slice(1)
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((p) => (/^\d+$/.test(p) ? Number(p) : p));
  if (error.keyword === 'additionalProperties') path.push(String((error.params as { additionalProperty: string }).additionalProperty));
  return path;
}

function messageOf(error: ErrorObject): string {
  const where = error.instancePath === '' ? 'the file' : error.instancePath.slice(1).replace(/\//g, '.');
  switch (error.keyword) {
    case 'additionalProperties':
      return `${where}: unknown key "${(error.params as { additionalProperty: string }).additionalProperty}"`;
    case 'enum':
      return `${where}: must be one of ${((error.params as { allowedValues: unknown[] }).allowedValues).map((v) => JSON.stringify(v)).join(', ')}`;
    case 'required':
      return `${where}: missing required key "${(error.params as { missingProperty: string }).missingProperty}"`;
    default:
      return `${where}: ${error.message ?? 'is invalid'}`;
  }
}

export function diagnostic(rule: RuleInfo, file: string, message: string, line: number | undefined): Diagnostic {
  return { ruleId: rule.id, severity: rule.severity, message, file, ...(line === undefined ? {} : { line }), recommendation: rule.recommendation };
}

/** Why a job image floats (`latest`, no tag), or null. Variables (`$IMAGE`) are the user's business. */
export function floatingImage(ref: string): string | null {
  if (ref.includes('$')) return null;
  return unpinnedReason(parseImageRef(ref.trim()));
}

/**
 * Shell lines that print a secret-looking variable to the job log: `echo $API_TOKEN`. A pipe into
 * a command (`printf '%s' "$PASSWORD" | docker login --password-stdin`) or a redirect to a file
 * keeps it out of the log and is what we recommend.
 */
export function echoedSecrets(script: string): Array<{ line: number; name: string }> {
  const out: Array<{ line: number; name: string }> = [];
  for (const [i, raw] of script.split('\n').entries()) {
    const line = raw.trim();
    const command = /^(?:.*?(?:;|&&|\|\||\bthen|\bdo)\s*)?(echo|printf)\b(.*)$/.exec(line);
    if (!command) continue;
    const rest = command[2] ?? '';
    // Everything up to a pipe or an output redirect is printed; after it, the value goes elsewhere.
    const printed = rest.split(/\||(?<![0-9&])>|\b[12]>/)[0] ?? '';
    if (printed.length < rest.length) continue;
    for (const match of printed.matchAll(/\$\{?([A-Za-z_][A-Za-z0-9_]*)/g)) {
      const name = match[1]!;
      if (isSecretLookingName(name)) out.push({ line: i, name });
    }
  }
  return out;
}
