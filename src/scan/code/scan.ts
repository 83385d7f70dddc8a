/**
 * The code scanner: each source file is read through RepoFs, parsed once, and every rule of its
 * language runs over that one tree. Then two repository-level passes: calls that carry request
 * data into a function imported from another module of the repository are matched against that
 * function's summary (one level), and "missing control" rules are resolved per project.
 */
import { createHash } from 'node:crypto';
import type { RepoFs } from '../../core/repo/repo-fs.js';
import type { Finding } from '../../core/finding.js';
import { log } from '../../core/logger.js';
import type { ScanOptions, ScanOutput, ScanProblem } from '../types.js';
import type { ExportedSink, Hit, PendingCall, SerializedNode } from './analyze-file.js';
import type { CompiledRule } from './compile.js';
import { ensureLanguages, languageOf, type RuleLanguage } from './languages.js';
import { loadRulesOf, RULE_FAMILIES } from './rules.js';
import { projectOf, resolveGoPackage, resolveModule } from './resolve.js';
import { GO_SAME_PACKAGE } from './imports.js';
import { NativeMemory } from './memory.js';
import { Pool, workerCount, type WorkerSetup } from './pool.js';
import { compiledRulesOf, fromWire, parseAhead, runFile, type Outcome } from './run-file.js';
import { takeNativeChars } from './parse-source.js';
import { FLAT_MIN_FILES, loadFlatGrammars } from './flat/grammar.js';

export { compiledRulesOf } from './run-file.js';

const SKIPPED = /(^|\/)(vendor|vendors|third_party|dist|build|out|static\/js|public\/js|site-packages|__tests__|__mocks__|fixtures?)\/|\.min\.(js|mjs)$|[.-]bundle\.js$|\.(test|spec)\.[cm]?[jt]sx?$|(^|\/)(test_[^/]*|[^/]*_test|conftest)\.py$|_test\.go$|(^|\/)src\/test\/|[^/]Tests?\.java$|(^|\/)tests\/.*\.php$|Test\.php$/;

/** Files per batch: the unit of work handed to a thread, and how often the main thread yields. */
const BATCH = 16;

export function compiledRules(): Map<RuleLanguage, CompiledRule[]> {
  return new Map(RULE_FAMILIES.map((family) => [family, compiledRulesOf(family)]));
}

/** Whether the scanner looks at `file` (language known, not vendored/minified/test code). */
export function isScannable(file: string): boolean {
  return languageOf(file) !== null && !SKIPPED.test(file);
}

/** The rules of every family among `files`, for the workers (the main thread needs them all too, in fromWire). */
function rulesFor(files: string[]): WorkerSetup['rules'] {
  const families = new Set<RuleLanguage>();
  for (const file of files) {
    const family = languageOf(file)?.family;
    if (family) families.add(family);
  }
  const out: WorkerSetup['rules'] = [];
  for (const family of families) {
    try {
      out.push([family, loadRulesOf(family)]);
    } catch {
      // An invalid rule file: the worker loads the family itself and reports it per file, as this thread does.
    }
  }
  return out;
}

/** Every file's outcome, by index; undefined for files left out after an abort. */
async function analyzeAll(repo: RepoFs, files: string[], options: ScanOptions): Promise<Array<Outcome | undefined>> {
  const outcomes: Array<Outcome | undefined> = new Array(files.length);
  const workers = workerCount(files.length);
  // JavaScript-family files parse into flat trees once the WebAssembly grammars are loaded (flat/grammar.ts).
  const isFlat = (i: number): boolean => languageOf(files[i]!)?.family === 'javascript';
  const all = files.map((_, i) => i);
  const flat = all.filter(isFlat).length >= FLAT_MIN_FILES && (await loadFlatGrammars());
  // With one worker and flat trees, the worker analyses the JavaScript files, which the main thread
  // parses for it (pool.ts IN_FLIGHT_PARSED), and the main thread scans the other files itself.
  const split = flat && workers === 1;
  const lists = split ? [all.filter(isFlat), all.filter((i) => !isFlat(i))] : [all];
  const taken = lists.map(() => 0);
  let next = 0;
  const from = (k: number): number[] | null => {
    const list = lists[k];
    if (!list || taken[k]! >= list.length || options.signal?.aborted) return null;
    // Smaller batches near the end, so the threads finish together rather than one waiting on another's last batches.
    const size = Math.max(1, Math.min(BATCH, Math.ceil((list.length - taken[k]!) / ((workers + 1) * 4))));
    const batch = list.slice(taken[k], taken[k]! + size);
    taken[k]! += batch.length;
    next += batch.length;
    return batch;
  };
  /** The next batch of any file (a worker's once the JavaScript files ran out, or the main thread's when it is not split). */
  const queue = (): number[] | null => from(0) ?? from(1);
  const pool = workers
    ? new Pool(
        workers,
        { rules: rulesFor(files), threads: workers + 1, flat },
        queue,
        (i) => ({ file: files[i]!, text: repo.readText(files[i]!) }),
        (i, o) => (outcomes[i] = fromWire(o)),
        split ? parseAhead : null,
      )
    : null;
  const memory = new NativeMemory(workers + 1);
  try {
    for (;;) {
      // Split work: the main thread takes only the other files (and parses for the worker meanwhile, in Pool).
      const batch = pool ? (pool.pipelined ? (from(1) ?? (pool.saturated ? from(0) : null)) : pool.take()) : queue();
      if (!batch) {
        if (!pool?.pending) break;
        await pool.next();
        if (pool.pipelined) options.progress?.(Math.round((Math.min(next, files.length) / files.length) * 100), files[Math.min(next, files.length) - 1]!);
        continue;
      }
      for (const i of batch) outcomes[i] = runFile(files[i]!, repo.readText(files[i]!));
      // Let finalizers of dropped trees run (see memory.ts) and worker answers arrive.
      memory.check(takeNativeChars());
      await new Promise((resolve) => setImmediate(resolve));
      memory.settle();
      options.progress?.(Math.round((Math.min(next, files.length) / files.length) * 100), files[batch[batch.length - 1]!]!);
    }
  } finally {
    await pool?.close();
  }
  return outcomes;
}

