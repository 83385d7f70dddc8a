/**
 * The code scanner: each source file is read through RepoFs, parsed once, and every rule of its
 * language runs over that one tree. Then two repository-level passes: calls that carry request
 * data into a function imported from another module of the repository are matched against that
 * function's summary (one level), and "missing control" rules are resolved per project.
 */
import { createHash } from 'node:crypto';
import v8 from 'node:v8';
import vm from 'node:vm';
import { parse, type SgNode } from '@ast-grep/napi';
import type { RepoFs } from '../../core/repo/repo-fs.js';
import type { Finding } from '../../core/finding.js';
import { log } from '../../core/logger.js';
import type { ScanOptions, ScanOutput, ScanProblem } from '../types.js';
import { analyzeFile, type ExportedSink, type Hit, type PendingCall, type SerializedNode } from './analyze-file.js';
import { compileRule, type CompiledRule } from './compile.js';
import { ensureLanguages, languageOf, type RuleLanguage } from './languages.js';
import { loadRules } from './rules.js';
import { projectOf, resolveGoPackage, resolveModule } from './resolve.js';
import { GO_SAME_PACKAGE } from './imports.js';

const SKIPPED = /(^|\/)(vendor|vendors|third_party|dist|build|out|static\/js|public\/js|site-packages|__tests__|__mocks__|fixtures?)\/|\.min\.(js|mjs)$|[.-]bundle\.js$|\.(test|spec)\.[cm]?[jt]sx?$|(^|\/)(test_[^/]*|[^/]*_test|conftest)\.py$|_test\.go$|(^|\/)src\/test\/|[^/]Tests?\.java$|(^|\/)tests\/.*\.php$|Test\.php$/;

let compiled: Map<RuleLanguage, CompiledRule[]> | null = null;

export function compiledRules(): Map<RuleLanguage, CompiledRule[]> {
  if (compiled) return compiled;
  compiled = new Map();
  for (const loaded of loadRules()) {
    const list = compiled.get(loaded.family) ?? [];
    list.push(compileRule(loaded));
    compiled.set(loaded.family, list);
  }
  return compiled;
}

/**
 * ast-grep's trees and match results are native memory freed by N-API finalizers, which run only
 * when V8 collects their small JS wrappers AND the event loop turns. V8 sees no pressure from the
 * native side, so a long scan grows by ~150 KB per parsed file (850 MB for 100k lines) unless we
 * collect and yield now and then. `gc` is exposed at run time when node was not started with it.
 */
let collect: (() => void) | null | undefined;
function gcFunction(): (() => void) | null {
  if (collect !== undefined) return collect;
  collect = (globalThis as { gc?: () => void }).gc ?? null;
  if (!collect) {
    try {
      v8.setFlagsFromString('--expose-gc');
      collect = vm.runInNewContext('gc') as () => void;
    } catch {
      collect = null;
    }
  }
  return collect;
}

/** Native memory allowed to build up between two collections. */
const NATIVE_SLACK = 48 * 1024 * 1024;

/** Minified or generated: very long lines. */
function looksMinified(text: string): boolean {
  if (text.length < 5000) return false;
  const lines = text.split('\n', 50);
  return lines.some((l) => l.length > 1000);
}

/** Whether the scanner looks at `file` (language known, not vendored/minified/test code). */
export function isScannable(file: string): boolean {
  return languageOf(file) !== null && !SKIPPED.test(file);
}

export async function scanCode(repo: RepoFs, options: ScanOptions): Promise<ScanOutput> {
  ensureLanguages();
  const rules = compiledRules();
  const problems: ScanProblem[] = [];
  const hits: Hit[] = [];
  const exported = new Map<string, Map<string, ExportedSink[]>>();
  const pending: PendingCall[] = [];
  const apps: Array<{ rule: CompiledRule; file: string; node: SerializedNode }> = [];
  const present = new Map<string, Set<string>>();
  const requires = new Map<string, Set<string>>();
  const files = repo.files().filter(isScannable);
  let scanned = 0;
  let rssMark = process.memoryUsage.rss();
  for (const [i, file] of files.entries()) {
    if (options.signal?.aborted) break;
    if (i % 32 === 31) {
      // Let finalizers of dropped trees run (see gcFunction); collect when native memory piled up.
      if (process.memoryUsage.rss() > rssMark + NATIVE_SLACK) gcFunction()?.();
      await new Promise((resolve) => setImmediate(resolve));
      rssMark = Math.min(rssMark, process.memoryUsage.rss());
    }
    const info = languageOf(file);
    const text = repo.readText(file);
    if (!info || text === null || looksMinified(text)) continue;
    let root: SgNode;
    try {
      root = parse(info.grammar, text).root();
    } catch (cause) {
      problems.push({ code: 'DSQ_ERR_CODE_PARSE', file, message: `could not parse: ${String(cause)}` });
      continue;
    }
    scanned++;
    try {
      const r = analyzeFile(root, file, info.family, rules.get(info.family) ?? []);
      hits.push(...r.hits);
      for (const message of r.errors) problems.push({ code: 'DSQ_ERR_CODE_RULE', file, message });
      if (r.exported.size) exported.set(file, r.exported);
      pending.push(...r.pending);
      for (const app of r.apps) apps.push({ ...app, file });
      const project = projectOf(repo, file, info.family);
      for (const id of r.present) present.set(project, (present.get(project) ?? new Set()).add(id));
      for (const id of r.requires) requires.set(project, (requires.get(project) ?? new Set()).add(id));
    } catch (cause) {
      log.debug(`code scan failed on ${file}: ${String(cause)}`);
      problems.push({ code: 'DSQ_ERR_CODE_RULE', file, message: String(cause) });
    }
    if (i % 200 === 0) options.progress?.(Math.round((i / files.length) * 100), file);
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
