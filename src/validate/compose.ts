/**
 * Compose validator: `yaml` parses (DSQ-DC-0000), the Compose Specification schema checks the
 * structure (DSQ-DC-0001, see compose-schema.ts), then best-practice rules run (DSQ-DC-0002…, see
 * compose-rules.ts). A LineCounter maps every problem back to the line of the node it is about.
 */
import { isMap, isNode, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';
import type { Document } from 'yaml';
import type { Diagnostic, Validator, ValidatorInput } from './types.js';
import type { PathSegment } from './compose-schema-errors.js';
import { schemaProblems } from './compose-schema.js';
import { COMPOSE_PARSE_RULE, COMPOSE_RULES, COMPOSE_SCHEMA_RULE, isRecord } from './compose-rules.js';
import type { ComposeContext, Json } from './compose-rules.js';

/** compose.yaml, compose.override.yml, docker-compose.yml, docker-compose.prod.yaml… */
export function isComposeName(path: string): boolean {
  const base = (path.split(/[\\/]/).at(-1) ?? '').toLowerCase();
  return /^(docker-)?compose(\.[\w.-]+)?\.ya?ml$/.test(base) || /^docker-compose[\w.-]*\.ya?ml$/.test(base);
}

/** 1-based line of the node at `path`, preferring the key line for map entries. */
function locate(doc: Document, counter: LineCounter, path: readonly PathSegment[], key?: string): number {
  const full = key === undefined ? path : [...path, key];
  for (let depth = full.length; depth > 0; depth--) {
    const parent = depth === 1 ? doc.contents : doc.getIn(full.slice(0, depth - 1), true);
    const last = full[depth - 1];
    let node: unknown;
    if (isMap(parent)) node = parent.items.find((pair) => (isScalar(pair.key) ? pair.key.value : pair.key) === last)?.key;
    else if (isSeq(parent) && typeof last === 'number') node = parent.items[last];
    if (isNode(node) && node.range) return counter.linePos(node.range[0]).line;
  }
  return 1;
}

export function validateCompose(file: ValidatorInput): Diagnostic[] {
  const counter = new LineCounter();
  // merge: true because Compose files use YAML merge keys (`<<: *defaults`) for shared settings.
  const doc = parseDocument(file.content, { lineCounter: counter, merge: true, prettyErrors: true });
  const base = (rule: { id: string; recommendation: string }, severity: Diagnostic['severity'], message: string, line: number): Diagnostic => ({
    ruleId: rule.id, severity, message, file: file.path, line, recommendation: rule.recommendation,
  });
  if (doc.errors.length > 0) {
    return doc.errors.map((e) => {
      const diagnostic = base(COMPOSE_PARSE_RULE, COMPOSE_PARSE_RULE.severity, e.message.split('\n')[0] ?? e.message, e.linePos?.[0]?.line ?? 1);
      const column = e.linePos?.[0]?.col;
      return column === undefined ? diagnostic : { ...diagnostic, column };
    });
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 1000 });
  } catch (error) {
    return [base(COMPOSE_PARSE_RULE, COMPOSE_PARSE_RULE.severity, `Cannot read the YAML: ${(error as Error).message}`, 1)];
  }
  if (!isRecord(data)) {
    return [base(COMPOSE_SCHEMA_RULE, COMPOSE_SCHEMA_RULE.severity, data === null || data === undefined ? 'The file is empty.' : 'The top level must be a mapping (services:, volumes:, …).', 1)];
  }
  const out: Diagnostic[] = [];
  for (const problem of schemaProblems(data)) {
    out.push(base(COMPOSE_SCHEMA_RULE, COMPOSE_SCHEMA_RULE.severity, problem.message, locate(doc, counter, problem.path, problem.key)));
  }
  const services = isRecord(data.services) ? Object.entries(data.services).filter((entry): entry is [string, Json] => isRecord(entry[1])) : [];
  const context: ComposeContext = { data, services };
  for (const rule of COMPOSE_RULES) {
    for (const hit of rule.check(context)) out.push(base(rule, hit.severity ?? rule.severity, hit.message, locate(doc, counter, hit.path)));
  }
  return out.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || a.ruleId.localeCompare(b.ruleId));
}

export const composeValidator: Validator = {
  kind: 'compose',
  displayName: 'Compose',
  matches: isComposeName,
  validate: validateCompose,
};