export async function scanCode(repo: RepoFs, options: ScanOptions): Promise<ScanOutput> {
  ensureLanguages();
  const problems: ScanProblem[] = [];
  const hits: Hit[] = [];
  const exported = new Map<string, Map<string, ExportedSink[]>>();
  const pending: PendingCall[] = [];
  const apps: Array<{ rule: CompiledRule; file: string; node: SerializedNode }> = [];
  const present = new Map<string, Set<string>>();
  const requires = new Map<string, Set<string>>();
  const files = repo.files().filter(isScannable);
  const outcomes = await analyzeAll(repo, files, options);
  let scanned = 0;
  // Merged in file order, whichever thread analysed each file: the output does not depend on the split.
  for (const [i, file] of files.entries()) {
    const outcome = outcomes[i];
    if (!outcome) break;
    if (outcome.kind === 'skipped') continue;
    if (outcome.kind === 'parse-error') {
      problems.push({ code: 'DSQ_ERR_CODE_PARSE', file, message: outcome.message });
      continue;
    }
    scanned++;
    if (outcome.kind === 'failed') {
      log.debug(`code scan failed on ${file}: ${outcome.message}`);
      problems.push({ code: 'DSQ_ERR_CODE_RULE', file, message: outcome.message });
      continue;
    }
    const r = outcome.result;
    hits.push(...r.hits);
    for (const message of r.errors) problems.push({ code: 'DSQ_ERR_CODE_RULE', file, message });
    if (r.exported.size) exported.set(file, r.exported);
    pending.push(...r.pending);
    for (const app of r.apps) apps.push({ ...app, file });
    const project = projectOf(repo, file, outcome.family);
    for (const id of r.present) present.set(project, (present.get(project) ?? new Set()).add(id));
    for (const id of r.requires) requires.set(project, (requires.get(project) ?? new Set()).add(id));
  }

  // One level across modules: request data handed to an imported function whose parameter reaches a sink.
  for (const call of pending) {
    for (const target of targetsOf(repo, call, exported)) {
      for (const s of exported.get(target)?.get(call.binding.name) ?? []) {
        if (call.taintedArgs.includes(s.param)) {
          hits.push({ rule: s.rule, file: target, node: s.node, note: `request data passed from ${call.file}:${call.line}` });
        }
      }
    }
  }

  // Missing controls: once per app, unless the project sets the control up in any of its files.
  for (const app of apps) {
    const project = projectOf(repo, app.file, app.rule.family);
    if (present.get(project)?.has(app.rule.rule.id)) continue;
    if (app.rule.control?.requires && !requires.get(project)?.has(app.rule.rule.id)) continue;
    hits.push({ rule: app.rule, file: app.file, node: app.node });
  }
  return { findings: toFindings(hits), problems, scanned };
}

/** Files a pending call may land in: one module (JS/Python), or every other file of a Go package. */
function targetsOf(repo: RepoFs, call: PendingCall, exported: Map<string, unknown>): string[] {
  if (!call.file.endsWith('.go')) {
    const target = resolveModule(repo, call.file, call.binding.specifier);
    return target ? [target] : [];
  }
  const dir = resolveGoPackage(repo, call.file, call.binding.specifier, GO_SAME_PACKAGE);
  if (dir === null) return [];
  return [...exported.keys()].filter((f) => f !== call.file && f.endsWith('.go') && f.slice(0, Math.max(0, f.lastIndexOf('/'))) === dir);
}

/** Findings with fingerprints from rule + file + normalised code (+ occurrence), never the line. */
export function toFindings(hits: Hit[]): Finding[] {
  const seen = new Set<string>();
  const occurrences = new Map<string, number>();
  const out: Finding[] = [];
  for (const hit of hits) {
    const node = hit.node;
    const key = `${hit.rule.rule.id}|${hit.file}|${node.line}|${node.column}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const normalised = node.text.replace(/\s+/g, ' ').trim().slice(0, 500);
    const base = `${hit.rule.rule.id}\0${hit.file}\0${normalised}`;
    const n = occurrences.get(base) ?? 0;
    occurrences.set(base, n + 1);
    const r = hit.rule.rule;
    out.push({
      ruleId: r.id,
      title: r.title,
      severity: r.severity,
      owasp: r.owasp,
      cwe: r.cwe,
      category: 'code',
      confidence: r.confidence,
      location: { file: hit.file, line: node.line, column: node.column, endLine: node.endLine, endColumn: node.endColumn },
      message: hit.note ? `${r.message.trim()} (${hit.note})` : r.message.trim(),
      recommendation: r.recommendedAction.trim(),
      fingerprint: createHash('sha256').update(`${base}\0${n}`).digest('hex').slice(0, 32),
    });
  }
  return out.sort((a, b) => a.location.file.localeCompare(b.location.file) || a.location.line - b.location.line || a.ruleId.localeCompare(b.ruleId));
}
