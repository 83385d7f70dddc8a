/** The human-readable analysis: one block per service, evidence under each fact with --explain. */
import type { Colors } from '../../io.js';
import type { DirectoryVerdict } from '../../../plan/analyze.js';
import type { Evidence, ProjectPlan, ServicePlan } from '../../../plan/schema.js';

interface FormatOptions {
  explain: boolean;
  color: Colors;
}

export function formatPlan(plan: ProjectPlan, verdicts: readonly DirectoryVerdict[], options: FormatOptions): string {
  const c = options.color;
  const lines: string[] = [];
  const count = plan.services.length;
  const tools = plan.monorepo?.tools.length ? ` (${plan.monorepo.tools.join(', ')})` : '';
  lines.push(c.bold(`${plan.name}: ${count} service${count === 1 ? '' : 's'}${tools}`));
  for (const service of plan.services) lines.push('', ...formatService(service, options));
  if (options.explain && verdicts.length > 0) {
    lines.push('', c.bold('Directories'));
    for (const v of verdicts) lines.push(`  ${v.dir || '.'}  ${c.dim(`${v.detector}: ${v.detection.role}, ${v.detection.reason}`)}`);
  }
  for (const w of plan.warnings) lines.push('', c.yellow(`! ${w}`));
  if (plan.diagnostics.length > 0) {
    lines.push('', c.bold('Problems found while reading the repository'));
    for (const d of plan.diagnostics) lines.push(`  ${c.yellow(d.code)} ${d.message}`);
  }
  if (!options.explain && count > 0) lines.push('', c.dim('Run with --explain to see the file and line behind every fact, or --json for the plan.'));
  return lines.join('\n');
}

function formatService(s: ServicePlan, options: FormatOptions): string[] {
  const c = options.color;
  const out: string[] = [`${c.bold(c.cyan(s.name))}  ${c.dim(s.path || '.')}`];
  const row = (label: string, value: string | null, facts: string[] = []): void => {
    if (value === null || value === '') return;
    out.push(`  ${label.padEnd(11)} ${value}`);
    if (options.explain) for (const e of evidenceFor(s, facts)) out.push(`  ${' '.repeat(11)} ${c.dim(`← ${where(e)}  ${e.note}`)}`);
  };
  const runtimeName = s.runtime.name === s.language ? '' : `${s.runtime.name} `;
  const runtime = `${runtimeName}${s.runtime.version}${s.runtime.source === 'default' ? ' (default)' : ''}`;
  const pm = s.packageManager ? `${s.packageManager.name}${s.packageManager.version ? ` ${s.packageManager.version}` : ''}${s.packageManager.lockfile ? ` (${s.packageManager.lockfile})` : ' (no lockfile)'}` : null;
  row('stack', [s.language, runtime, s.framework, pm].filter(Boolean).join(' · '), ['runtime', 'framework', 'packageManager']);
  const port = s.port.value === null ? 'no port found' : `port ${s.port.value}${s.port.envVar ? ` (${s.port.envVar})` : ''}`;
  row('kind', s.kind === 'worker' ? 'worker (no port)' : `${s.kind} on ${port}`, ['port', 'kind']);
  row('health', s.health.path, ['health']);
  row('install', s.commands.install, ['install']);
  row('build', s.commands.build, ['build']);
  row('start', s.commands.start, ['start']);
  row('migrate', s.commands.migrate, ['migrate']);
  if (s.build.context !== s.path) row('context', s.build.context || '.', ['build.context']);
  if (s.build.workspacePackages.length > 0) row('needs', s.build.workspacePackages.join(', '), ['workspace']);
  const env = s.env.map((e) => `${e.name}${e.secret ? c.magenta(' (secret)') : ''}${e.required ? '' : c.dim(' (optional)')}`);
  row('env', env.join(', '), s.env.map((e) => `env:${e.name}`));
  row('backing', s.backingServices.map((b) => `${b.kind}${b.envVar ? ` (${b.envVar})` : ''}`).join(', '), s.backingServices.map((b) => `backing:${b.kind}`));
  row('depends on', s.dependsOn.join(', '), s.dependsOn.map((d) => `dependsOn:${d}`));
  const existing = [s.existing.dockerfile, s.existing.compose, ...s.existing.ci, ...s.existing.kubernetes.slice(0, 3)].filter((x): x is string => x !== null);
  row('existing', existing.join(', '));
  for (const w of s.warnings) out.push(`  ${c.yellow(`! ${w}`)}`);
  return out;
}

function evidenceFor(s: ServicePlan, facts: string[]): Evidence[] {
  return s.evidence.filter((e) => facts.includes(e.fact));
}

function where(e: Evidence): string {
  return e.line === undefined ? e.file : `${e.file}:${e.line}`;
}
