/**
 * The per-part SECURITY-HARDENING.md each service gets: what was written, the packages to add (with
 * versions: devsquad never edits the user's manifests), how to wire it in, and how to run its tests.
 */
import type { ServicePlan } from '../../../plan/schema.js';
import { GENERATED_MARKER } from '../../../core/generated.js';

export interface Dependency {
  name: string;
  version: string;
  dev?: boolean;
}

export interface HardeningDoc {
  title: string;
  service: ServicePlan;
  stackLabel: string;
  summary: string[];
  files: { path: string; what: string }[];
  dependencies: Dependency[];
  wiring: string[];
  /** The command that runs the generated tests, from the service directory. */
  test: string;
  caveats: string[];
}

export function installLine(family: 'ts' | 'python' | 'go', deps: readonly Dependency[]): string[] {
  const runtime = deps.filter((d) => !d.dev);
  const dev = deps.filter((d) => d.dev);
  if (family === 'ts') {
    return [
      ...(runtime.length ? [`npm install ${runtime.map((d) => `${d.name}@${d.version}`).join(' ')}`] : []),
      ...(dev.length ? [`npm install --save-dev ${dev.map((d) => `${d.name}@${d.version}`).join(' ')}`] : []),
    ];
  }
  if (family === 'python') return [`pip install ${deps.map((d) => `"${d.name}${d.version}"`).join(' ')}  # or add them with uv/poetry/pdm`];
  return runtime.map((d) => `go get ${d.name}@${d.version}`);
}

export function renderDoc(doc: HardeningDoc, install: string[]): string {
  const lines = [
    `<!-- ${GENERATED_MARKER} the plan of ${doc.service.name}; edit freely, devsquad will not overwrite your edits -->`,
    `# ${doc.title}: ${doc.service.name} (${doc.stackLabel})`,
    '',
    ...doc.summary,
    '',
    '## Files',
    '',
    ...doc.files.map((f) => `- \`${f.path}\`: ${f.what}`),
    '',
    '## Dependencies',
    '',
    'devsquad does not edit your manifests; add these yourself:',
    '',
    '| Package | Version | Scope |',
    '| --- | --- | --- |',
    ...doc.dependencies.map((d) => `| \`${d.name}\` | \`${d.version}\` | ${d.dev ? 'dev' : 'runtime'} |`),
    '',
    '```sh',
    ...install,
    '```',
    '',
    '## Wiring it in',
    '',
    ...doc.wiring,
    '',
    '## Tests',
    '',
    'The generated tests exercise the generated code; run them from the service directory:',
    '',
    '```sh',
    doc.test,
    '```',
  ];
  if (doc.caveats.length) lines.push('', '## Caveats', '', ...doc.caveats.map((c) => `- ${c}`));
  return `${lines.join('\n')}\n`;
}
