/**
 * GitHub Actions workflows: `@action-validator/core` checks the workflow against GitHub's schema
 * (DSQ-GHA-0000), then our rules (github-actions-rules.ts) look for what the schema allows but
 * attackers use. Line numbers come from our own YAML parse, since the schema reports JSON pointers.
 */
import { createRequire } from 'node:module';
import { LineCounter, parseDocument, isNode } from 'yaml';
import type { Diagnostic, Validator, ValidatorInput } from './types.js';
import { collect, discard, offload, type Ticket } from './offload.js';
import { GHA_RULES, GHA_SCHEMA_RULE, isRecord, type YamlPath } from './github-actions-rules.js';

interface ValidationError {
  code: string;
  detail?: string;
  path?: string;
  title: string;
  location?: { line: number; column: number };
  states?: Array<{ errors: ValidationError[] }>;
}

// The package is CommonJS that loads its wasm synchronously; require keeps validate() synchronous.
const require = createRequire(import.meta.url);
type ValidateWorkflow = (src: string) => { errors: ValidationError[] };
// Loaded on first use: requiring it compiles a wasm module, which commands that never see a workflow skip.
let loadedValidateWorkflow: ValidateWorkflow | null = null;
function validateWorkflow(src: string): ReturnType<ValidateWorkflow> {
  loadedValidateWorkflow ??= (require('@action-validator/core') as { validateWorkflow: ValidateWorkflow }).validateWorkflow;
  return loadedValidateWorkflow(src);
}

/**
 * The wasm build prints "Glob validation is not yet supported" through console.warn for every
 * `paths:` filter; that is noise for our users (it is about the library, not their file).
 */
function quietly<T>(run: () => T): T {
  const warn = console.warn;
  console.warn = () => undefined;
  try {
    return run();
  } finally {
    console.warn = warn;
  }
}

/** Schema checks started ahead on the worker thread (offload.ts), by workflow text. */
const pending = new Map<string, Ticket>();
const PENDING_MAX = 32;

/**
 * Starts GitHub's schema check of a workflow on the worker thread, so it runs while this thread does
 * other work; validateWorkflowFile takes the answer for the same text (and checks it itself otherwise).
 */
export function prefetchWorkflowSchema(content: string): void {
  if (pending.has(content)) return;
  const ticket = offload({ type: 'workflow-schema', content });
  if (!ticket) return;
  pending.set(content, ticket);
  for (const [text, old] of pending) {
    if (pending.size <= PENDING_MAX) break;
    discard(old);
    pending.delete(text);
  }
}

function schemaErrors(content: string): ValidationError[] {
  const ticket = pending.get(content);
  if (ticket) {
    pending.delete(content);
    const answer = collect<ReturnType<ValidateWorkflow>>(ticket);
    if (answer) return answer.errors;
  }
  return quietly(() => validateWorkflow(content)).errors;
}

function pointerToPath(pointer: string): YamlPath {
  return pointer
    .split('/')
    .slice(1)
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

/** The most specific detail of a schema error (oneOf errors nest theirs per alternative). */
function detailOf(error: ValidationError): string {
  if (error.detail) return error.detail;
  const nested = error.states?.[0]?.errors.find((e) => e.detail) ?? error.states?.[0]?.errors[0];
  return nested ? (nested.detail ?? `${nested.title} at ${nested.path ?? ''}`) : error.title;
}

export function validateWorkflowFile(file: ValidatorInput): Diagnostic[] {
  const counter = new LineCounter();
  const document = parseDocument(file.content, { lineCounter: counter });
  const lineOf = (path: YamlPath): number | undefined => {
    for (let end = path.length; end >= 0; end--) {
      const node = end === 0 ? document.contents : document.getIn(path.slice(0, end), true);
      if (isNode(node) && node.range) return counter.linePos(node.range[0]).line;
    }
    return undefined;
  };
  const diagnostics: Diagnostic[] = [];
  for (const error of schemaErrors(file.content)) {
    diagnostics.push({
      ruleId: GHA_SCHEMA_RULE.id,
      severity: GHA_SCHEMA_RULE.severity,
      message: `${error.title}: ${detailOf(error)}${error.path ? ` (at ${error.path})` : ''}`,
      file: file.path,
      line: error.location?.line ?? (error.path !== undefined ? lineOf(pointerToPath(error.path)) : undefined),
      recommendation: GHA_SCHEMA_RULE.recommendation,
    });
  }
  if (document.errors.length > 0) return diagnostics;
  const data: unknown = document.toJS();
  if (!isRecord(data)) return diagnostics;
  for (const rule of GHA_RULES) {
    for (const hit of rule.check(data)) {
      diagnostics.push({ ruleId: rule.id, severity: rule.severity, message: hit.message, file: file.path, line: lineOf(hit.path), recommendation: rule.recommendation });
    }
  }
  return diagnostics;
}

export const githubActionsValidator: Validator = {
  kind: 'github-actions',
  displayName: 'GitHub Actions workflow',
  matches: (path: string) => /(^|\/)\.github\/workflows\/[^/]+\.ya?ml$/.test(path),
  validate: validateWorkflowFile,
};
