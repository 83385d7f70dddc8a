/**
 * `devsquad generate [path] [--only …] [--service …] [--plan plan.json] [--write | --out DIR] [--force]`.
 * Dry run by default: shows what would be created, updated or refused, with diffs. Every file is
 * validated before it can be written.
 */
import path from 'node:path';
import { createTwoFilesPatch } from 'diff';
import { DsqError } from '../../../core/errors.js';
import { defaultFamilies, runGenerators, type GeneratorRegistry } from '../../../generate/run.js';
import { applyWrites, planWrites, type PlannedWrite } from '../../../write/writer.js';
import type { Io } from '../../io.js';
import { analyzePath, readPlanFile } from '../../plan-source.js';
import { VERSION } from '../../version.js';
import type { ProjectPlan } from '../../../plan/schema.js';
import { parseInputs } from './inputs.js';
import { formatDiagnostic } from '../validate/format.js';

export interface GenerateCommandOptions {
  path: string;
  only?: string[];
  service?: string[];
  plan?: string;
  write?: boolean;
  out?: string;
  force?: boolean;
  json?: boolean;
  /** Dry run: list the files without diffs. */
  summary?: boolean;
  input?: string[];
  /** Shortcuts for ci.providers and terraform.cloud. */
  ci?: string[];
  cloud?: string[];
  platform?: string[];
  /** Show the plan facts behind each file and the choices its generator made. */
  explain?: boolean;
  /** Families to choose from; infrastructure unless a command says otherwise (observe: monitoring parts). */
  registry?: GeneratorRegistry;
  /** Called with the plan before generation starts (observe: start loading the TypeScript compiler). */
  prepare?: (plan: ProjectPlan) => void;
}

export async function generate(options: GenerateCommandOptions, io: Io): Promise<number> {
  if (options.write && options.out) throw new DsqError('DSQ_ERR_CLI_USAGE', { detail: '--write and --out cannot be used together: --write writes into the repository, --out DIR elsewhere.' });
  const plan: ProjectPlan = options.plan ? readPlanFile(options.plan) : analyzePath(options.path).plan;
  if (plan.services.length === 0) throw new DsqError('DSQ_ERR_DETECT_NO_SERVICES', { path: options.path });
  options.prepare?.(plan);
  const result = runGenerators(plan, { only: familiesFor(options), services: splitList(options.service), inputs: withShortcuts(parseInputs(options.input ?? []), options), version: VERSION, ...(options.registry ? { registry: options.registry } : {}) });
  if (result.invalid.length > 0) {
    for (const bad of result.invalid) {
      io.err(io.color.red(`${bad.file.path}: generated output failed validation`));
      for (const d of bad.diagnostics) io.err(formatDiagnostic(d, io.color));
    }
    const first = result.invalid[0]!;
    throw new DsqError('DSQ_ERR_GENERATE_INVALID_OUTPUT', { path: first.file.path, count: first.diagnostics.length });
  }
  const mode = options.out ? 'out' : options.write ? 'write' : 'dry-run';
  const root = path.resolve(options.out ?? options.path);
  const files = result.files.map((f) => f.file);
  const planned = planWrites(files, { root, force: Boolean(options.force) });
  const applied = mode === 'dry-run' ? null : await applyWrites(planned, { root, force: Boolean(options.force) });
  const conflicts = planned.filter((p) => p.action === 'conflict');
  if (options.json) {
    io.out(JSON.stringify({
      mode,
      root,
      services: plan.services.map((s) => s.name),
      files: planned.map((p) => ({ path: p.file.path, kind: p.file.kind, generator: p.file.generator, action: p.action, reason: p.reason, notes: p.file.notes ?? [], evidence: p.file.evidence ?? [] })),
      written: applied?.written ?? [],
      backups: applied?.backups ?? [],
      conflicts: conflicts.map((p) => p.file.path),
    }, null, 2));
  } else {
    printHuman(io, planned, { mode, root, summary: Boolean(options.summary), backups: applied?.backups ?? [], services: plan.services.length });
    if (options.explain) printExplain(io, planned);
  }
  return conflicts.length > 0 && mode !== 'dry-run' ? new DsqError('DSQ_ERR_WRITE_CONFLICT', { path: conflicts[0]!.file.path }).exitCode : 0;
}

