/**
 * What devsquad asks of the TypeScript compiler while it generates: a module transpiled to CommonJS
 * (monitoring code for plain JavaScript projects) and the syntax errors of a generated file.
 *
 * Loading the compiler costs about 0.3 s and its first calls about 0.2 s more, on the thread that is
 * also doing everything else. A command that knows early it will need them calls prewarmTypeScript():
 * the compiler then loads on the offload worker's thread (offload.ts) while this one works, and each
 * call is answered there. Without a prewarm, when this thread already has the compiler, or when the
 * worker cannot answer, the same function runs here. Same compiler, same job, so the same answer.
 */
import type TypeScript from 'typescript';
import { typescript, typescriptLoaded } from '../core/typescript.js';
import type { ProjectPlan } from '../plan/schema.js';
import { collect, discard, offload } from './offload.js';
import { signalled } from './signalled.js';

export interface TranspileRequest {
  type: 'ts-transpile';
  source: string;
  /** Names, not the compiler's enum numbers, so a request can be built without loading the compiler. */
  module: 'CommonJS';
  target: 'ES2022';
  esModuleInterop: boolean;
  removeComments: boolean;
}

export interface ParseRequest {
  type: 'ts-parse';
  path: string;
  content: string;
  /** ts.ScriptKind: TS = 3, TSX = 4, JS = 1, JSX = 2. */
  scriptKind: number;
}

export interface WarmRequest {
  type: 'ts-warm';
}

export type TypeScriptJob = TranspileRequest | ParseRequest | WarmRequest;

export interface SyntaxProblem {
  line: number;
  column: number;
  message: string;
}

/**
 * Runs one job with the compiler it is given. Self-contained on purpose (no reference outside its
 * parameters): offload.ts ships its source text to the worker, so both threads run this very code.
 */
export function runTypeScriptJob(ts: typeof TypeScript, job: TypeScriptJob): string | SyntaxProblem[] | null {
  if (job.type === 'ts-transpile') {
    const compilerOptions = { module: ts.ModuleKind[job.module], target: ts.ScriptTarget[job.target], esModuleInterop: job.esModuleInterop, removeComments: job.removeComments };
    return ts.transpileModule(job.source, { compilerOptions }).outputText;
  }
  if (job.type === 'ts-parse') {
    const source = ts.createSourceFile(job.path, job.content, ts.ScriptTarget.Latest, true, job.scriptKind);
    // parseDiagnostics is what getSyntacticDiagnostics returns for a lone source file, without a Program.
    const found = (source as unknown as { parseDiagnostics: readonly TypeScript.DiagnosticWithLocation[] }).parseDiagnostics;
    return found.map((d) => {
      const at = source.getLineAndCharacterOfPosition(d.start);
      return { line: at.line + 1, column: at.character + 1, message: ts.flattenDiagnosticMessageText(d.messageText, '\n') };
    });
  }
  // Warm-up: load the compiler and run each kind of job once, so its code is compiled before it counts.
  ts.transpileModule('export const ready: number = 1;\n', { compilerOptions: { module: ts.ModuleKind.CommonJS } });
  ts.createSourceFile('ready.ts', 'export const ready = 1;\n', ts.ScriptTarget.Latest, true, 3);
  return null;
}

let prewarmed = false;
/** Set by the worker when the prewarmed compiler is loaded. */
let warmSignal: Int32Array | null = null;

/**
 * For a plan with Node services, whose monitoring code goes through the compiler: loads it on the
 * worker thread now, and later calls are answered there. Other plans never need it.
 */
export function prewarmTypeScriptFor(plan: ProjectPlan): void {
  if (plan.services.some((s) => s.language === 'node')) prewarmTypeScript();
}

/** Loads the compiler on the worker thread now; later calls are answered there. */
export function prewarmTypeScript(): void {
  if (prewarmed || typescriptLoaded()) return;
  const ticket = offload({ type: 'ts-warm' });
  if (ticket) discard(ticket); // nothing to collect: the warm-up only loads the compiler over there
  prewarmed = ticket !== null;
  warmSignal = ticket?.signal ?? null;
}

/** Resolves once the compiler prewarmed on the worker is loaded (at once without a prewarm), without blocking this thread. */
export function typescriptReady(): Promise<void> {
  return signalled(warmSignal ? [warmSignal] : [], 30_000);
}

function run<T extends string | SyntaxProblem[]>(job: TranspileRequest | ParseRequest): T {
  if (prewarmed && !typescriptLoaded()) {
    const ticket = offload(job);
    const answer = ticket ? collect<T>(ticket) : null;
    if (answer !== null) return answer;
  }
  return runTypeScriptJob(typescript(), job) as T;
}

/** A TypeScript module as CommonJS for ES2022. */
export function transpileToCommonJs(source: string): string {
  return run<string>({ type: 'ts-transpile', source, module: 'CommonJS', target: 'ES2022', esModuleInterop: true, removeComments: false });
}

/** The syntax errors of a TypeScript or JavaScript file, in order. */
export function typescriptSyntaxProblems(path: string, content: string, scriptKind: number): SyntaxProblem[] {
  return run<SyntaxProblem[]>({ type: 'ts-parse', path, content, scriptKind });
}
