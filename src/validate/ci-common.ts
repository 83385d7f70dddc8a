/**
 * Shared by the GitLab CI, CircleCI and Jenkinsfile validators: YAML loading with line numbers,
 * validation against the published JSON schemas (ci-schemas/published.ts) with readable errors,
 * and the policy checks every CI file gets (pinned job images, no secret printed to the log).
 */
import { LineCounter, isMap, isNode, isScalar, parseDocument, type Document } from 'yaml';
import { problemsFromErrors } from './ci-schemas/errors.js';
import { publishedValidator, type PublishedName } from './ci-schemas/published.js';
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
  /** 1-based line of the key that ends the path (`jobs.build.step` → the line of `step:`). */
  keyLineOf(path: YamlPath): number | undefined;
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
  const keyLineOf = (path: YamlPath): number | undefined => {
    if (path.length === 0) return lineOf(path);
    const parent = document.getIn(path.slice(0, -1), true);
    const last = path[path.length - 1];
    if (isMap(parent)) {
      for (const pair of parent.items) {
        const key = isScalar(pair.key) ? pair.key : null;
        if (key?.range && String(key.value) === String(last)) return counter.linePos(key.range[0]).line;
      }
    }
    return lineOf(path);
  };
  const errors = document.errors.map((e) => ({ message: e.message.split('\n')[0] ?? e.message, line: e.linePos?.[0]?.line }));
  return { data: errors.length > 0 ? null : document.toJS(), lineOf, keyLineOf, errors };
}

/**
 * Problems of a parsed CI file against its published schema, each with the line to show: an
 * unknown key at its own line, anything else at the key (or list item) it is about.
 */
export function schemaErrors(name: PublishedName, data: unknown, yaml: LoadedYaml): Array<{ message: string; line: number | undefined }> {
  const validate = publishedValidator(name);
  if (validate(data)) return [];
  return problemsFromErrors(data, validate.errors ?? []).map((p) => ({ message: p.message, line: yaml.keyLineOf(p.key === undefined ? p.path : [...p.path, p.key]) }));
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