function printHuman(io: Io, planned: PlannedWrite[], ctx: { mode: string; root: string; summary: boolean; backups: string[]; services: number }): void {
  const c = io.color;
  const verb = ctx.mode === 'dry-run' ? 'would' : '';
  io.out(c.bold(`${planned.length} file${planned.length === 1 ? '' : 's'} for ${ctx.services} service${ctx.services === 1 ? '' : 's'}${ctx.mode === 'dry-run' ? ' (dry run)' : ''} in ${ctx.root}`));
  const paint: Record<string, (s: string) => string> = { create: c.green, update: c.cyan, unchanged: c.dim, conflict: c.red, overwrite: c.yellow };
  for (const p of planned) {
    const label = (paint[p.action] ?? ((s: string) => s))(p.action.padEnd(9));
    io.out(`  ${label} ${p.file.path}${p.reason ? c.dim(`  (${p.reason})`) : ''}`);
  }
  if (ctx.mode === 'dry-run' && !ctx.summary) {
    for (const p of planned) {
      if (p.action === 'unchanged') continue;
      const diff = p.diff ?? createTwoFilesPatch('/dev/null', `b/${p.file.path}`, '', p.file.content, '', '', { context: 3 });
      io.out('');
      io.out(colorDiff(diff, c));
    }
  }
  for (const b of ctx.backups) io.out(c.yellow(`  backup    ${b}`));
  const conflicts = planned.filter((p) => p.action === 'conflict');
  if (conflicts.length > 0) {
    io.err(c.yellow(`${conflicts.length} file${conflicts.length === 1 ? ' was' : 's were'} left alone because you wrote or edited ${conflicts.length === 1 ? 'it' : 'them'}. Re-run with --force to overwrite (a backup is kept in .devsquad/backups/), or --out DIR to write elsewhere.`));
  }
  if (ctx.mode === 'dry-run') io.out(c.dim(`Nothing was written${verb ? '' : ''}. Re-run with --write to write into the repository, or --out DIR to write elsewhere.`));
}

/** Why each file is what it is: the choices its generator made, then the plan facts it read. */
function printExplain(io: Io, planned: PlannedWrite[]): void {
  const c = io.color;
  for (const { file } of planned) {
    const notes = file.notes ?? [];
    const evidence = file.evidence ?? [];
    if (notes.length === 0 && evidence.length === 0) continue;
    io.out('');
    io.out(c.bold(`Why ${file.path}`));
    for (const note of notes) io.out(`  - ${note}`);
    for (const e of evidence) io.out(c.dim(`  ← ${e.fact}: ${e.line === undefined ? e.file : `${e.file}:${e.line}`}  ${e.note}`));
  }
}

function colorDiff(diff: string, c: Io['color']): string {
  return diff
    .split('\n')
    .filter((l) => !l.startsWith('====='))
    .map((l) => (l.startsWith('+') && !l.startsWith('+++') ? c.green(l) : l.startsWith('-') && !l.startsWith('---') ? c.red(l) : l.startsWith('@@') ? c.cyan(l) : l))
    .join('\n');
}

/** `--ci github,gitlab`, `--cloud aws` and `--platform fly` are the common inputs, spelled as flags. */
function withShortcuts(inputs: Record<string, Record<string, unknown>>, options: GenerateCommandOptions): Record<string, Record<string, unknown>> {
  const ci = splitList(options.ci);
  const cloud = splitList(options.cloud);
  const platforms = splitList(options.platform);
  if (ci.length > 0) (inputs.ci ??= {}).providers = ci;
  if (cloud.length > 0) (inputs.terraform ??= {}).cloud = cloud;
  if (platforms.length > 0) (inputs.platform ??= {}).platforms = platforms;
  return inputs;
}

/** `--platform fly` asks for the (opt-in) platform family: with no --only, on top of the defaults. */
function familiesFor(options: GenerateCommandOptions): string[] {
  const only = splitList(options.only);
  if (options.registry || splitList(options.platform).length === 0 || only.includes('platform')) return only;
  return [...(only.length > 0 ? only : defaultFamilies()), 'platform'];
}

/** `--only dockerfile,compose --only ci` → ['dockerfile', 'compose', 'ci']. */
export function splitList(values: readonly string[] | undefined): string[] {
  return (values ?? []).flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);
}
