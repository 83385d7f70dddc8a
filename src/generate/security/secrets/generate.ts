/**
 * Secrets management: `security/secrets.env.example` listing every secret env var the plan found
 * (names only, never a value; named so it never collides with the app's own .env.example), wiring for
 * the chosen provider (Vault, AWS Secrets Manager, GCP Secret Manager, Azure Key Vault, Doppler, SOPS),
 * External Secrets Operator manifests, and SECRETS.md with the setup and rotation notes.
 */
import { GENERATED_MARKER } from '../../../core/generated.js';
import { headerComment, type GenerateContext, type GeneratedFile } from '../../types.js';
import { allSecretNames, inputs, secretsByService, type SecretsInputs, type ServiceSecrets } from './model.js';
import { externalSecrets, providerFiles, SECRETS_DIR } from './providers.js';
import { rotationNotes, setupSteps } from './docs.js';

export { inputs, type SecretsInputs };

export const SECRETS_EXAMPLE = 'security/secrets.env.example';

function exampleFile(project: string, groups: readonly ServiceSecrets[]): string {
  const lines = [
    headerComment('#', `the plan of ${project}`),
    '# Every secret env var the plan found, with NO values. Fill them in your secret manager, never here.',
  ];
  const seen = new Set<string>();
  for (const { service, names } of groups) {
    const fresh = names.filter((n) => !seen.has(n));
    const shared = names.filter((n) => seen.has(n));
    if (fresh.length === 0 && shared.length === 0) continue;
    lines.push('', `# ${service.name} (${service.path || '.'})${shared.length ? `; also uses ${shared.join(', ')}` : ''}`);
    for (const name of fresh) {
      lines.push(`${name}=`);
      seen.add(name);
    }
  }
  if (seen.size === 0) lines.push('', '# The plan found no secret env vars.');
  return `${lines.join('\n')}\n`;
}

function secretsDoc(project: string, groups: readonly ServiceSecrets[], options: SecretsInputs, written: readonly string[]): string {
  const rows = groups.flatMap(({ service, names }) => names.map((n) => `| \`${n}\` | ${service.name} |`));
  return [
    `<!-- ${GENERATED_MARKER} the plan of ${project}; edit freely, devsquad will not overwrite your edits -->`,
    `# Secrets: ${project}`,
    '',
    `Provider: **${options.provider}** (change with \`--input secrets.provider=vault|aws|gcp|azure|doppler|sops\`).`,
    '',
    '## Secrets the plan found',
    '',
    ...(rows.length ? ['| Env var | Service |', '| --- | --- |', ...rows] : ['None: the plan found no secret env vars. Add names to `secrets.env.example` by hand if it missed some.']),
    '',
    `\`${SECRETS_EXAMPLE}\` lists them without values: copy it, fill the copy from your secret manager, never commit the copy.`,
    '',
    '## Files',
    '',
    ...written.map((p) => `- \`${p}\``),
    '',
    '## Setup',
    '',
    ...setupSteps(project, groups, options),
    '',
    '## Rotation',
    '',
    ...rotationNotes(options.provider),
    '',
  ].join('\n');
}

export function generate(context: GenerateContext, options: SecretsInputs): GeneratedFile[] {
  const project = context.plan.name;
  const groups = secretsByService(context.services);
  const names = allSecretNames(context.services);
  const files: GeneratedFile[] = [
    { path: SECRETS_EXAMPLE, content: exampleFile(project, groups), kind: 'dotenv', generator: 'secrets', evidence: context.services.flatMap((s) => s.evidence.filter((e) => e.fact.startsWith('env:') && names.includes(e.fact.slice(4)))), notes: [`${names.length} secret env vars, names only`] },
    ...providerFiles(project, groups, options),
    ...externalSecrets(project, groups, options),
  ];
  files.push({ path: `${SECRETS_DIR}/SECRETS.md`, content: secretsDoc(project, groups, options, files.map((f) => f.path)), kind: 'markdown', generator: 'secrets', notes: [`provider ${options.provider}`] });
  return files;
}
